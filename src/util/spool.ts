import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where one piece of text lies in a spool. */
export interface Slice {
  offset: number;
  length: number;
}

/**
 * Text read ahead for many projects and needed once by each (an organization's inventory, its SCC findings): kept
 * in a spool until its project is judged, so that what is held in memory follows the projects in flight, not the
 * organization.
 */
export interface Spool {
  append(text: string): Slice;
  read(slice: Slice): string;
  close(): void;
}

/**
 * A value as JSON text, or undefined when JSON would not give it back as it is (a number JSON cannot write, an
 * undefined in a list): such a value stays an object instead of going to a spool.
 */
export function exactJson(value: unknown): string | undefined {
  let exact = true;
  const text = JSON.stringify(value, function (this: unknown, _key, item: unknown) {
    // An undefined property is left out, as absent; in a list it would come back as null.
    if ((typeof item === 'number' && !Number.isFinite(item)) || (item === undefined && Array.isArray(this)))
      exact = false;
    return item;
  });
  return exact ? text : undefined;
}

/** A spool in memory: for tests and small runs, where a scratch file buys nothing. */
export class MemorySpool implements Spool {
  private readonly texts: string[] = [];

  append(text: string): Slice {
    this.texts.push(text);
    return { offset: this.texts.length - 1, length: text.length };
  }

  read(slice: Slice): string {
    const text = this.texts[slice.offset];
    if (text === undefined) throw new Error('the spool holds nothing there (closed, or another spool)');
    return text;
  }

  close(): void {
    this.texts.length = 0;
  }
}

/**
 * A spool in a scratch file of its own (a new directory under the system's temporary directory, readable by its
 * owner only), removed when it is closed or the process exits. Reads and writes are synchronous and small: a
 * project's share is read back when the project is judged.
 */
export class FileSpool implements Spool {
  private readonly dir: string;
  private readonly fd: number;
  private size = 0;
  private closed = false;
  private readonly onExit = () => this.close();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'gtp-spool-'));
    this.fd = openSync(join(this.dir, 'spool'), 'w+', 0o600);
    process.once('exit', this.onExit);
  }

  append(text: string): Slice {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length)
      written += writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    const slice = { offset: this.size, length: bytes.length };
    this.size += bytes.length;
    return slice;
  }

  read(slice: Slice): string {
    const bytes = Buffer.allocUnsafe(slice.length);
    let read = 0;
    while (read < slice.length) {
      const n = readSync(this.fd, bytes, read, slice.length - read, slice.offset + read);
      if (n === 0) throw new Error('the spool ends before the slice: it was cut short');
      read += n;
    }
    return bytes.toString('utf8');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.removeListener('exit', this.onExit);
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
