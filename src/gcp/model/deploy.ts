/** The fields of Cloud Deploy resources (REST) that the checks read. */
export interface DeliveryPipeline {
  name?: string;
  suspended?: boolean;
  serialPipeline?: { stages?: { targetId?: string; strategy?: { standard?: object; canary?: object } }[] };
}

export interface Automation {
  name?: string;
  suspended?: boolean;
  /** The targets the automation applies to: by id (`*` for every target of the location) and/or by labels. */
  selector?: { targets?: { id?: string; labels?: Record<string, string> }[] };
  rules?: { repairRolloutRule?: { id?: string; repairPhases?: { retry?: object; rollback?: object }[] } }[];
}

/** The target a serial pipeline promotes to last: production, for the checks. */
export function finalTarget(pipeline: DeliveryPipeline): string | undefined {
  return pipeline.serialPipeline?.stages?.at(-1)?.targetId;
}

/**
 * Whether an automation's selector takes in a target (Cloud Deploy: AutomationResourceSelector, TargetAttribute):
 * an attribute whose id is the target's or `*` and that names no labels does; one that also names labels does only
 * if the target carries them, which gtp does not read ('by-labels'); any other does not.
 */
export function selects(automation: Automation, targetId: string): 'yes' | 'no' | 'by-labels' {
  let answer: 'no' | 'by-labels' = 'no';
  for (const attribute of automation.selector?.targets ?? []) {
    if (attribute.id !== undefined && attribute.id !== '*' && attribute.id !== targetId) continue;
    if (Object.keys(attribute.labels ?? {}).length > 0) answer = 'by-labels';
    else if (attribute.id !== undefined) return 'yes';
  }
  return answer;
}

/** projects/P/locations/L/deliveryPipelines/NAME → L/NAME */
export function pipelineLabel(name: string | undefined): string {
  const match = /locations\/([^/]+)\/deliveryPipelines\/([^/]+)/.exec(name ?? '');
  return match ? `${match[1]}/${match[2]}` : (name ?? '(unnamed pipeline)');
}
