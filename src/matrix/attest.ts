import { access, constants, readFile } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import { writeFileAtomic } from '../util/atomic-write.js';
import { withFileLock } from '../util/file-lock.js';
import { InputError } from '../util/errors.js';
import { parseRegister, type LoadOptions } from './load.js';
import type { Attestation } from './schema.js';

export interface AttestRequest {
  riskId: string;
  /** Which mitigation; by default the one that no check verifies (existing first). */
  mitigation?: 'existing' | 'proposed';
  attestation: Attestation;
}

export interface AttestResult {
  mitigation: 'existing' | 'proposed';
  text: string;
}

/**
 * Records an attestation in the register file, changing nothing else: comments, order and formatting stay, and
 * the file is replaced whole only if the result is still a valid register. The read, the change and the write
 * happen under a lock, so concurrent attestations of one register all land instead of the last one winning.
 */
export async function attestInFile(
  file: string,
  request: AttestRequest,
  options: LoadOptions = {},
): Promise<AttestResult> {
  // A register that is not there is bad input, said before any lock is taken (its directory may not exist either).
  await access(file, constants.R_OK).catch(() => {
    throw cannotRead(file);
  });
  return withFileLock(file, () => attestLocked(file, request, options));
}

function cannotRead(file: string): InputError {
  return new InputError(`cannot read register ${file}: no such file`, [
    { file, line: 1, column: 1, message: 'cannot read register: no such file' },
  ]);
}

function readRegisterText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => {
    throw cannotRead(file);
  });
}

async function attestLocked(file: string, request: AttestRequest, options: LoadOptions): Promise<AttestResult> {
  const text = await readRegisterText(file);
  const { register } = parseRegister(text, file, options);
  const index = register.risks.findIndex((r) => r.id === request.riskId);
  if (index < 0)
    throw new InputError(`${file}: no risk "${request.riskId}" (risks: ${register.risks.map((r) => r.id).join(', ')})`);
  const risk = register.risks[index]!;
  const side =
    request.mitigation ??
    (risk.existing && risk.existing.checks.length === 0
      ? 'existing'
      : risk.proposed && risk.proposed.checks.length === 0
        ? 'proposed'
        : undefined);
  const mitigation = side ? risk[side] : undefined;
  if (!side || !mitigation) {
    throw new InputError(
      `${file}: risk "${risk.id}" has no ${request.mitigation ?? 'mitigation without checks'} to attest; name one with --mitigation existing|proposed`,
    );
  }
  if (mitigation.checks.length > 0) {
    throw new InputError(
      `${file}: the ${side} mitigation of "${risk.id}" is verified by ${mitigation.checks.join(', ')}; probes outrank attestations`,
    );
  }
  const updated = withAttestation(text, ['risks', index, side], request.attestation);
  parseRegister(updated, file, options);
  await writeFileAtomic(file, updated);
  return { mitigation: side, text: mitigation.text };
}

/**
 * Writes the attestation block into the mitigation's mapping as text, so that every other byte of the file
 * (comments, flow style, folding) stays as its authors wrote it. An existing attestation is replaced.
 */
export function withAttestation(text: string, path: (string | number)[], attestation: Attestation): string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const map = doc.getIn(path, true);
  if (isMap(map) && map.flow) return withFlowAttestation(text, map, attestation);
  if (!isMap(map) || map.items.length === 0) {
    // Nothing to anchor a block to: rewrite the document instead.
    doc.setIn([...path, 'attestation'], doc.createNode({ ...attestation }));
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
  const firstKey = map.items[0]!.key as Node;
  const indent = ' '.repeat(lineCounter.linePos(firstKey.range![0]).col - 1);
  const block =
    `${indent}attestation:\n` +
    (['by', 'date', 'evidence', 'expires'] as const)
      .map((k) => `${indent}  ${k}: ${stringify(attestation[k]).trimEnd()}\n`)
      .join('');
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineAfter = (offset: number) => {
    const newline = text.indexOf('\n', offset);
    return newline < 0 ? text.length : newline + 1;
  };
  const existing = map.items.find((pair: Pair) => (pair.key as { value?: unknown }).value === 'attestation');
  if (existing) {
    const from = lineStart((existing.key as Node).range![0]);
    const to = lineAfter(((existing.value as Node | null)?.range ?? (existing.key as Node).range!)[1] - 1);
    return text.slice(0, from) + block + text.slice(to);
  }
  const last = map.items.at(-1)!;
  const end = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1];
  const at = lineAfter(Math.max(end - 1, 0));
  const prefix = text.slice(0, at);
  return (prefix.endsWith('\n') ? prefix : `${prefix}\n`) + block + text.slice(at);
}

/**
 * A flow mapping (`existing: { text: …, checks: [] }`) gets the attestation as a flow mapping of its own, spliced in
 * before its closing brace (or over the earlier attestation's value): the rest of the line and the file stay.
 */
function withFlowAttestation(text: string, map: YAMLMap, attestation: Attestation): string {
  // JSON strings are YAML double-quoted scalars: any value is written safely, whatever it holds.
  const value = `{ ${(['by', 'date', 'evidence', 'expires'] as const).map((k) => `${k}: ${JSON.stringify(attestation[k])}`).join(', ')} }`;
  const existing = map.items.find((pair: Pair) => (pair.key as { value?: unknown }).value === 'attestation');
  const existingRange = (existing?.value as Node | null | undefined)?.range;
  if (existingRange) return text.slice(0, existingRange[0]) + value + text.slice(existingRange[1]);
  const close = text.lastIndexOf('}', map.range![1] - 1);
  const before = text.slice(0, close).trimEnd();
  const separator = map.items.length === 0 || before.endsWith(',') ? ' ' : ', ';
  return `${before}${separator}attestation: ${value} ${text.slice(close)}`;
}
