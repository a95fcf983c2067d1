import { MalformedEvidence, settle, type MaybeUnknown } from '../checks/evidence.js';
import type { CheckDefinition } from '../checks/types.js';
import type { CompiledCondition } from './cel.js';
import { conditions } from './conditions.js';
import { listsOf, type ProbeDefinition } from './definition.js';
import { probeRoute } from './url.js';

/** A probe's conditions, compiled when the register was read. */
export interface CompiledProbe {
  definition: ProbeDefinition;
  where?: CompiledCondition;
  require?: CompiledCondition;
}

/** Compiles a probe the register loader has already validated (a problem here is a defect, not bad input). */
export function compileProbe(definition: ProbeDefinition): CompiledProbe {
  const { compileCondition, isProblem } = conditions();
  const compile = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const compiled = compileCondition(text);
    if (isProblem(compiled)) throw new Error(`${definition.id}: ${compiled.message}`);
    return compiled;
  };
  const where = compile(definition.where);
  const require = compile(definition.require);
  return { definition, ...(where ? { where } : {}), ...(require ? { require } : {}) };
}

/** How a resource is named in the evidence: its resource name, else its id, else its place in the list. */
function nameOf(item: unknown, url: string, index: number): string {
  const record = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  for (const field of ['name', 'selfLink', 'id'])
    if (typeof record[field] === 'string' && record[field] !== '') return record[field];
  return `${url} [${index}]`;
}

/**
 * A probe as a check: the same four outcomes and evidence as a built-in one. A list that could not be read or said
 * it is partial, an item that is not an object, or a condition that errs on an item (a field absent and not guarded
 * by has()) is unverified for that item, never a pass; `where` choosing nothing is not applicable.
 */
export function probeCheck(probe: CompiledProbe): CheckDefinition {
  const { definition } = probe;
  const lists = listsOf(definition);
  return {
    id: definition.id,
    title: definition.title,
    collects: ['probes.lists'],
    permissions: [...new Set(lists.map((l) => l.permission))].sort(),
    reads: {
      permissions: [...new Set(lists.map((l) => l.permission))].sort(),
      apis: [...new Set(lists.map((l) => probeRoute(l).host))].sort(),
    },
    remediation: { text: definition.remediation, operational: 'a probe of the register: its fix is the team’s own' },
    evaluate(data) {
      const readings = data.get('probes.lists');
      const unread = lists.flatMap((l) => {
        const reading = readings[l.url];
        return !reading ? [`${l.url}: not read`] : reading.read ? [] : [`${l.url}: ${reading.why}`];
      });
      if (unread.length > 0) throw new MalformedEvidence(unread.join('; '));
      const chosen: MaybeUnknown[] = [];
      const selected: string[] = [];
      for (const list of lists) {
        const reading = readings[list.url] as { read: true; items: unknown[] };
        reading.items.forEach((item, index) => {
          const name = nameOf(item, list.url, index);
          const unknown = (why: string): MaybeUnknown => ({
            name,
            verdict: 'fail',
            unknown: true,
            detail: `unverified: ${why}`,
          });
          if (item === null || typeof item !== 'object' || Array.isArray(item)) {
            chosen.push(unknown('the list item is not an object'));
            return;
          }
          const cel = conditions().celItem(item);
          if (probe.where) {
            const where = probe.where(cel);
            if ('error' in where) return void chosen.push(unknown(`where: ${where.error}`));
            if (!where.value) return;
          }
          selected.push(name);
          if (!probe.require) return;
          const require = probe.require(cel);
          if ('error' in require) return void chosen.push(unknown(`require: ${require.error}`));
          chosen.push({
            name,
            verdict: require.value ? 'pass' : 'fail',
            detail: `require ${require.value ? 'holds' : 'is false'}: ${definition.require}`,
          });
        });
      }
      if (definition.expect === 'any') {
        if (selected.length > 0)
          return {
            resources: [
              {
                name: selected[0]!,
                verdict: 'pass',
                detail: `${selected.length} resource(s) match where: ${definition.where ?? 'true'}`,
              },
            ],
          };
        const errs = chosen.filter((c) => c.unknown);
        if (errs.length > 0) throw new MalformedEvidence(errs.map((c) => `${c.name}: ${c.detail}`).join('; '));
        return {
          resources: [
            {
              name: lists.map((l) => l.url).join(', '),
              verdict: 'fail',
              detail: `no resource matches where: ${definition.where ?? 'true'} (expect: any)`,
            },
          ],
        };
      }
      if (chosen.length === 0)
        return {
          resources: [
            {
              name: lists.map((l) => l.url).join(', '),
              verdict: 'not-applicable',
              detail: definition.where ? `no resource matches where: ${definition.where}` : 'the list is empty',
            },
          ],
        };
      return { resources: settle(chosen) };
    },
  };
}
