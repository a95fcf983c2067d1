import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { WORLDS } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

let emulator: EmulatorProcess | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function orgProjects(args: string[], emulateArgs: string[] = [], world = join(WORLDS, 'organization.json')) {
  emulator = await gtpEmulate(['--world', world, ...emulateArgs]);
  return gtp(['org', 'projects', ...args], { env: emulator.env });
}

describe('gtp org projects against an emulated organization', () => {
  it('lists every ACTIVE project with its folder path, and what was left out', async () => {
    const { code, stdout, stderr } = await orgProjects(['--organization', '111111111111']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('5 project(s) to audit, 1 left out.');
    expect(stdout).toContain(
      '| `acme-payments-prod` | `projects/123456789015` | `organizations/111111111111` › production › payments | `env=prod` `team=payments` |',
    );
    expect(stdout).toContain('- `acme-legacy`: state DELETE_REQUESTED');
    expect(stdout).not.toContain('retired');
  });

  it('JSON, narrowed to a folder and a label', async () => {
    const { code, stdout } = await orgProjects(['--folder', '222222222222', '--label', 'team=*', '--format', 'json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { schemaVersion: number; scope: string; projects: { projectId: string }[] };
    expect(list.schemaVersion).toBe(1);
    expect(list.scope).toBe('folders/222222222222');
    expect(list.projects.map((p) => p.projectId)).toEqual(['acme-payments-prod']);
  });

  it('a folder it may not list: exit 3 naming the folder and the permission, and no list at all', async () => {
    const { code, stdout, stderr } = await orgProjects(
      ['--organization', '111111111111'],
      ['--deny', '/v3/folders?parent=folders/222222222222'],
    );
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'folders/222222222222: cannot list its folders: permission denied: missing resourcemanager.folders.list',
    );
  });

  it("escapes what the cloud says: a folder's display name cannot become Markdown, HTML or a new line", async () => {
    const dir = scratchDir('gtp-org-');
    const world = JSON.parse(readFileSync(join(WORLDS, 'organization.json'), 'utf8')) as Record<string, unknown>;
    const key = 'cloudresourcemanager.googleapis.com/v3/folders?parent=organizations%2F111111111111';
    world[key] = [
      {
        name: 'folders/222222222222',
        parent: 'organizations/111111111111',
        displayName: 'prod](http://evil.example) <img src=x>\n::error::owned',
        state: 'ACTIVE',
      },
    ];
    writeFileSync(join(dir, 'world.json'), JSON.stringify(world));
    const { code, stdout } = await orgProjects(['--organization', '111111111111'], [], join(dir, 'world.json'));
    expect(code).toBe(0);
    // The new line is shown as \u000a, whose backslash is itself escaped for Markdown.
    expect(stdout).toContain('prod\\](http://evil.example) &lt;img src=x&gt;\\\\u000a::error::owned');
    expect(stdout).not.toMatch(/^::error::/m);
    expect(stdout).not.toContain('<img');
  });

  it('bad input: no scope or two of them, a malformed id, a projects file line that is not a project id', async () => {
    expect((await gtp(['org', 'projects'])).code).toBe(2);
    expect((await gtp(['org', 'projects', '--organization', '1', '--folder', '2'])).code).toBe(2);
    const bad = await gtp(['org', 'projects', '--organization', 'acme']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--organization must be the numeric organization id');
    const dir = scratchDir('gtp-org-');
    writeFileSync(join(dir, 'projects.txt'), '# production\nacme-prod\n\nAcme Prod!\n');
    const file = await gtp(['org', 'projects', '--projects-file', join(dir, 'projects.txt')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`${join(dir, 'projects.txt')}:4: "Acme Prod!" is not a project id`);
  });

  it('a list of projects is taken as given, without asking Resource Manager', async () => {
    const dir = scratchDir('gtp-org-');
    writeFileSync(join(dir, 'projects.txt'), 'acme-prod\nacme-staging # the other one\n');
    const { code, stdout } = await gtp(
      ['org', 'projects', '--projects-file', join(dir, 'projects.txt'), '--format', 'json'],
      // Nothing listens here: a request would fail.
      { env: { GTP_API_ENDPOINT: 'http://127.0.0.1:9', GCE_METADATA_HOST: '127.0.0.1:9' } },
    );
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { projects: { projectId: string }[] }).projects.map((p) => p.projectId)).toEqual([
      'acme-prod',
      'acme-staging',
    ]);
  });
});
