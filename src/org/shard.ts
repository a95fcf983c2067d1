import type { Plan } from './plan.js';

/** The most shards a plan is run by: the bound of `--shard I/N`, `--shards N` and the engines' counts. */
export const MAX_SHARDS = 10_000;

/** Whether a count of shards is one gtp runs: a whole number from 1 to MAX_SHARDS. */
export const isShardCount = (count: number): boolean => Number.isInteger(count) && count >= 1 && count <= MAX_SHARDS;

export interface Shard {
  index: number;
  count: number;
}

const MULTIPLIER = 2862933555777941757n;
const MASK = (1n << 64n) - 1n;

/**
 * Jump consistent hash (Lamping and Veach, 2014): the bucket of a 64-bit key among `buckets`, such that going
 * from N to N+1 buckets moves only about 1/(N+1) of the keys. The same key always lands in the same bucket.
 */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  let k = key & MASK;
  while (j < buckets) {
    b = j;
    k = (k * MULTIPLIER + 1n) & MASK;
    j = Math.floor(((b + 1) * 2 ** 31) / (Number(k >> 33n) + 1));
  }
  return b;
}

/** A project's key: its number (projects/NUMBER) when the plan has it, else a 64-bit FNV-1a hash of its id. */
function keyOf(project: Plan['projects'][number]): bigint {
  const number = /^projects\/(\d+)$/.exec(project.name ?? '')?.[1];
  if (number) return BigInt(number);
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(project.projectId)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  return hash;
}

/** The plan's projects that belong to one shard, in the plan's order. */
export function projectsOfShard(plan: Plan, shard: Shard): Plan['projects'] {
  return plan.projects.filter((p) => jumpHash(keyOf(p), shard.count) === shard.index);
}

/**
 * Which shard this process is: `--shard I/N` first, else the engine's own variables (Cloud Run Jobs, Cloud Batch,
 * a Kubernetes Indexed Job with the count given as `--shards N`), else the whole plan as one shard.
 */
export function shardOf(
  flag: string | undefined,
  shards: number | undefined,
  env: NodeJS.ProcessEnv,
): { shard: Shard; from: string } | { error: string } {
  const check = (index: number, count: number, from: string) =>
    Number.isInteger(index) && isShardCount(count) && index >= 0 && index < count
      ? { shard: { index, count }, from }
      : { error: `${from}: shard ${index} of ${count} is not one of 0 … count-1 (count 1 to ${MAX_SHARDS})` };
  const whole = (text: string | undefined) => (text !== undefined && /^\d{1,5}$/.test(text) ? Number(text) : NaN);
  if (flag !== undefined) {
    const match = /^(\d{1,5})\/(\d{1,5})$/.exec(flag);
    if (!match) return { error: `--shard takes INDEX/COUNT (e.g. 3/16, counted from 0), got ${JSON.stringify(flag)}` };
    return check(Number(match[1]), Number(match[2]), '--shard');
  }
  if (env.CLOUD_RUN_TASK_INDEX !== undefined)
    return check(whole(env.CLOUD_RUN_TASK_INDEX), whole(env.CLOUD_RUN_TASK_COUNT), 'CLOUD_RUN_TASK_INDEX/COUNT');
  if (env.BATCH_TASK_INDEX !== undefined)
    return check(whole(env.BATCH_TASK_INDEX), whole(env.BATCH_TASK_COUNT), 'BATCH_TASK_INDEX/COUNT');
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (shards === undefined) return { error: "JOB_COMPLETION_INDEX is set: give the job's completions as --shards N" };
    return check(whole(env.JOB_COMPLETION_INDEX), shards, 'JOB_COMPLETION_INDEX');
  }
  if (shards !== undefined) return { error: '--shards N goes with JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)' };
  return { shard: { index: 0, count: 1 }, from: 'the whole plan' };
}

/** Where a shard writes, inside the plan's directory: shards/INDEX-of-COUNT. */
export const shardDirName = (shard: Shard): string => `${shard.index}-of-${shard.count}`;
