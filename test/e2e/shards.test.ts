import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse as parseHcl } from '@cdktn/hcl2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { OrgResult } from '../../src/org/result.js';
import { jumpHash } from '../../src/org/shard.js';
import { ASSET_COVERAGE } from '../../src/gcp/asset-inventory/coverage.js';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { DEMO_REPO } from '../helpers/live.js';
import { BIN, REGISTER, ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const RECIPES = join(ROOT, 'examples/shards');
const ORGANIZATION = '111111111111';

let emulator: EmulatorProcess;
beforeAll(async () => {
  emulator = await gtpEmulate(['--synthetic-organization', '8']);
});
afterAll(async () => {
  await emulator.stop();
});

/** A directory standing in for the volume every task mounts: the register and the repository, as the recipe says. */
function volume(): string {
  const dir = scratchDir('gtp-shards-');
  writeFileSync(join(dir, 'risks.yaml'), readFileSync(REGISTER));
  cpSync(DEMO_REPO, join(dir, 'repo'), { recursive: true });
  return dir;
}

/** `gtp org plan` of the emulated organization into `dir`, with the register the volume holds. */
async function planIn(dir: string, register = join(dir, 'risks.yaml')): Promise<void> {
  const { code, stderr } = await run([
    'org',
    'plan',
    '--organization',
    ORGANIZATION,
    '--register',
    register,
    '-o',
    dir,
  ]);
  expect(code, stderr).toBe(0);
}

/** `gtp audit` of the plan in `dir`, with the register the volume holds. */
const auditPlanIn = (dir: string) =>
  run(['audit', '--plan', join(dir, 'plan.json'), '--register', join(dir, 'risks.yaml')]);

/** The arguments of a recipe's gtp command, with its mount point moved to the test's directory. */
const mounted = (args: string[], mount: string, dir: string) =>
  args.map((a) => a.replace(mount, dir).replace('${var.organization}', ORGANIZATION));

/** `gtp audit` of shard I of N of a plan, with the test register and repository. */
const shardArgs = (planFile: string, i: number, count: number) => [
  'audit',
  '--plan',
  planFile,
  '--shard',
  `${i}/${count}`,
  '--register',
  REGISTER,
  '--repo',
  DEMO_REPO,
];

/** A quota minute of one second: the pacing is Google's, scaled, so that a test does not wait on it. */
const SCALED = { GTP_QUOTA_MINUTE_MS: '1000' };

const run = (args: string[], env: Record<string, string> = {}, cwd?: string) =>
  gtp(args, { env: { ...emulator.env, ...SCALED, ...env }, ...(cwd ? { cwd } : {}) });

/** The single-process audit of the same plan, for comparison: every project, in the plan's order. */
async function singleProcess(plan: string): Promise<OrgResult> {
  const { code, stdout, stderr } = await run([
    'audit',
    '--plan',
    plan,
    '--repo',
    DEMO_REPO,
    '--register',
    REGISTER,
    '--format',
    'json',
  ]);
  expect(code, stderr).toBe(1);
  return JSON.parse(stdout) as OrgResult;
}

const verdicts = (r: OrgResult) => ({ summary: r.summary, projects: r.projects, checks: r.checks });

describe('shards: a plan, its shards as separate processes, and the merge', () => {
  it('jump consistent hash: stable, balanced, and adding a shard moves projects only to the new one', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => 200000000000n + BigInt(i));
    const four = keys.map((k) => jumpHash(k, 4));
    expect(keys.map((k) => jumpHash(k, 4))).toEqual(four);
    for (let b = 0; b < 4; b++) expect(four.filter((x) => x === b).length).toBeGreaterThan(400);
    const five = keys.map((k) => jumpHash(k, 5));
    five.forEach((bucket, i) => expect(bucket === four[i] || bucket === 4).toBe(true));
  });

  it('Cloud Run Job (Terraform): plan, every task by CLOUD_RUN_TASK_INDEX, merge; the same report as one process', async () => {
    const tf = (await parseHcl('cloud-run-job.tf', readFileSync(join(RECIPES, 'cloud-run-job.tf'), 'utf8'))) as {
      variable: Record<string, [{ default?: unknown }]>;
      locals: [{ jobs: Record<string, { args: string[]; task_count: unknown; parallelism: unknown }> }];
      resource: {
        google_cloud_run_v2_job: Record<
          string,
          [{ for_each: string; name: string; template: [{ template: [{ containers: [{ args: string }] }] }] }]
        >;
      };
    };
    // One job definition, made once per entry of local.jobs, each running its entry's args.
    const job = tf.resource.google_cloud_run_v2_job.gtp![0];
    expect(job.for_each).toBe('${local.jobs}');
    expect(job.name).toBe('gtp-${each.key}');
    expect(job.template[0].template[0].containers[0].args).toBe('${each.value.args}');
    const jobs = tf.locals[0].jobs;
    expect(Object.keys(jobs).sort()).toEqual(['audit', 'merge', 'plan']);
    const argsOf = (name: string) => jobs[name]!.args;
    const tasks = Number(tf.variable.shards![0].default);
    expect(jobs.audit!.task_count).toBe('${var.shards}');
    expect(jobs.audit!.parallelism).toBe('${var.shards}');
    const dir = volume();
    const plan = await run(mounted(argsOf('plan'), '/plan', dir));
    expect(plan.code, plan.stderr).toBe(0);
    for (let task = 0; task < tasks; task++) {
      const shard = await run(mounted(argsOf('audit'), '/plan', dir), {
        CLOUD_RUN_TASK_INDEX: String(task),
        CLOUD_RUN_TASK_COUNT: String(tasks),
      });
      // A task that finished its shard succeeds: the gate is the merge's.
      expect(shard.code, shard.stderr).toBe(0);
      expect(shard.stderr).toContain(`shard ${task} of ${tasks} (CLOUD_RUN_TASK_INDEX/COUNT)`);
    }
    const merge = await run(mounted(argsOf('merge'), '/plan', dir));
    expect(merge.code, merge.stderr).toBe(1);
    const merged = JSON.parse(readFileSync(join(dir, 'report/org-audit.json'), 'utf8')) as OrgResult;
    expect(merged.summary.projects).toBe(8);
    expect(existsSync(join(dir, 'report/org-audit.html'))).toBe(true);
    expect(verdicts(merged)).toEqual(verdicts(await singleProcess(join(dir, 'plan.json'))));
  }, 90_000);

  it('a shard killed mid-run: merge fails naming it; re-run alone, the merge passes with the one-process report', async () => {
    const dir = volume();
    const planFile = join(dir, 'plan.json');
    await planIn(dir, REGISTER);
    const shard = (i: number) => shardArgs(planFile, i, 4);
    for (const i of [0, 1, 3]) expect((await run(shard(i))).code).toBe(0);
    // Shard 2 is killed as soon as it has started.
    const child = spawn(process.execPath, [BIN, ...shard(2)], {
      cwd: ROOT,
      env: { ...process.env, ...emulator.env, ...SCALED },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const broken = await run(['merge', '--plan', planFile, '--format', 'json']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('shard 2-of-4: missing (it has not finished, or did not run)');
    expect((await run(shard(2))).code).toBe(0);
    const whole = await run(['merge', '--plan', planFile, '--format', 'json']);
    expect(whole.code, whole.stderr).toBe(1);
    const single = await singleProcess(planFile);
    expect(verdicts(JSON.parse(whole.stdout) as OrgResult)).toEqual(verdicts(single));
    // The single process wrote shards/0-of-1 beside them: a merge must now be told which count.
    const ambiguous = await run(['merge', '--plan', planFile]);
    expect(ambiguous.code).toBe(3);
    expect(ambiguous.stderr).toContain('shards of several counts are present (1, 4): say which with --shards N');
    expect((await run(['merge', '--plan', planFile, '--shards', '4'])).code).toBe(1);
  }, 90_000);

  it('the merge records the organization once, every project, as the one-process audit records it; shards record nothing', async () => {
    const dir = volume();
    const planFile = join(dir, 'plan.json');
    await planIn(dir, REGISTER);
    const merged = join(dir, 'merged.sqlite');
    const shard = (i: number) => [
      'audit',
      '--plan',
      planFile,
      '--shard',
      `${i}/2`,
      '-r',
      REGISTER,
      '--repo',
      DEMO_REPO,
    ];
    // GTP_STORE set for every job, as a CI would: the shards leave it to the merge.
    for (const i of [0, 1]) expect((await run(shard(i), { GTP_STORE: merged })).code).toBe(0);
    expect(existsSync(merged)).toBe(false);
    const refused = await run([...shard(0), '--record', merged]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a shard records nothing; record the whole audit with gtp merge --record STORE');
    expect((await run(['merge', '--plan', planFile, '--shards', '2', '--record', merged])).code).toBe(1);
    const single = join(dir, 'single.sqlite');
    const whole = await run(['audit', '--plan', planFile, '-r', REGISTER, '--repo', DEMO_REPO, '--record', single]);
    expect(whole.code, whole.stderr).toBe(1);
    const rows = async (store: string) => {
      const out = join(dir, `export-${store.endsWith('merged.sqlite') ? 'merged' : 'single'}`);
      expect((await run(['history', 'export', '--store', store, '--output-dir', out])).code).toBe(0);
      const table = (name: string) =>
        readFileSync(join(out, `${name}.ndjson`), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>);
      const runs = table('runs');
      const keep = (r: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !['run_id', 'as_of'].includes(k)));
      return {
        audits: new Set(runs.map((r) => r.audit_id)).size,
        runs: runs.map((r) => [r.project, r.gate, r.scope]).sort(),
        risks: table('risk_results')
          .map(keep)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        checks: table('check_results')
          .map(keep)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      };
    };
    const fromMerge = await rows(merged);
    expect(fromMerge.audits).toBe(1);
    expect(fromMerge.runs).toHaveLength(8);
    expect(fromMerge).toEqual(await rows(single));
  }, 90_000);

  it('the plan lists the inventory once for every shard: shards list nothing themselves, and judge as without it', async () => {
    const dir = volume();
    const planFile = join(dir, 'plan.json');
    await planIn(dir, REGISTER);
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {
      inventory: { assetType: string; file?: string; digest?: string; assets?: number }[];
    };
    expect(plan.inventory.map((e) => e.assetType).sort()).toEqual(ASSET_COVERAGE.map((c) => c.assetType).sort());
    for (const entry of plan.inventory) {
      expect(entry.file, entry.assetType).toMatch(/^inventory\/[a-z0-9.-]+\.ndjson$/);
      const lines = readFileSync(join(dir, entry.file!), 'utf8').split('\n').filter(Boolean);
      expect(lines.length, entry.assetType).toBe(entry.assets);
    }
    const shard = (i: number) => shardArgs(planFile, i, 2);
    for (const i of [0, 1]) {
      const { code, stderr } = await run(shard(i));
      expect(code, stderr).toBe(0);
      const manifest = JSON.parse(readFileSync(join(dir, `shards/${i}-of-2/manifest.json`), 'utf8')) as {
        requests: Record<string, { calls: number }>;
      };
      expect(manifest.requests['cloudasset.googleapis.com'], `shard ${i}`).toBeUndefined();
    }
    const merged = await run(['merge', '--plan', planFile, '--format', 'json']);
    expect(merged.code, merged.stderr).toBe(1);
    // The same organization planned without the copy: every shard (here one process) lists the inventory itself.
    const alone = volume();
    const planned = await run([
      'org',
      'plan',
      '--organization',
      ORGANIZATION,
      '--register',
      REGISTER,
      '--no-inventory',
      '-o',
      alone,
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(alone, 'plan.json'), 'utf8'))).not.toHaveProperty('inventory');
    const single = await singleProcess(join(alone, 'plan.json'));
    expect(single.requests.perApi['cloudasset.googleapis.com']!.calls).toBeGreaterThanOrEqual(ASSET_COVERAGE.length);
    expect(verdicts(JSON.parse(merged.stdout) as OrgResult)).toEqual(verdicts(single));
  }, 90_000);

  it.each([
    ['an asset edited', (text: string) => text.replace('"RUNNABLE"', '"RUNNABLE" ')],
    ['an asset added', (text: string) => `${text}${text.split('\n')[0]}\n`],
    ['the file emptied', () => ''],
  ])(
    'a plan’s inventory copy changed after the plan (%s) is refused before any project is judged',
    async (_what, edit) => {
      const dir = volume();
      await planIn(dir);
      const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
        inventory: { assetType: string; file: string }[];
      };
      const entry = plan.inventory.find((e) => e.assetType === 'sqladmin.googleapis.com/Instance')!;
      const path = join(dir, entry.file);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      const { code, stderr, stdout } = await auditPlanIn(dir);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${entry.file}: not the list the plan made (its digest differs)`);
      expect(existsSync(join(dir, 'shards'))).toBe(false);
    },
  );

  it('a plan whose project id is not one is refused before any request', async () => {
    const dir = volume();
    await planIn(dir);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { projects: { projectId: string }[] };
    plan.projects[0]!.projectId = '../../etc';
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const { code, stderr } = await auditPlanIn(dir);
    expect(code).toBe(2);
    expect(stderr).toContain('not a plan from gtp org plan');
    expect(stderr).toContain('not a project id');
  });

  it('a register no shard could load is refused by org plan as by validate: FILE:LINE:COL, exit 2, no plan', async () => {
    const dir = volume();
    writeFileSync(join(dir, 'risks.yaml'), 'risks:\n  - id: [unclosed\n');
    const { code, stderr } = await run([
      'org',
      'plan',
      '--organization',
      ORGANIZATION,
      '-r',
      join(dir, 'risks.yaml'),
      '-o',
      dir,
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/risks\.yaml:\d+:\d+/);
    expect(existsSync(join(dir, 'plan.json'))).toBe(false);
  });

  it('a plan made with another register is refused: every shard must judge alike', async () => {
    const dir = volume();
    await planIn(dir);
    writeFileSync(join(dir, 'risks.yaml'), `${readFileSync(join(dir, 'risks.yaml'), 'utf8')}\n# edited\n`);
    const { code, stderr } = await auditPlanIn(dir);
    expect(code).toBe(2);
    expect(stderr).toContain('has changed since');
  });

  it('Kubernetes Indexed Job: each pod by JOB_COMPLETION_INDEX, with --shards from the manifest', async () => {
    const job = parseYaml(readFileSync(join(RECIPES, 'kubernetes-indexed-job.yaml'), 'utf8')) as {
      spec: { completionMode: string; completions: number; template: { spec: { containers: [{ args: string[] }] } } };
    };
    expect(job.spec.completionMode).toBe('Indexed');
    const args = job.spec.template.spec.containers[0].args;
    expect(args).toContain(String(job.spec.completions));
    const dir = volume();
    await planIn(dir);
    for (let pod = 0; pod < job.spec.completions; pod++) {
      const shard = await run(mounted(args, '/plan', dir), { JOB_COMPLETION_INDEX: String(pod) });
      expect(shard.code, shard.stderr).toBe(0);
    }
    const merge = await run(['merge', '--plan', join(dir, 'plan.json'), '--format', 'json']);
    expect(merge.code, merge.stderr).toBe(1);
    expect((JSON.parse(merge.stdout) as OrgResult).summary.projects).toBe(8);
  }, 90_000);

  it('Cloud Batch: each task by BATCH_TASK_INDEX and BATCH_TASK_COUNT', async () => {
    const job = JSON.parse(readFileSync(join(RECIPES, 'batch-job.json'), 'utf8')) as {
      taskGroups: [{ taskCount: number; taskSpec: { runnables: [{ container: { commands: string[] } }] } }];
    };
    const group = job.taskGroups[0];
    const dir = volume();
    await planIn(dir);
    for (let task = 0; task < group.taskCount; task++) {
      const shard = await run(mounted(group.taskSpec.runnables[0].container.commands, '/mnt/disks/plan', dir), {
        BATCH_TASK_INDEX: String(task),
        BATCH_TASK_COUNT: String(group.taskCount),
      });
      expect(shard.code, shard.stderr).toBe(0);
    }
    expect((await run(['merge', '--plan', join(dir, 'plan.json')])).code).toBe(1);
  }, 90_000);

  it('GitHub Actions matrix: the plan job, every matrix shard, the merge job, as their run lines say', async () => {
    const workflow = parseYaml(readFileSync(join(RECIPES, 'github-actions.yml'), 'utf8')) as {
      jobs: Record<
        string,
        { steps: { run?: string; env?: Record<string, string> }[]; strategy?: { matrix: { shard: number[] } } }
      >;
    };
    const shards = workflow.jobs.audit!.strategy!.matrix.shard;
    expect(shards.length).toBeLessThanOrEqual(256);
    // The checkout: the register and the repository; a `gtp` on PATH as `npm install -g` would put it.
    const workspace = volume();
    cpSync(DEMO_REPO, workspace, { recursive: true });
    const bin = scratchDir('gtp-bin-');
    writeFileSync(
      join(bin, 'gtp'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
    );
    chmodSync(join(bin, 'gtp'), 0o755);
    const steps = (job: string) => workflow.jobs[job]!.steps.filter((s) => s.run?.startsWith('gtp '));
    const sh = (line: string, env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn('sh', ['-c', line], {
          cwd: workspace,
          env: {
            PATH: `${bin}${delimiter}${process.env.PATH}`,
            HOME: process.env.HOME,
            NO_COLOR: '1',
            ...emulator.env,
            ...SCALED,
            ...env,
          },
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const env = (step: { env?: Record<string, string> }, values: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(step.env ?? {}).map(([k, v]) => [
          k,
          v.replace(/\$\{\{ *([^}]+?) *\}\}/, (_, e: string) => values[e]!),
        ]),
      );
    for (const step of steps('plan'))
      expect((await sh(step.run!, env(step, { 'vars.ORGANIZATION_ID': ORGANIZATION }))).code).toBe(0);
    for (const shard of shards)
      for (const step of steps('audit')) {
        const result = await sh(step.run!, env(step, { 'matrix.shard': String(shard) }));
        expect(result.code, result.stderr).toBe(0);
      }
    const [merge] = steps('merge');
    expect((await sh(merge!.run!, {})).code).toBe(1);
    expect(
      (JSON.parse(readFileSync(join(workspace, 'report/org-audit.json'), 'utf8')) as OrgResult).summary.projects,
    ).toBe(8);
  }, 90_000);

  it('the image: non-root, distroless Node 22, and its entrypoint is the package’s command', () => {
    const dockerfile = readFileSync(join(RECIPES, 'Dockerfile'), 'utf8');
    const name = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
    expect(dockerfile).toMatch(/^FROM gcr\.io\/distroless\/nodejs22-debian12:nonroot$/m);
    expect(dockerfile).toMatch(/^USER nonroot$/m);
    expect(dockerfile).toContain(`COPY --from=install /usr/local/lib/node_modules/${name} /opt/gtp`);
    const entrypoint = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(dockerfile)![1]!) as string[];
    expect(entrypoint).toEqual(['/nodejs/bin/node', '/opt/gtp/bin/gtp.js']);
    // /opt/gtp is the installed package: its bin/gtp.js is the file the package's `bin` names.
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(`/opt/gtp/${manifest.bin.gtp}`).toBe(entrypoint[1]);
  });
});

describe('identity and count are facts to check: nothing, a duplicate or a contradiction is never a green gate', () => {
  /** A plan and both shards of two, audited, in a fresh volume. */
  async function twoShards(): Promise<string> {
    const dir = volume();
    await planIn(dir);
    for (const shard of ['0/2', '1/2']) {
      const { code, stderr } = await run([
        'audit',
        '--plan',
        join(dir, 'plan.json'),
        '--register',
        join(dir, 'risks.yaml'),
        '--repo',
        join(dir, 'repo'),
        '--shard',
        shard,
      ]);
      expect([0, 1, 3], stderr).toContain(code);
    }
    return dir;
  }
  const editPlan = (dir: string, edit: (plan: { projects: { projectId: string; name?: string }[] }) => void) => {
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { projects: { projectId: string }[] };
    edit(plan);
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
  };

  let dir: string;
  beforeAll(async () => {
    dir = await twoShards();
  }, 120_000);

  it.each(['0', '', '-1', '10001', 'two'])(
    'merge --shards %j is bad input (exit 2), whatever the format',
    async (count) => {
      for (const format of ['json', 'md', 'html']) {
        const { code, stdout, stderr } = await run([
          'merge',
          '--plan',
          join(dir, 'plan.json'),
          '--shards',
          count,
          '-f',
          format,
        ]);
        expect(code, stderr).toBe(2);
        expect(stderr).toContain('must be a whole number of shards from 1 to 10000');
        expect(stdout).toBe('');
      }
    },
  );

  it('a plan with no project is bad input for the audit and the merge, never "0 projects: 0 passed"', async () => {
    const empty = volume();
    await planIn(empty);
    editPlan(empty, (plan) => (plan.projects = []));
    for (const args of [
      ['audit', '--plan', join(empty, 'plan.json'), '--register', join(empty, 'risks.yaml')],
      ['merge', '--plan', join(empty, 'plan.json')],
    ]) {
      const { code, stderr } = await run(args);
      expect(code, stderr).toBe(2);
      expect(stderr).toContain(`${join(empty, 'plan.json')}: projects: empty: a plan names at least one project`);
    }
  });

  it('a plan naming one project twice, by id or by number, is refused naming both places', async () => {
    const copy = volume();
    await planIn(copy);
    editPlan(copy, (plan) => plan.projects.push({ ...plan.projects[0]! }));
    const byId = await auditPlanIn(copy);
    expect(byId.code).toBe(2);
    expect(byId.stderr).toMatch(/plan\.json: projects\[\d+\]: the same project id [a-z0-9-]+ as projects\[0\]/);
    editPlan(copy, (plan) => {
      plan.projects.pop();
      plan.projects[1]!.name = plan.projects[0]!.name;
    });
    const byNumber = await auditPlanIn(copy);
    expect(byNumber.code).toBe(2);
    expect(byNumber.stderr).toMatch(/plan\.json: projects\[1\]: the same project number \d+ as projects\[0\]/);
  });

  it("a plan field of the wrong shape is named as FILE: path.to.field: what is wrong, not the schema library's output", async () => {
    const copy = volume();
    await planIn(copy);
    editPlan(copy, (plan) => (plan.projects[0]!.name = 'projects/abc'));
    const { code, stderr } = await auditPlanIn(copy);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(copy, 'plan.json')}: projects[0].name: not projects/NUMBER`);
    expect(stderr).not.toMatch(/\\u000a|"code":|\[\s*\{/);
  });

  it('an override naming a folder that is not in the organization: validate --plan is exit 2 at its line, the audit warns', async () => {
    const typo = volume();
    writeFileSync(
      join(typo, 'risks.yaml'),
      `${readFileSync(REGISTER, 'utf8')}\noverrides:\n  - folder: "999999"\n    settings: { drillWindowDays: 7 }\n`,
    );
    await planIn(typo);
    const validate = await run(['validate', join(typo, 'risks.yaml'), '--plan', join(typo, 'plan.json')]);
    expect(validate.code).toBe(2);
    const line = readFileSync(join(typo, 'risks.yaml'), 'utf8').split('\n').indexOf('  - folder: "999999"') + 1;
    expect(validate.stderr).toContain(
      `${join(typo, 'risks.yaml')}:${line}:13: overrides[0]: folders/999999 is not in organizations/${ORGANIZATION}: the override reaches nothing`,
    );
    const audit = await run([
      'audit',
      '--plan',
      join(typo, 'plan.json'),
      '--register',
      join(typo, 'risks.yaml'),
      '--repo',
      join(typo, 'repo'),
      '--format',
      'json',
    ]);
    expect(audit.stderr).toContain('warning: overrides[0]: folders/999999 is not in');
    expect((JSON.parse(audit.stdout) as { warnings: string[] }).warnings).toEqual([
      `overrides[0]: folders/999999 is not in organizations/${ORGANIZATION}: the override reaches nothing`,
    ]);
  });

  it('a shard whose gate contradicts its own verdicts, or that reports a project twice, is refused (exit 3)', async () => {
    const report = join(dir, 'shards', '0-of-2', 'org-audit.json');
    const original = readFileSync(report, 'utf8');
    try {
      const edited = JSON.parse(original) as OrgResult;
      const drifted = edited.projects.find((p) => p.risks.some((r) => r.drift))!;
      drifted.gate = 'passed';
      drifted.reasons = [];
      writeFileSync(report, JSON.stringify(edited));
      const contradiction = await run(['merge', '--plan', join(dir, 'plan.json')]);
      expect(contradiction.code).toBe(3);
      expect(contradiction.stderr).toContain(
        `shard 0-of-2: a gate contradicts its own verdicts (${drifted.projectId}: gate passed, but`,
      );

      const twice = JSON.parse(original) as OrgResult;
      twice.projects.push(twice.projects[0]!);
      writeFileSync(report, JSON.stringify(twice));
      const duplicate = await run(['merge', '--plan', join(dir, 'plan.json')]);
      expect(duplicate.code).toBe(3);
      expect(duplicate.stderr).toContain(`shard 0-of-2: reports 1 project(s) twice (${twice.projects[0]!.projectId})`);

      writeFileSync(report, JSON.stringify({ ...JSON.parse(original), projects: 'none' }));
      const shape = await run(['merge', '--plan', join(dir, 'plan.json')]);
      expect(shape.code).toBe(3);
      expect(shape.stderr).toContain('shard 0-of-2: unreadable: org-audit.json: projects: ');

      // The report is read a project at a time: a project of the wrong shape is named by its place, a report cut
      // short is not JSON, and both are refused before anything is merged.
      const wrong = JSON.parse(original) as OrgResult;
      (wrong.projects[1] as { gate: string }).gate = 'maybe';
      writeFileSync(report, JSON.stringify(wrong, null, 2));
      const field = await run(['merge', '--plan', join(dir, 'plan.json')]);
      expect(field.code).toBe(3);
      expect(field.stderr).toContain('shard 0-of-2: unreadable: org-audit.json: projects[1].gate: ');

      writeFileSync(report, original.slice(0, Math.floor(original.length / 2)));
      const cut = await run(['merge', '--plan', join(dir, 'plan.json')]);
      expect(cut.code).toBe(3);
      expect(cut.stderr).toContain('shard 0-of-2: unreadable: org-audit.json: not JSON: ');
    } finally {
      writeFileSync(report, original);
    }
    const merged = await run(['merge', '--plan', join(dir, 'plan.json'), '-f', 'json']);
    expect(merged.code, merged.stderr).toBe(1);

    // A report that gives its projects twice is read as JSON.parse reads it (the last one), not as a shorter list.
    try {
      writeFileSync(report, original.replace(/^\{/, '{"projects": [],'));
      const again = await run(['merge', '--plan', join(dir, 'plan.json'), '-f', 'json']);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stdout).toBe(merged.stdout);
    } finally {
      writeFileSync(report, original);
    }
  });
});
