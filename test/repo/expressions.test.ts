import { describe, expect, it } from 'vitest';
import { evaluateCondition, type RunContext } from '../../src/repo/ci/github-expressions.js';
import { evaluateRule } from '../../src/repo/ci/gitlab-expressions.js';

const push: RunContext = { event: 'push', ref: { kind: 'branch', names: ['main'] } };
const pr: RunContext = { event: 'pull_request', ref: { kind: 'pull' } };
const tag: RunContext = { event: 'push', ref: { kind: 'tag' } };

describe('GitHub Actions if: conditions (docs.github.com, "Evaluate expressions in workflows and actions")', () => {
  it.each([
    ['false', push, false],
    ['${{ false }}', push, false],
    ['true', push, true],
    ["github.event_name == 'push'", push, true],
    ["github.event_name == 'push'", pr, false],
    ["github.event_name != 'pull_request' && github.ref == 'refs/heads/main'", push, true],
    ["github.ref == 'refs/heads/main'", pr, false],
    ["startsWith(github.ref, 'refs/tags/')", tag, true],
    ["startsWith(github.ref, 'refs/tags/')", push, false],
    ['failure()', push, false],
    ['always()', push, true],
    ['!cancelled()', push, true],
    ["github.repository == 'acme/app'", push, true],
    ["needs.build.result == 'success'", push, true],
    ['!contains(fromJSON(\'["failure", "cancelled"]\'), needs.gate.result)', push, true],
    ["vars.SCAN == 'true'", push, 'unknown'],
    ["vars.SCAN == 'true' || github.event_name == 'push'", push, true],
    ["vars.SCAN == 'true' && github.event_name == 'push'", pr, false],
    ["vars.SCAN == 'true' && github.event_name == 'push'", push, 'unknown'],
    ["GITHUB.EVENT_NAME == 'PUSH'", push, true],
    ['github.event_name ==', push, 'unknown'],
  ] as const)('%s on %o is %s', (condition, run, expected) => {
    expect(evaluateCondition(condition, run)).toBe(expected);
  });
});

describe('GitLab CI rules:if expressions (docs.gitlab.com, "CI/CD variable expressions")', () => {
  const mr = { CI_PIPELINE_SOURCE: 'merge_request_event', CI_COMMIT_BRANCH: null, CI_DEFAULT_BRANCH: 'main' };
  const main = { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_COMMIT_TAG: null };
  it.each([
    ['$CI_PIPELINE_SOURCE == "merge_request_event"', mr, true],
    ['$CI_PIPELINE_SOURCE == "merge_request_event"', main, false],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', main, true],
    ['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH', mr, false],
    ['$CI_COMMIT_TAG', main, false],
    ['$CI_COMMIT_TAG == null', main, true],
    ['$CI_COMMIT_BRANCH =~ /^ma/', main, true],
    ['$CI_COMMIT_BRANCH !~ /^ma/', main, false],
    ['$RUN_SCAN == "true"', main, 'unknown'],
    ['$RUN_SCAN == "true" || $CI_COMMIT_BRANCH', main, true],
    ['($RUN_SCAN == "true") && $CI_COMMIT_TAG', main, false],
  ] as const)('%s is %s', (expression, variables, expected) => {
    expect(evaluateRule(expression, variables)).toBe(expected);
  });
});
