import type { Spool, Slice } from '../util/spool.js';
import type { ProjectOutcome, ProjectOutcomeList } from './result.js';

/**
 * Each project's outcome written to a spool as it is judged and read back when the report is written, in the
 * scope's order whatever order the projects finished in: what an organization audit holds in memory is an offset
 * per project, not its risks and checks (at 10,000 projects those were tens of megabytes of objects).
 */
export class SpooledOutcomes implements ProjectOutcomeList {
  private readonly slices: (Slice | undefined)[];

  constructor(
    private readonly spool: Spool,
    readonly length: number,
  ) {
    this.slices = new Array<Slice | undefined>(length).fill(undefined);
  }

  /** The outcome of the project at `index` in the scope's order. */
  set(index: number, outcome: ProjectOutcome): void {
    this.place(index, this.stage(outcome), outcome.projectId);
  }

  /** An outcome written to the spool, not yet in the report: `place` puts it there (a merge's shard, once sound). */
  stage(outcome: ProjectOutcome): Slice {
    return this.spool.append(JSON.stringify(outcome));
  }

  place(index: number, slice: Slice, projectId: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length)
      throw new RangeError(`no project ${index} among ${this.length}`);
    if (this.slices[index]) throw new Error(`project ${index} (${projectId}) was judged twice`);
    this.slices[index] = slice;
  }

  at(index: number): ProjectOutcome | undefined {
    const slice = this.slices[index < 0 ? this.length + index : index];
    return slice ? (JSON.parse(this.spool.read(slice)) as ProjectOutcome) : undefined;
  }

  /** As an array wherever the whole report is stringified (a small one: result-json.ts writes a project at a time). */
  toJSON(): ProjectOutcome[] {
    return [...this];
  }

  *[Symbol.iterator](): Iterator<ProjectOutcome> {
    for (let index = 0; index < this.length; index++) {
      const outcome = this.at(index);
      // Every project is judged before the report is read: a gap is a bug, never a shorter report.
      if (!outcome) throw new Error(`project ${index} of ${this.length} has no outcome`);
      yield outcome;
    }
  }
}
