import { createReadStream } from 'node:fs';

/** The document is not one the split can read as it goes: the caller parses it whole, for JSON's own verdict. */
export class NotSplittable extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** A key's name as JSON.parse reads it (escapes and all); a top-level object has few keys. */
function keyOf(token: Buffer | undefined): string | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(token.toString('utf8')) as string;
  } catch {
    throw new NotSplittable('a key is not a JSON string');
  }
}

/**
 * Reads a JSON file a chunk at a time and hands each element of the array under one key of its top-level object to
 * `onElement`, as that element's own text, in order; returns the rest of the document as text, with that array
 * written as `[]`. A report of ten thousand projects is then never one string, nor one parsed value, in memory.
 *
 * It only finds where elements begin and end (strings, escapes and nesting); JSON.parse still judges every piece.
 * Anything it does not expect (a top level that is not an object, the key missing or given twice, an empty element,
 * a document that does not close) throws NotSplittable, so that the caller parses the file whole and the reader
 * gets JSON's own message for it; nothing is ever read differently from JSON.parse.
 */
export async function splitTopLevelArray(
  file: string,
  key: string,
  onElement: (text: string, index: number) => void,
  /** How much is read at once (tests make it small, to put a chunk's edge everywhere). */
  chunkBytes = 1 << 20,
): Promise<string> {
  const envelope: Buffer[] = [];
  let element: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1; // where a string at depth 1 began, in this chunk (-1: began in an earlier one)
  let stringBytes: Buffer[] = []; // a depth-1 string's bytes, when it spans chunks
  let lastString: Buffer | undefined; // the last string closed at depth 1: a key once a colon follows it
  let currentKey: string | undefined;
  let found = 0;
  let capturing = false; // inside the wanted array
  let index = 0;
  let sawTop = false;

  /** The element before a comma, or the last before `]`, which may be nothing only in an empty array. */
  const finishElement = (last: boolean) => {
    const text = Buffer.concat(element).toString('utf8');
    element = [];
    if (text.trim() !== '') onElement(text, index++);
    else if (!last || index > 0) throw new NotSplittable(`an empty element in ${key}`);
  };

  for await (const chunk of createReadStream(file, { highWaterMark: chunkBytes }) as AsyncIterable<Buffer>) {
    let from = 0; // the start of this chunk's bytes not yet given to the envelope or the element
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (depth === 1) {
            const tail = chunk.subarray(stringStart < 0 ? 0 : stringStart, i + 1);
            lastString = stringBytes.length > 0 ? Buffer.concat([...stringBytes, tail]) : Buffer.from(tail);
            stringBytes = [];
          }
        }
        continue;
      }
      if (byte === QUOTE) {
        inString = true;
        if (depth === 1) stringStart = i;
        continue;
      }
      if (isSpace(byte)) continue;
      if (depth === 0) {
        if (sawTop || byte !== OPEN_OBJECT) throw new NotSplittable('the top level is not one object');
        sawTop = true;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (depth === 1 && byte === OPEN_ARRAY && currentKey === key) {
          // The wanted array: the envelope keeps `[]`, its elements go one at a time.
          envelope.push(chunk.subarray(from, i + 1), Buffer.from(']'));
          from = i + 1;
          capturing = true;
          found += 1;
        }
        depth += 1;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        depth -= 1;
        if (depth < 0) throw new NotSplittable('a bracket closes nothing');
        if (capturing && depth === 1) {
          if (byte !== CLOSE_ARRAY) throw new NotSplittable(`${key} does not close as an array`);
          element.push(chunk.subarray(from, i));
          finishElement(true);
          from = i + 1;
          capturing = false;
        }
      } else if (byte === COLON && depth === 1) {
        currentKey = keyOf(lastString);
        if (currentKey === key && found > 0) throw new NotSplittable(`${key} is given twice`);
      } else if (byte === COMMA && capturing && depth === 2) {
        element.push(chunk.subarray(from, i));
        finishElement(false);
        from = i + 1;
      }
    }
    if (inString && depth === 1) stringBytes.push(Buffer.from(chunk.subarray(stringStart < 0 ? 0 : stringStart)));
    stringStart = -1;
    if (capturing) element.push(Buffer.from(chunk.subarray(from)));
    else envelope.push(chunk.subarray(from));
  }
  if (depth !== 0 || inString || !sawTop) throw new NotSplittable('the document does not close');
  if (found !== 1) throw new NotSplittable(`${key} is not one array of the top level`);
  return Buffer.concat(envelope).toString('utf8');
}
