import { describeError } from './errors.js';
import { ROUTES, type Route } from './routes.js';
import { attemptsOf, eachPageOf, SourceInFront, type PageSink, type RestSource } from './source.js';
import { FiledPlaces, KeyNumbers } from '../util/filed-places.js';
import { MemorySpool, type Spool } from '../util/spool.js';

/** A paced, retried read of one request (the organization audit's own request path). */
export type PacedFetch = (route: Route, params: Record<string, string>) => Promise<unknown>;
/** The same, handing a list over a page at a time (RestSource.fetchEach). */
export type PacedFetchEach = (route: Route, params: Record<string, string>, begin: PageSink) => Promise<void>;

/** A finding of the organization's list that names no project gtp can place: the list is read project by project. */
class Unplaceable extends Error {}

interface FindingResult {
  resource?: {
    name?: string;
    gcpMetadata?: { project?: string; projectDisplayName?: string };
  };
}

/** Each project's findings, as JSON in the spool until the project asks for them (their places filed by project). */
type Listing = { ok: true; places: FiledPlaces } | { ok: false };

/**
 * Security Command Center's findings for a whole organization, read once per filter and location and placed in
 * each project: an organization audit otherwise lists every project's findings itself, three lists a project, and
 * SCC's quota made that the audit's floor.
 *
 * A finding belongs to the project its resource's `gcpMetadata.project` names (projects/NUMBER), else the project
 * its full resource name names (by id or number). A finding of a project outside the audit, or of a folder or the
 * organization itself, is in no project's list, as a project's own list would not have it. A finding gtp cannot
 * place, or an organization-level list that is refused or fails, makes that list be read project by project, as
 * before: never a project with fewer findings than its own list would give.
 */
export class OrganizationFindings {
  private readonly listings = new Map<string, Promise<Listing>>();
  private readonly keys = new KeyNumbers();
  private readonly forgotten = new Set<string>();
  private readonly byNumber: ReadonlyMap<string, string>;
  private readonly said = new Set<string>();

  private readonly fetch: PacedFetch;
  /** How the organization's lists are read: a page at a time where the source can. */
  private readonly lists: Pick<RestSource, 'fetch' | 'fetchEach'>;
  private readonly onFallback: (reason: string) => void;
  private readonly spool: Spool;

  constructor(
    private readonly organization: string,
    /** Every project of the audit: projectId → projects/NUMBER. */
    private readonly projects: ReadonlyMap<string, string>,
    io: {
      fetch: PacedFetch;
      /** Reads the organization's list a page at a time, where the source can. */
      fetchEach?: PacedFetchEach;
      onFallback?: (reason: string) => void;
      /** Where the findings wait for their project (default: in memory). */
      spool?: Spool;
    },
  ) {
    this.fetch = io.fetch;
    this.lists = io;
    this.onFallback = io.onFallback ?? (() => undefined);
    this.spool = io.spool ?? new MemorySpool();
    this.byNumber = new Map([...projects].map(([id, number]) => [number.replace(/^projects\//, ''), id]));
  }

  covers(projectId: string | undefined): boolean {
    return projectId !== undefined && this.projects.has(projectId);
  }

  /** The project's findings for its request (project-level SCC route and parameters). */
  async forProject(route: Route, params: Record<string, string>): Promise<unknown[]> {
    const key = [params.location ?? '', params.source ?? '-', params.filter ?? ''].join('\u0000');
    let listing = this.listings.get(key);
    if (!listing) this.listings.set(key, (listing = this.load(params)));
    const found = await listing;
    if (!found.ok) return (await this.fetch(route, params)) as unknown[];
    if (this.forgotten.has(params.project!))
      throw new Error(`${params.project}: its findings were asked for after it was judged`);
    return Array.from(
      found.places.pairsOf(params.project!),
      ([offset, length]) => JSON.parse(this.spool.read({ offset, length })) as unknown,
    );
  }

  /** The project is judged: asking for its findings again is a bug (they wait on disk; its index is a few numbers). */
  forget(projectId: string): void {
    this.forgotten.add(projectId);
  }

  private async load(params: Record<string, string>): Promise<Listing> {
    const where = params.location ? ` in ${params.location}` : '';
    const route = params.location ? ROUTES.sccOrganizationFindingsInLocation : ROUTES.sccOrganizationFindings;
    const organizationParams = {
      organization: this.organization,
      source: params.source ?? '-',
      ...(params.location ? { location: params.location } : {}),
      filter: params.filter ?? '',
    };
    // Filed page by page: each attempt at the list (a retry starts it again) files into places of its own.
    const attempts = attemptsOf(
      () => new FiledPlaces(this.keys),
      (places, results) => {
        for (const result of results) {
          const place = this.placeOf(result as FindingResult);
          if (place === 'unknown')
            throw new Unplaceable((result as FindingResult).resource?.name ?? 'no resource name');
          if (place === null) continue;
          const { offset, length } = this.spool.append(JSON.stringify(result));
          places.file(place, offset, length);
        }
      },
    );
    try {
      await eachPageOf(this.lists, route, organizationParams, attempts.begin);
    } catch (error) {
      this.fallBack(
        error instanceof Unplaceable
          ? `Security Command Center findings${where} read project by project: a finding of the organization's list names no project gtp can place (${error.message})`
          : `Security Command Center findings${where} read project by project: the organization's list failed (${describeError(error)})`,
      );
      return { ok: false };
    }
    return { ok: true, places: attempts.current().seal() };
  }

  /** Says why a list is read project by project, once for each reason (the filters of one refusal are alike). */
  private fallBack(reason: string): void {
    if (this.said.has(reason)) return;
    this.said.add(reason);
    this.onFallback(reason);
  }

  /** The audited project a finding belongs to; null when none of them (another project, a folder, the organization). */
  private placeOf(result: FindingResult): string | null | 'unknown' {
    const metadata = result.resource?.gcpMetadata;
    const number = /^\/\/cloudresourcemanager\.googleapis\.com\/projects\/(\d+)$/.exec(metadata?.project ?? '')?.[1];
    if (number) return this.byNumber.get(number) ?? null;
    const name = result.resource?.name ?? '';
    const named = /^\/\/[^/]+\/projects\/([^/]+)(?:\/|$)/.exec(name)?.[1];
    if (named) return this.byNumber.get(named) ?? (this.projects.has(named) ? named : null);
    if (/^\/\/cloudresourcemanager\.googleapis\.com\/(organizations|folders)\/\d+$/.test(name)) return null;
    return 'unknown';
  }
}

const PROJECT_FINDINGS: ReadonlySet<string> = new Set([ROUTES.sccFindings.id, ROUTES.sccFindingsInLocation.id]);

/** A source whose projects' SCC findings come from the organization's list; everything else as the source has it. */
export class OrganizationFindingsSource extends SourceInFront {
  constructor(
    api: RestSource,
    private readonly findings: OrganizationFindings,
  ) {
    super(api);
  }

  override answerLocally(route: Route, params: Record<string, string>): (() => unknown) | undefined {
    if (PROJECT_FINDINGS.has(route.id) && this.findings.covers(params.project))
      return () => this.findings.forProject(route, params);
    return super.answerLocally(route, params);
  }

  override forget(projectId: string): void {
    this.findings.forget(projectId);
    super.forget(projectId);
  }
}
