import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../src/checks/index.js';
import { attestInFile } from '../../src/matrix/attest.js';
import { parseRegister } from '../../src/matrix/load.js';
import { REGISTER } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

/**
 * The seed register as a team keeps it before it verifies SQL injection and serialised applies with probes: those
 * mitigations name no check, so a person's word is what vouches for them (probes outrank attestations).
 */
const original = readFileSync(REGISTER, 'utf8')
  .replace('      checks: [repo.sql-injection-analysis]\n', '')
  .replace('      checks: [repo.terraform-apply-serialized]\n', '');
const attestation = {
  by: 'appsec lead',
  date: '2026-11-20',
  evidence: 'https://git.example/acme/web/pull/812',
  expires: '2027-05-31',
};

function copy(): string {
  const file = join(scratchDir('gtp-attest-'), 'risks.yaml');
  writeFileSync(file, original);
  return file;
}

describe('attesting a mitigation in the register file', () => {
  it('adds the attestation and changes no other line, comments included', async () => {
    const file = copy();
    const result = await attestInFile(file, { riskId: 'sql-injection', attestation }, { knownChecks: CHECK_IDS });
    expect(result).toEqual({ mitigation: 'existing', text: 'Parameterized Queries' });
    const updated = readFileSync(file, 'utf8');
    const added = updated.split('\n').filter((line) => !original.split('\n').includes(line));
    expect(added).toEqual([
      '      attestation:',
      '        by: appsec lead',
      '        date: 2026-11-20',
      '        evidence: https://git.example/acme/web/pull/812',
      '        expires: 2027-05-31',
    ]);
    expect(updated.replace(added.join('\n') + '\n', '')).toBe(original);
    const risk = parseRegister(updated, file, { knownChecks: CHECK_IDS }).register.risks.find(
      (r) => r.id === 'sql-injection',
    )!;
    expect(risk.existing?.attestation).toEqual(attestation);
  });

  it('replaces an earlier attestation instead of adding a second', async () => {
    const file = copy();
    await attestInFile(file, { riskId: 'sql-injection', attestation }, { knownChecks: CHECK_IDS });
    await attestInFile(
      file,
      { riskId: 'sql-injection', attestation: { ...attestation, by: 'ciso: acme', expires: '2027-12-31' } },
      { knownChecks: CHECK_IDS },
    );
    const updated = readFileSync(file, 'utf8');
    expect(updated.match(/attestation:/g)).toHaveLength(1);
    expect(updated).toContain('by: "ciso: acme"');
  });

  it('picks the mitigation no check verifies, and refuses one that a probe verifies', async () => {
    const file = copy();
    expect(
      await attestInFile(file, { riskId: 'terraform-state-conflict', attestation }, { knownChecks: CHECK_IDS }),
    ).toMatchObject({ mitigation: 'proposed' });
    await expect(
      attestInFile(file, { riskId: 'billing-spike', attestation }, { knownChecks: CHECK_IDS }),
    ).rejects.toThrow(/no mitigation without checks/);
    await expect(
      attestInFile(file, { riskId: 'billing-spike', mitigation: 'proposed', attestation }, { knownChecks: CHECK_IDS }),
    ).rejects.toThrow(/probes outrank attestations/);
    await expect(
      attestInFile(file, { riskId: 'no-such-risk', attestation }, { knownChecks: CHECK_IDS }),
    ).rejects.toThrow(/no risk "no-such-risk"/);
  });

  it('a flow-mapping mitigation gets the attestation inside its braces, every other line unchanged', async () => {
    const file = copy();
    const flow = original.replace(
      '    existing:\n      text: Parameterized Queries\n      effect: { probability: 0.5 }\n',
      '    existing: { text: Parameterized Queries, effect: { probability: 0.5 } } # reviewed quarterly\n',
    );
    expect(flow).not.toBe(original);
    writeFileSync(file, flow);
    await attestInFile(file, { riskId: 'sql-injection', attestation }, { knownChecks: CHECK_IDS });
    const updated = readFileSync(file, 'utf8');
    const changed = updated.split('\n').filter((line) => !flow.split('\n').includes(line));
    expect(changed).toEqual([
      '    existing: { text: Parameterized Queries, effect: { probability: 0.5 }, attestation: { by: "appsec lead", ' +
        'date: "2026-11-20", evidence: "https://git.example/acme/web/pull/812", expires: "2027-05-31" } } # reviewed quarterly',
    ]);
    expect(updated.split('\n')).toHaveLength(flow.split('\n').length);
    const again = { ...attestation, by: 'ciso "acme"' };
    await attestInFile(file, { riskId: 'sql-injection', attestation: again }, { knownChecks: CHECK_IDS });
    const risk = parseRegister(readFileSync(file, 'utf8'), file, { knownChecks: CHECK_IDS }).register.risks.find(
      (r) => r.id === 'sql-injection',
    )!;
    expect(risk.existing?.attestation).toEqual(again);
    expect(readFileSync(file, 'utf8').match(/attestation:/g)).toHaveLength(1);
  });
});
