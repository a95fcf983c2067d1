import type { CollectionId } from '../collection-id.js';
import type { CollectionError } from '../errors.js';
import type { KubernetesTarget } from '../kubernetes.js';
import type { Route } from '../routes.js';
import type { RestSource } from '../source.js';
import type { AssetIndex } from './index.js';

/**
 * The live source with Cloud Asset Inventory in front: a request for a covered type is answered from the
 * organization's listing (in the API's REST shape, so the checks read it unchanged), anything else goes to the API.
 */
export class AssetInventorySource implements RestSource {
  readonly kind = 'live';

  constructor(
    private readonly api: RestSource,
    private readonly index: AssetIndex,
    /** projectId → projects/NUMBER, from discovery: assets name their project by number. */
    private readonly numbers: ReadonlyMap<string, string>,
  ) {}

  get requestTimeoutMs(): number | undefined {
    return this.api.requestTimeoutMs;
  }

  /** The inventory's answer to a request it covers, or undefined: the request goes to the API. */
  answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    const answer = this.index.answer(route, params, this.numberOf(params));
    if (!answer.covered) return undefined;
    return () => {
      if ('error' in answer) throw answer.error;
      return answer.value;
    };
  }

  fetch(route: Route, params: Record<string, string>): Promise<unknown> {
    const local = this.answerLocally(route, params);
    return local ? Promise.resolve().then(local) : this.api.fetch(route, params);
  }

  recordedError(id: CollectionId): CollectionError | undefined {
    return this.api.recordedError?.(id);
  }

  kubernetes(target: KubernetesTarget, path: string): Promise<unknown> {
    return this.api.kubernetes(target, path);
  }

  /** The project is judged: its assets are released. */
  forget(projectId: string): void {
    const number = this.numbers.get(projectId);
    if (number) this.index.forget(number);
  }

  async close(): Promise<void> {
    await this.api.close?.();
  }

  private numberOf(params: Record<string, string>): string | undefined {
    return params.project ? this.numbers.get(params.project) : undefined;
  }
}
