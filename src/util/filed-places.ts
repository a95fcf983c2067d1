/**
 * Keys (an organization's projects) numbered once for every list filed under them: each key's string is held once,
 * however many lists name it and however many copies of it their pages parsed.
 */
export class KeyNumbers {
  private readonly numbers = new Map<string, number>();

  numberOf(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size));
    return n;
  }

  find(key: string): number | undefined {
    return this.numbers.get(key);
  }
}

/**
 * Pairs of numbers (a place in a spool: offset and length) filed under keys, kept compact. While a list is read,
 * each pair is appended to one flat list with its key's number; once the list is read (`seal`), the pairs are
 * set side by side in one typed array, grouped by key in the order they were filed, with each key's start in
 * another. An index of a few numbers per resource, where a list and an object per key per list was, at ten
 * thousand projects, tens of megabytes of the audit's heap.
 */
export class FiledPlaces {
  private log: number[] = [];
  private starts: Int32Array | undefined;
  private pairs: Float64Array | undefined;

  constructor(private readonly keys: KeyNumbers) {}

  file(key: string, first: number, second: number): void {
    if (this.pairs) throw new Error('filed after the list was sealed');
    this.log.push(this.keys.numberOf(key), first, second);
  }

  /** The list is read: its pairs grouped by key (a counting sort, stable). */
  seal(): this {
    if (this.pairs) return this;
    const log = this.log;
    let size = 0;
    for (let i = 0; i < log.length; i += 3) size = Math.max(size, log[i]! + 1);
    const starts = new Int32Array(size + 1);
    for (let i = 0; i < log.length; i += 3) starts[log[i]! + 1]! += 1;
    for (let k = 0; k < size; k++) starts[k + 1]! += starts[k]!;
    const next = starts.slice(0, size);
    const pairs = new Float64Array((log.length / 3) * 2);
    for (let i = 0; i < log.length; i += 3) {
      const at = next[log[i]!]!++ * 2;
      pairs[at] = log[i + 1]!;
      pairs[at + 1] = log[i + 2]!;
    }
    this.starts = starts;
    this.pairs = pairs;
    this.log = [];
    return this;
  }

  /** Whether anything is filed under the key. */
  has(key: string): boolean {
    return this.range(key) !== undefined;
  }

  /** The pairs filed under the key, in the order they were filed. */
  *pairsOf(key: string): Generator<[number, number]> {
    const range = this.range(key);
    if (!range) return;
    for (let p = range[0]; p < range[1]; p++) yield [this.pairs![p * 2]!, this.pairs![p * 2 + 1]!];
  }

  private range(key: string): [number, number] | undefined {
    if (!this.starts) throw new Error('read before the list was sealed');
    const n = this.keys.find(key);
    if (n === undefined || n + 1 >= this.starts.length) return undefined;
    const [from, to] = [this.starts[n]!, this.starts[n + 1]!];
    return to > from ? [from, to] : undefined;
  }
}
