import { readFile } from 'node:fs/promises';
import { InputError } from '../util/errors.js';
import { decodeUtf8 } from '../util/yaml-input.js';
import type { CollectionError } from './errors.js';
import type { World } from './world.js';

/** Reserved key of a snapshot: collections that could not be read when it was taken, so they stay errors offline. */
export const ERRORS_KEY = '$errors';

export async function loadWorldFile(file: string): Promise<World> {
  let text: string;
  try {
    text = decodeUtf8(await readFile(file), file, 'world or snapshot');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`, [
      {
        file,
        line: 1,
        column: 1,
        message: `cannot read world or snapshot: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
      },
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, offset).split('\n');
    throw new InputError(`${file} is not valid JSON`, [
      {
        file,
        line: before.length,
        column: before.at(-1)!.length + 1,
        message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      },
    ]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(`${file} must hold a JSON object`, [
      { file, line: 1, column: 1, message: 'expected an object keyed by REST URL' },
    ]);
  }
  return parsed as World;
}

export function snapshotErrors(world: World): Record<string, CollectionError> {
  return (world[ERRORS_KEY] as Record<string, CollectionError> | undefined) ?? {};
}

/** The project a snapshot was taken of, when its keys name exactly one. */
export function projectOfWorld(world: World): string | undefined {
  const projects = new Set(
    Object.keys(world)
      .map((key) => /\/projects\/([^/?:]+)/.exec(key)?.[1] ?? /[?&]project=([^&]+)/.exec(key)?.[1])
      .filter((p): p is string => p !== undefined && !/^\d+$/.test(p)),
  );
  return projects.size === 1 ? [...projects][0] : undefined;
}
