import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../src/audit/evaluate.js';
import { CHECK_IDS } from '../../src/checks/index.js';
import { Inventory } from '../../src/gcp/inventory.js';
import { SnapshotSource } from '../../src/gcp/source.js';
import type { World } from '../../src/gcp/world.js';
import { PARTIAL_KEY } from '../../src/gcp/incomplete.js';
import { parseRegisterWithProbes } from '../../src/matrix/load.js';
import { loadConditions } from '../../src/probes/conditions.js';
import { compileProbe, probeCheck } from '../../src/probes/check.js';
import type { ProbeDefinition } from '../../src/probes/definition.js';
import { InputError } from '../../src/util/errors.js';
import { TEST_NOW } from '../helpers/clock.js';

const REDIS = 'https://redis.googleapis.com/v1/projects/{project}/locations/-/instances';
const REDIS_KEY = 'redis.googleapis.com/v1/projects/acme-prod/locations/-/instances';
const redisHa: ProbeDefinition = {
  id: 'acme.redis-ha',
  title: 'Memorystore Redis instances are highly available',
  remediation: 'Use tier STANDARD_HA.',
  read: { url: REDIS, permission: 'redis.instances.list' },
  where: 'resource.labels.env == "prod"',
  require: 'resource.tier == "STANDARD_HA"',
};
const redis = (name: string, tier: string | undefined, env = 'prod') => ({
  name: `projects/acme-prod/locations/us-central1/instances/${name}`,
  ...(tier ? { tier } : {}),
  labels: { env },
});

/** A snapshot source that reports the host of every request it answers. */
function counting(world: World, hosts: string[]): SnapshotSource {
  const source = new SnapshotSource(world);
  return Object.assign(Object.create(source) as SnapshotSource, {
    fetch: (...args: Parameters<SnapshotSource['fetch']>) => {
      hosts.push(args[0].host);
      return source.fetch(...args);
    },
  });
}

async function run(probe: ProbeDefinition, world: World) {
  const check = probeCheck(compileProbe(probe));
  const inventory = new Inventory(new SnapshotSource(world), { project: 'acme-prod', probes: [probe] });
  await inventory.collect(check.collects);
  return evaluateCheck(check, inventory, { project: 'acme-prod', now: TEST_NOW });
}

beforeAll(async () => {
  await loadConditions();
});

describe('a probe: the four outcomes, each resource named', () => {
  it('pass: every chosen resource meets require', async () => {
    const result = await run(redisHa, { [REDIS_KEY]: [redis('cache', 'STANDARD_HA'), redis('dev', 'BASIC', 'dev')] });
    expect(result.outcome).toBe('pass');
    expect(result.resources.map((r) => r.name)).toEqual(['projects/acme-prod/locations/us-central1/instances/cache']);
  });

  it('fail: the failing resource is named with the condition', async () => {
    const result = await run(redisHa, { [REDIS_KEY]: [redis('cache', 'BASIC'), redis('sessions', 'STANDARD_HA')] });
    expect(result.outcome).toBe('fail');
    expect(result.resources.find((r) => r.verdict === 'fail')).toMatchObject({
      name: 'projects/acme-prod/locations/us-central1/instances/cache',
      detail: 'require is false: resource.tier == "STANDARD_HA"',
    });
  });

  it('not applicable: where chooses nothing (or the list is empty)', async () => {
    expect((await run(redisHa, { [REDIS_KEY]: [redis('dev', 'BASIC', 'dev')] })).outcome).toBe('not-applicable');
    expect((await run(redisHa, {})).outcome).toBe('not-applicable');
  });

  it('error: a field that is absent and not guarded by has() is unverified for that resource, never a pass', async () => {
    const result = await run(redisHa, { [REDIS_KEY]: [redis('cache', undefined)] });
    expect(result.outcome).toBe('error');
    expect(result.error).toContain('instances/cache: unverified: require: field not found: tier');
    // Guarded, the same resource is judged.
    const guarded = { ...redisHa, require: 'has(resource.tier) && resource.tier == "STANDARD_HA"' };
    expect((await run(guarded, { [REDIS_KEY]: [redis('cache', undefined)] })).outcome).toBe('fail');
  });

  it('error: a list that says it is partial (AIP-217 unreachable) is never judged on what came', async () => {
    const world = {
      [REDIS_KEY]: [redis('cache', 'STANDARD_HA')],
      [PARTIAL_KEY]: { [REDIS_KEY]: { unreachable: ['asia-south2'] } },
    };
    const result = await run(redisHa, world);
    expect(result.outcome).toBe('error');
    expect(result.error).toContain('unreachable asia-south2');
  });

  it('error: an item that is not an object', async () => {
    expect((await run(redisHa, { [REDIS_KEY]: ['cache'] })).outcome).toBe('error');
  });

  it('a sure failure beside an unverified resource fails the probe', async () => {
    const result = await run(redisHa, { [REDIS_KEY]: [redis('cache', undefined), redis('sessions', 'BASIC')] });
    expect(result.outcome).toBe('fail');
  });

  it('expect: any passes on one chosen resource and fails on none', async () => {
    const uptime: ProbeDefinition = {
      id: 'acme.uptime-check',
      title: 'An uptime check watches the service',
      remediation: 'Create an uptime check.',
      read: {
        url: 'https://monitoring.googleapis.com/v3/projects/{project}/uptimeCheckConfigs',
        permission: 'monitoring.uptimeCheckConfigs.list',
      },
      where: 'resource.displayName.startsWith("web")',
      expect: 'any',
    };
    const key = 'monitoring.googleapis.com/v3/projects/acme-prod/uptimeCheckConfigs';
    const pass = await run(uptime, {
      [key]: [{ name: 'projects/acme-prod/uptimeCheckConfigs/1', displayName: 'web' }],
    });
    expect(pass.outcome).toBe('pass');
    const fail = await run(uptime, { [key]: [{ name: 'projects/acme-prod/uptimeCheckConfigs/1', displayName: 'db' }] });
    expect(fail.outcome).toBe('fail');
    expect(fail.resources[0]!.detail).toContain('no resource matches where');
  });

  it('{projectNumber} is filled from the project, read once; a project that cannot be read leaves the probe unverified', async () => {
    const byNumber = {
      ...redisHa,
      read: {
        url: 'https://redis.googleapis.com/v1/projects/{projectNumber}/locations/-/instances',
        permission: 'redis.instances.list',
      },
    };
    const numbered = 'redis.googleapis.com/v1/projects/123456789012/locations/-/instances';
    const project = 'cloudresourcemanager.googleapis.com/v3/projects/acme-prod';
    const world = {
      [project]: { name: 'projects/123456789012', projectId: 'acme-prod' },
      [numbered]: [redis('cache', 'BASIC')],
    };
    expect((await run(byNumber, world)).outcome).toBe('fail');
    const unreadable = await run(byNumber, { [numbered]: [redis('cache', 'BASIC')] });
    expect(unreadable.outcome).toBe('error');
  });

  it('a probe reading a list a built-in check reads shares that request', async () => {
    const buckets: ProbeDefinition = {
      id: 'acme.buckets-labelled',
      title: 'Buckets are labelled',
      remediation: 'Label them.',
      read: {
        url: 'https://storage.googleapis.com/storage/v1/b?project={project}',
        permission: 'storage.buckets.list',
      },
      require: 'has(resource.labels)',
    };
    const keys: string[] = [];
    const world = { 'storage.googleapis.com/storage/v1/b?project=acme-prod': [{ name: 'b' }] };
    const inventory = new Inventory(counting(world, keys), { project: 'acme-prod', probes: [buckets] });
    await inventory.collect(['storage.buckets', 'probes.lists']);
    expect(keys).toEqual(['storage.googleapis.com']);
  });

  it('two probes reading one URL share its read', async () => {
    const other = { ...redisHa, id: 'acme.redis-labelled', require: 'has(resource.labels.env)' };
    const hosts: string[] = [];
    const inventory = new Inventory(counting({ [REDIS_KEY]: [redis('cache', 'STANDARD_HA')] }, hosts), {
      project: 'acme-prod',
      probes: [redisHa, other],
    });
    await inventory.collect(['probes.lists']);
    expect(hosts).toEqual(['redis.googleapis.com']);
  });
});

/** The seed-shaped register with one risk verified by the given probe lines. */
function register(probeYaml: string, checks = '[acme.redis-ha]'): string {
  return `version: 1
title: t
tables:
  - id: data
    title: Data
risks:
  - id: cache
    table: data
    category: Data
    title: Cache
    probability: 2
    impact: 2
    status: mitigated
    existing:
      text: HA
      checks: ${checks}
probes:
  - id: acme.redis-ha
    title: HA
    remediation: Use STANDARD_HA.
    read:
${probeYaml}`;
}
const problemsOf = async (text: string) => {
  try {
    await parseRegisterWithProbes(text, 'risks.yaml', { knownChecks: CHECK_IDS });
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    throw error;
  }
  return [];
};

describe('a probe that cannot be right is bad input at its line and column, before any request', () => {
  const read = (url = REDIS) => `      url: ${url}\n      permission: redis.instances.list\n`;
  it('a condition that is not CEL, a variable other than resource, a result that is not a bool', async () => {
    expect(await problemsOf(register(`${read()}    require: resource.tier ==\n`))).toEqual([
      '24:28 probes.0.require: not CEL: found = but expecting end of input',
    ]);
    expect(await problemsOf(register(`${read()}    require: tier == "STANDARD_HA"\n`))).toEqual([
      '24:14 probes.0.require: unknown variable tier: a condition reads one list item, named resource',
    ]);
    expect((await problemsOf(register(`${read()}    require: "resource.enabled"\n`)))[0]).toMatch(
      /^24:\d+ probes\.0\.require: does not yield true or false \(a field may hold anything/,
    );
    expect(
      await problemsOf(
        register(`${read()}    where: |\n      resource.a == 1 &&\n        b\n    require: has(resource.tier)\n`),
      ),
    ).toEqual(['26:9 probes.0.where: unknown variable b: a condition reads one list item, named resource']);
  });

  it('credentials go only to *.googleapis.com over https, and the URL holds only the placeholders gtp fills', async () => {
    const bad = [
      ['https://evil.example.com/v1/projects/{project}/x', 'evil.example.com is not a Google API host'],
      ['https://redis.googleapis.com.evil.example/v1/x', 'is not a Google API host'],
      ['http://redis.googleapis.com/v1/projects/{project}/x', 'must be https://'],
      ['https://redis.googleapis.com:8443/v1/x', 'must not name a port'],
      ['https://user@redis.googleapis.com/v1/x', 'must not carry a user'],
      ['https://redis.googleapis.com/v1/projects/{zone}/x', 'unknown placeholder {zone}'],
      ['https://redis.googleapis.com/v1/x?pageToken=a', 'gtp reads every page'],
    ];
    for (const [url, why] of bad) {
      const problems = await problemsOf(register(`${read(url)}    require: has(resource.tier)\n`));
      expect(problems.length, url).toBe(1);
      expect(problems[0], url).toContain(why);
      expect(problems[0], url).toMatch(/^22:12 probes\.0\.read\.url: /);
    }
  });

  it("an id in gtp's own namespace, require and expect together, a mitigation naming an unknown probe", async () => {
    const builtIn = register(`${read()}    require: has(resource.tier)\n`, '[sql.redis-ha]');
    expect(await problemsOf(builtIn.replace('id: acme.redis-ha', 'id: sql.redis-ha'))).toEqual([
      `18:9 probes.0.id: "sql.redis-ha" is in gtp's own namespace sql.: name your probes in a namespace of your own (acme.redis-ha)`,
    ]);
    expect((await problemsOf(register(`${read()}    require: has(resource.tier)\n    expect: any\n`)))[0]).toContain(
      'give either require',
    );
    expect((await problemsOf(register(`${read()}    require: has(resource.tier)\n`, '[acme.redis]')))[0]).toContain(
      'unknown check "acme.redis"',
    );
  });

  it('a valid probe loads, and its mitigation names it', async () => {
    expect(await problemsOf(register(`${read()}    require: has(resource.tier)\n`))).toEqual([]);
  });
});
