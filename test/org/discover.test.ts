import { afterEach, describe, expect, it } from 'vitest';
import { discoverProjects, DiscoveryError, type ProjectScope } from '../../src/org/discover.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import { ClientPool } from '../../src/gcp/clients.js';
import { clientOptionsFromEnv } from '../../src/gcp/endpoint.js';
import { LiveSource } from '../../src/gcp/live-source.js';
import { withRetry } from '../../src/gcp/retry.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import type { World } from '../../src/gcp/world.js';
import { ROUTES, type Route } from '../../src/gcp/routes.js';
import { DiscoveredProjectsSource } from '../../src/org/projects-source.js';
import { FileSpool } from '../../src/util/spool.js';
import { validateWorldAgainstDiscovery } from '../../src/emulator/discovery.js';
import { emulate, FAST_RETRY } from '../helpers/live.js';
import { DISCOVERY } from '../helpers/paths.js';

const RM = 'cloudresourcemanager.googleapis.com/v3';
const projectsOf = (parent: string) => `${RM}/projects?parent=${encodeURIComponent(parent)}`;
const foldersOf = (parent: string) => `${RM}/folders?parent=${encodeURIComponent(parent)}`;
const project = (id: string, number: number, parent: string, extra: Record<string, unknown> = {}) => ({
  name: `projects/${number}`,
  projectId: id,
  parent,
  state: 'ACTIVE',
  displayName: id,
  ...extra,
});
const folder = (id: string, parent: string, extra: Record<string, unknown> = {}) => ({
  name: `folders/${id}`,
  parent,
  displayName: `folder ${id}`,
  state: 'ACTIVE',
  ...extra,
});

const ORG = 'organizations/111111111111';
// organizations/111 → shared-tools, folders/222 (prod: acme-prod, acme-staging, a project being deleted),
// folders/333 (being deleted); folders/222 → folders/444 (team-a-prod).
const ORGANIZATION: World = {
  [projectsOf(ORG)]: [project('shared-tools', 100, ORG)],
  [foldersOf(ORG)]: [folder('222', ORG), folder('333', ORG, { state: 'DELETE_REQUESTED' })],
  [projectsOf('folders/222')]: [
    project('acme-prod', 101, 'folders/222', { labels: { env: 'prod' } }),
    project('acme-staging', 102, 'folders/222', { labels: { env: 'staging' } }),
    project('acme-old', 103, 'folders/222', { state: 'DELETE_REQUESTED' }),
  ],
  [foldersOf('folders/222')]: [folder('444', 'folders/222')],
  [projectsOf('folders/444')]: [project('team-a-prod', 104, 'folders/444', { labels: { env: 'prod' } })],
};

const offline = (world: World) => {
  const source = new SnapshotSource(world);
  return { fetch: (route: Route, params: Record<string, string>) => source.fetch(route, params) };
};
const ids = (d: { projects: { projectId: string }[] }) => d.projects.map((p) => p.projectId);
const organization: ProjectScope = { kind: 'organization', id: '111111111111' };

describe('which projects an organization audit covers', () => {
  it('the emulated organization has only fields Resource Manager documents', () => {
    expect(validateWorldAgainstDiscovery(ORGANIZATION, DISCOVERY)).toEqual([]);
  });

  it('every ACTIVE project under the organization, each with its folder path', async () => {
    const found = await discoverProjects(organization, offline(ORGANIZATION));
    expect(found.scope).toBe(ORG);
    expect(ids(found)).toEqual(['acme-prod', 'acme-staging', 'shared-tools', 'team-a-prod']);
    expect(found.projects.find((p) => p.projectId === 'team-a-prod')).toEqual({
      projectId: 'team-a-prod',
      name: 'projects/104',
      path: [ORG, 'folders/222', 'folders/444'],
      labels: { env: 'prod' },
      resource: project('team-a-prod', 104, 'folders/444', { labels: { env: 'prod' } }),
    });
    expect(found.skipped).toEqual([{ projectId: 'acme-old', reason: 'state DELETE_REQUESTED' }]);
    expect(found.folders).toEqual({ 'folders/222': 'folder 222', 'folders/444': 'folder 444' });
  });

  it('a folder: only what lies below it', async () => {
    const found = await discoverProjects({ kind: 'folder', id: '222' }, offline(ORGANIZATION));
    expect(ids(found)).toEqual(['acme-prod', 'acme-staging', 'team-a-prod']);
    expect(found.projects[0]!.path).toEqual(['folders/222']);
  });

  it('--include, --exclude and --label narrow the list, and say why each project was left out', async () => {
    const found = await discoverProjects(organization, offline(ORGANIZATION), {
      include: ['*-prod', 'acme-*'],
      exclude: ['acme-staging'],
      labels: { env: 'prod' },
    });
    expect(ids(found)).toEqual(['acme-prod', 'team-a-prod']);
    expect(found.skipped).toEqual(
      expect.arrayContaining([
        { projectId: 'acme-staging', reason: 'matches --exclude acme-staging' },
        { projectId: 'shared-tools', reason: 'matches no --include (*-prod, acme-*)' },
      ]),
    );
  });

  it('a project or folder in a state gtp does not know fails the discovery rather than dropping it', async () => {
    const odd = {
      ...ORGANIZATION,
      [projectsOf('folders/444')]: [project('team-a-prod', 104, 'folders/444', { state: 'SUSPENDED' })],
    };
    await expect(discoverProjects(organization, offline(odd))).rejects.toThrow(
      'folders/444: project team-a-prod has state SUSPENDED',
    );
    const unnamed = { ...ORGANIZATION, [foldersOf('folders/222')]: [{ state: 'ACTIVE' }] };
    await expect(discoverProjects(organization, offline(unnamed))).rejects.toThrow(DiscoveryError);
  });

  it('an id that is not a project id (a path, a control sequence) fails the discovery: it reaches paths and file names', async () => {
    for (const hostile of ['../../etc', 'team-a-prod/../x', 'team\u001b[2Ja']) {
      const odd = { ...ORGANIZATION, [projectsOf('folders/444')]: [project(hostile, 104, 'folders/444')] };
      await expect(discoverProjects(organization, offline(odd))).rejects.toThrow(
        `folders/444: a listed project's id ${JSON.stringify(hostile)} is not a project id`,
      );
    }
  });

  it('a project listed twice (a page repeated), or two projects with one number, fails the discovery', async () => {
    const repeated = {
      ...ORGANIZATION,
      [projectsOf('folders/444')]: [
        project('team-a-prod', 104, 'folders/444'),
        project('acme-prod', 101, 'folders/444'),
      ],
    };
    await expect(discoverProjects(organization, offline(repeated))).rejects.toThrow(
      /project acme-prod is listed twice \(also under folders\/(222|444)\): the list cannot be trusted/,
    );
    const sameNumber = { ...ORGANIZATION, [projectsOf('folders/444')]: [project('team-a-prod', 101, 'folders/444')] };
    await expect(discoverProjects(organization, offline(sameNumber))).rejects.toThrow(
      /projects (acme-prod and team-a-prod|team-a-prod and acme-prod) are both projects\/101/,
    );
  });

  it('a name or labels of the wrong type fail the discovery, naming the project', async () => {
    const badName = {
      ...ORGANIZATION,
      [projectsOf('folders/444')]: [{ ...project('team-a-prod', 104, 'folders/444'), name: 104 }],
    };
    await expect(discoverProjects(organization, offline(badName))).rejects.toThrow(
      'folders/444: project team-a-prod: name is not projects/NUMBER',
    );
    const badLabels = {
      ...ORGANIZATION,
      [projectsOf('folders/444')]: [project('team-a-prod', 104, 'folders/444', { labels: { env: 1 } })],
    };
    await expect(discoverProjects(organization, offline(badLabels))).rejects.toThrow(
      'folders/444: project team-a-prod: labels is not a map of strings',
    );
  });

  it('a given list is taken as written, once each', async () => {
    const found = await discoverProjects(
      { kind: 'list', projects: ['b-prod', 'a-prod', 'b-prod'], from: '--projects' },
      offline({}),
    );
    expect(found).toEqual({
      scope: '--projects',
      projects: [
        { projectId: 'b-prod', path: [], labels: {} },
        { projectId: 'a-prod', path: [], labels: {} },
      ],
      folders: {},
      skipped: [],
    });
  });
});

describe('discovery through the official Resource Manager client', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  const live = () => {
    const source = new LiveSource(new ClientPool(clientOptionsFromEnv()));
    return {
      source,
      fetch: (route: Route, params: Record<string, string>) => withRetry(() => source.fetch(route, params), FAST_RETRY),
    };
  };

  it('walks the folders page by page, as offline', async () => {
    emulator = await emulate({ world: ORGANIZATION, pageSize: 1 });
    const io = live();
    try {
      const found = await discoverProjects(organization, io);
      expect(ids(found)).toEqual(['acme-prod', 'acme-staging', 'shared-tools', 'team-a-prod']);
      expect(found).toEqual(await discoverProjects(organization, offline(ORGANIZATION)));
    } finally {
      await io.source.close();
    }
  });

  it('each project as listed is the Project its own projects.get returns, so the audit answers that read from it', async () => {
    const gets = Object.fromEntries(
      Object.entries(ORGANIZATION)
        .filter(([key]) => key.startsWith(`${RM}/projects?`))
        .flatMap(([, listed]) => (listed as { projectId: string }[]).map((p) => [`${RM}/projects/${p.projectId}`, p])),
    );
    emulator = await emulate({ world: { ...ORGANIZATION, ...gets } });
    const io = live();
    try {
      const found = await discoverProjects(organization, io);
      // Held in a spool on disk, as an organization audit holds them.
      const spool = new FileSpool();
      const source = new DiscoveredProjectsSource(io.source, found.projects, spool);
      for (const { projectId, resource } of found.projects) {
        const fromApi = await io.fetch(ROUTES.project, { project: projectId });
        expect(resource, projectId).toEqual(fromApi);
        const answer = source.answerLocally(ROUTES.project, { project: projectId })?.() as Record<string, unknown>;
        expect(answer).toEqual(fromApi);
        // Each answer is a copy: a reader that edits it does not change the next.
        answer.parent = 'folders/0';
        expect(source.answerLocally(ROUTES.project, { project: projectId })?.()).toEqual(fromApi);
      }
      spool.close();
      // A project discovery did not list is asked of the API.
      expect(source.answerLocally(ROUTES.project, { project: 'acme-old' })).toBeUndefined();
    } finally {
      await io.source.close();
    }
  });

  it('a folder it may not list is an error naming the folder and the permission: never a smaller organization', async () => {
    emulator = await emulate({ world: ORGANIZATION, deny: ['/v3/projects?parent=folders/444'] });
    const io = live();
    try {
      const failure = await discoverProjects(organization, io).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DiscoveryError);
      expect((failure as Error).message).toBe(
        'folders/444: cannot list its projects: permission denied: missing resourcemanager.projects.list; the projects below it are unknown, so nothing is audited',
      );
    } finally {
      await io.source.close();
    }
  });
});
