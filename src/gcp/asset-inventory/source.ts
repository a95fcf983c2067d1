import type { Route } from '../routes.js';
import { SourceInFront, type RestSource } from '../source.js';
import type { AssetIndex } from './index.js';

/**
 * The live source with Cloud Asset Inventory in front: a request for a covered type is answered from the
 * organization's listing (in the API's REST shape, so the checks read it unchanged), anything else goes to the API.
 */
export class AssetInventorySource extends SourceInFront {
  constructor(
    api: RestSource,
    private readonly index: AssetIndex,
    /** projectId → projects/NUMBER, from discovery: assets name their project by number. */
    private readonly numbers: ReadonlyMap<string, string>,
  ) {
    super(api);
  }

  /** The inventory's answer to a request it covers; anything else as the source behind it answers. */
  override answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    const answer = this.index.answer(route, params, this.numberOf(params));
    if (!answer.covered) return super.answerLocally(route, params);
    return () => {
      if ('error' in answer) throw answer.error;
      return answer.value;
    };
  }

  /** The project is judged: its assets are released. */
  override forget(projectId: string): void {
    const number = this.numbers.get(projectId);
    if (number) this.index.forget(number);
  }

  private numberOf(params: Record<string, string>): string | undefined {
    return params.project ? this.numbers.get(params.project) : undefined;
  }
}
