import { describe, expect, it } from 'vitest';
import { SCC_FILTERS } from '../../src/gcp/collections.js';
import { matchesSccFilter, parseSccFilter } from '../../src/gcp/scc-filter.js';

describe("SCC's filter language (the subset gtp sends)", () => {
  it.each(Object.entries(SCC_FILTERS))('gtp sends %s as a valid filter', (_name, filter) => {
    expect(() => parseSccFilter(filter)).not.toThrow();
  });

  const finding = { state: 'ACTIVE', mute: 'UNMUTED', findingClass: 'VULNERABILITY', severity: 'HIGH' };
  it.each([
    [SCC_FILTERS.vulnerabilities, finding, true],
    [SCC_FILTERS.vulnerabilities, { ...finding, severity: 'MEDIUM' }, false],
    [SCC_FILTERS.vulnerabilities, { ...finding, mute: 'MUTED' }, false],
    [SCC_FILTERS.vulnerabilities, { ...finding, mute: 'UNDEFINED' }, true],
    [SCC_FILTERS.misconfigurations, finding, false],
    ['severity="LOW" OR severity="HIGH" AND state="INACTIVE"', finding, false],
    ['(severity="LOW" OR severity="HIGH") AND state="ACTIVE"', finding, true],
    // OR binds tighter than AND (AIP-160): this is INACTIVE AND (LOW OR HIGH), not (INACTIVE AND LOW) OR HIGH.
    ['state="INACTIVE" AND severity="LOW" OR severity="HIGH"', finding, false],
    ['state="ACTIVE" AND severity="LOW" OR severity="HIGH"', finding, true],
    ['NOT mute="MUTED" AND severity="HIGH"', finding, true],
    ['-severity="HIGH"', finding, false],
    ['finding_class:"VULN"', finding, true],
    ['finding_class:"MISCONF"', finding, false],
  ])('%s on %j → %s', (filter, f, expected) => {
    expect(matchesSccFilter(f, parseSccFilter(filter))).toBe(expected);
  });

  it.each(['state=ACTIVE', 'state="ACTIVE" AND', '(state="ACTIVE"', 'state > "x"'])('rejects %s', (filter) => {
    expect(() => parseSccFilter(filter)).toThrow();
  });
});
