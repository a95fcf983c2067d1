/** The fields of Cloud Deploy resources (REST) that the checks read. */
export interface DeliveryPipeline {
  name?: string;
  suspended?: boolean;
  serialPipeline?: { stages?: { targetId?: string; strategy?: { standard?: object; canary?: object } }[] };
}

export interface Automation {
  name?: string;
  suspended?: boolean;
  rules?: { repairRolloutRule?: { id?: string; repairPhases?: { retry?: object; rollback?: object }[] } }[];
}

/** projects/P/locations/L/deliveryPipelines/NAME → L/NAME */
export function pipelineLabel(name: string | undefined): string {
  const match = /locations\/([^/]+)\/deliveryPipelines\/([^/]+)/.exec(name ?? '');
  return match ? `${match[1]}/${match[2]}` : (name ?? '(unnamed pipeline)');
}
