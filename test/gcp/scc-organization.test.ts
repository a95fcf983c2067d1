import { describe, expect, it, vi } from 'vitest';
import { ROUTES, type Route } from '../../src/gcp/routes.js';
import { OrganizationFindings } from '../../src/gcp/scc-organization.js';
import { AbandonedAttempt } from '../../src/gcp/source.js';

const PROJECTS = new Map([
  ['acme-prod', 'projects/1001'],
  ['acme-dev', 'projects/1002'],
]);
const params = (project: string, filter = 'state="ACTIVE"') => ({ project, source: '-', filter });
const finding = (name: string, resource: Record<string, unknown>) => ({ finding: { name }, resource });

/** The organization's list as `results`, and each project's own list as `perProject` (the fallback). */
function findingsOf(results: unknown[] | Error, perProject: Record<string, unknown[]> = {}) {
  const fetch = vi.fn(async (route: Route, p: Record<string, string>) => {
    if (route.id === ROUTES.sccOrganizationFindings.id || route.id === ROUTES.sccOrganizationFindingsInLocation.id) {
      if (results instanceof Error) throw results;
      return results;
    }
    return perProject[p.project!] ?? [];
  });
  const fellBack: string[] = [];
  const findings = new OrganizationFindings('111', PROJECTS, { fetch, onFallback: (reason) => fellBack.push(reason) });
  return { findings, fetch, fellBack };
}

const orgCalls = (fetch: ReturnType<typeof findingsOf>['fetch']) =>
  fetch.mock.calls.filter(([route]) => route.id.startsWith('securitycenter.organizations')).length;

describe('SCC findings read once for the organization, placed in each project', () => {
  it('a finding goes to the project its gcpMetadata names by number, else the project its resource name names', async () => {
    const { findings, fetch } = findingsOf([
      finding('a', {
        name: '//storage.googleapis.com/bucket-a',
        gcpMetadata: { project: '//cloudresourcemanager.googleapis.com/projects/1001' },
      }),
      finding('b', { name: '//container.googleapis.com/projects/acme-dev/locations/l/clusters/c' }),
      finding('c', { name: '//compute.googleapis.com/projects/1001/zones/z/instances/i' }),
      // Another project's, and the organization's own: in no project's list, as their own lists would not have them.
      finding('d', { name: '//compute.googleapis.com/projects/other/zones/z/instances/i' }),
      finding('e', { name: '//cloudresourcemanager.googleapis.com/organizations/111' }),
    ]);
    const names = async (project: string) =>
      ((await findings.forProject(ROUTES.sccFindings, params(project))) as { finding: { name: string } }[]).map(
        (r) => r.finding.name,
      );
    expect(await names('acme-prod')).toEqual(['a', 'c']);
    expect(await names('acme-dev')).toEqual(['b']);
    // One organization read for the filter, however many projects ask; another filter is another read.
    expect(orgCalls(fetch)).toBe(1);
    await findings.forProject(ROUTES.sccFindings, params('acme-prod', 'state="ACTIVE" AND mute!="MUTED"'));
    expect(orgCalls(fetch)).toBe(2);
  });

  it('a finding gtp cannot place: that list is read project by project, never a project with fewer findings', async () => {
    const own = [finding('x', { name: '//storage.googleapis.com/bucket-x' })];
    const { findings, fetch, fellBack } = findingsOf([finding('x', { name: '//storage.googleapis.com/bucket-x' })], {
      'acme-prod': own,
    });
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-prod'))).toEqual(own);
    expect(fetch.mock.calls.at(-1)![0].id).toBe(ROUTES.sccFindings.id);
    expect(fellBack[0]).toContain('names no project gtp can place (//storage.googleapis.com/bucket-x)');
  });

  it("the organization's list refused: read project by project, and said", async () => {
    const own = [finding('y', { name: '//container.googleapis.com/projects/acme-dev/x' })];
    const denied = Object.assign(new Error("Permission 'securitycenter.findings.list' denied"), { code: 7 });
    const { findings, fellBack } = findingsOf(denied, {
      'acme-dev': own,
    });
    expect(await findings.forProject(ROUTES.sccFindingsInLocation, { ...params('acme-dev'), location: 'eu' })).toEqual(
      own,
    );
    expect(fellBack).toEqual([
      "Security Command Center findings in eu read project by project: the organization's list failed (permission denied: missing securitycenter.findings.list)",
    ]);
  });

  it('a project outside the audit is not covered', () => {
    const { findings } = findingsOf([]);
    expect(findings.covers('acme-prod')).toBe(true);
    expect(findings.covers('elsewhere')).toBe(false);
    expect(findings.covers(undefined)).toBe(false);
  });
});

describe("the organization's findings read a page at a time", () => {
  /** The organization's list handed over in pages of one; `failAfter`: the first attempt breaks after that page. */
  function paged(results: unknown[], failAfter?: number) {
    let attempts = 0;
    const fetchEach = vi.fn(
      async (_route: Route, _p: Record<string, string>, begin: () => (items: readonly unknown[]) => unknown) => {
        for (;;) {
          attempts++;
          const sink = begin();
          try {
            for (const [i, result] of results.entries()) {
              await sink([result]);
              if (attempts === 1 && failAfter === i) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
            }
            return;
          } catch (error) {
            if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
          }
        }
      },
    );
    const fetch = vi.fn(async () => []);
    const fellBack: string[] = [];
    const findings = new OrganizationFindings('111', PROJECTS, {
      fetch,
      fetchEach,
      onFallback: (reason) => fellBack.push(reason),
    });
    return { findings, fetch, fellBack };
  }
  const named = (project: string) => finding(project, { name: `//compute.googleapis.com/projects/${project}/x` });

  it('a retried list files each finding once: the broken attempt is dropped whole', async () => {
    const { findings } = paged([named('acme-prod'), named('acme-dev'), named('acme-prod')], 1);
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-prod'))).toEqual([
      named('acme-prod'),
      named('acme-prod'),
    ]);
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-dev'))).toEqual([named('acme-dev')]);
  });

  it('an attempt a retry abandoned files nothing more, though its pages keep coming: each finding once', async () => {
    const results = [named('acme-prod'), named('acme-dev'), named('acme-prod')];
    const refused: unknown[] = [];
    const fetchEach = vi.fn(
      async (_route: Route, _p: Record<string, string>, begin: () => (items: readonly unknown[]) => unknown) => {
        // The first attempt is cut after a page (its timeout), and the retry begins while it still pages on.
        const abandoned = begin();
        await abandoned([results[0]]);
        const retry = begin();
        for (const result of results.slice(1))
          try {
            await abandoned([result]);
          } catch (error) {
            refused.push(error);
          }
        for (const result of results) await retry([result]);
      },
    );
    const findings = new OrganizationFindings('111', PROJECTS, {
      fetch: vi.fn(async () => []),
      fetchEach,
      onFallback: () => undefined,
    });
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-prod'))).toEqual([
      named('acme-prod'),
      named('acme-prod'),
    ]);
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-dev'))).toEqual([named('acme-dev')]);
    expect(refused).toHaveLength(2);
    expect(refused.every((e) => e instanceof AbandonedAttempt)).toBe(true);
  });

  it('a finding it cannot place on a later page: the list is read project by project', async () => {
    const { findings, fetch, fellBack } = paged([
      named('acme-prod'),
      finding('z', { name: '//storage.googleapis.com/b' }),
    ]);
    expect(await findings.forProject(ROUTES.sccFindings, params('acme-prod'))).toEqual([]);
    expect(fetch).toHaveBeenCalledWith(ROUTES.sccFindings, params('acme-prod'));
    expect(fellBack[0]).toContain('names no project gtp can place (//storage.googleapis.com/b)');
  });
});
