// Compares a run of the end-to-end suites and the demo audit today with the same run with the clock moved ahead
// (.ci/run does both): every test must end the same way, and the demo must give the same verdicts, statuses and
// scores. A difference means some verdict depends on the day it runs.
//
//   node scripts/compare-clock-runs.mjs DIR   (DIR holds tests-today.json, tests-later.json, demo-today.json, demo-later.json)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/compare-clock-runs.mjs DIR');
  process.exit(2);
}
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

/** Every test's full name and how it ended, from Vitest's JSON reporter. */
const testOutcomes = (report) =>
  new Map(report.testResults.flatMap((file) => file.assertionResults.map((a) => [a.fullName, a.status])));

/** What an audit decided, without the times it ran at: per check its outcome and verdicts, per risk its status and score. */
const verdicts = (report) => ({
  checks: report.checks.map((c) => ({
    id: c.id,
    outcome: c.outcome,
    resources: c.resources.map((r) => `${r.name}:${r.verdict}`),
  })),
  risks: report.risks.map((r) => ({ id: r.id, status: r.status, drift: r.drift, residualScore: r.residualScore })),
  summary: report.summary,
});

const problems = [];
const today = testOutcomes(read('tests-today.json'));
const later = testOutcomes(read('tests-later.json'));
for (const [name, status] of today) {
  if (status !== 'passed') problems.push(`today: ${name}: ${status}`);
  if (later.get(name) !== status)
    problems.push(`clock moved ahead: ${name}: ${later.get(name) ?? 'did not run'} (today ${status})`);
}
for (const name of later.keys()) if (!today.has(name)) problems.push(`clock moved ahead only: ${name}`);

const demoToday = JSON.stringify(verdicts(read('demo-today.json')), null, 1).split('\n');
const demoLater = JSON.stringify(verdicts(read('demo-later.json')), null, 1).split('\n');
demoToday.forEach((line, i) => {
  if (line !== demoLater[i])
    problems.push(`demo audit differs at line ${i + 1}: today ${line.trim()} / ahead ${String(demoLater[i]).trim()}`);
});
if (demoLater.length !== demoToday.length) problems.push('demo audit: the two reports differ in length');

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(
  `shifted clock: ${today.size} end-to-end tests ended the same way; the demo audit gave the same ${verdicts(read('demo-today.json')).checks.length} check outcomes and ${verdicts(read('demo-today.json')).risks.length} risk statuses`,
);
