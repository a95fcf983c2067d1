import { defineCheck, type ResourceVerdict } from '../../types.js';
import { resourceOf } from '../../../gcp/model/scc.js';

/**
 * Which gtp checks judge resources of which API, so that an SCC finding can be set beside gtp's verdict. Findings
 * name resources by their full resource name (Cloud Asset Inventory's), whose host is not always the API's: a
 * Cloud SQL instance is //cloudsql.googleapis.com/projects/P/instances/I, though the API is sqladmin.googleapis.com.
 */
const SERVICE_CHECKS: Record<string, string> = {
  'cloudsql.googleapis.com': 'sql.',
  'container.googleapis.com': 'gke.',
  'storage.googleapis.com': 'storage.',
  'compute.googleapis.com': 'armor.',
  'binaryauthorization.googleapis.com': 'binauthz.',
};

export default defineCheck({
  id: 'scc.misconfiguration-agreement',
  title: "No active Security Health Analytics misconfiguration contradicts a resource that gtp's checks passed",
  collects: ['scc.misconfigurationFindings'],
  permissions: ['securitycenter.findings.list'],
  peers: '*',
  remediation: {
    operational: 'each finding is resolved by fixing what it names, check by check',
    text: 'Read both: fix the misconfiguration SCC reports, or, if gtp is right, tell SCC why (mute with a reason). Disagreement means one of the two views is incomplete.',
  },
  evaluate(data) {
    // What gtp judged, by API and short resource name: the checks that passed it and those that failed it.
    const passed = new Map<string, string[]>();
    const failed = new Map<string, string[]>();
    for (const peer of data.peers) {
      const prefix = Object.entries(SERVICE_CHECKS).find(([, p]) => peer.id.startsWith(p));
      if (!prefix) continue;
      for (const r of peer.resources.filter((x) => x.verdict !== 'not-applicable')) {
        const key = `${prefix[0]} ${r.name.split('/').at(-1)}`;
        const into = r.verdict === 'pass' ? passed : failed;
        into.set(key, [...(into.get(key) ?? []), peer.id]);
      }
    }
    const resources = data.get('scc.misconfigurationFindings').map((result): ResourceVerdict => {
      const { service, short, full } = resourceOf(result);
      const key = `${service} ${short}`;
      const f = result.finding ?? {};
      const what = `SCC ${f.category ?? '?'} (${f.severity ?? '?'}) on ${full}`;
      if (passed.has(key))
        return {
          name: short,
          verdict: 'fail',
          detail: `${what}, while gtp passed it in ${passed.get(key)!.join(', ')}`,
        };
      if (failed.has(key))
        return {
          name: short,
          verdict: 'not-applicable',
          detail: `${what}: gtp agrees, ${failed.get(key)!.join(', ')} failed it`,
        };
      return { name: short || full, verdict: 'not-applicable', detail: `${what}: no gtp check judges it` };
    });
    if (resources.some((r) => r.verdict === 'fail')) return { resources, outcome: 'fail' };
    // Nothing gtp passed, nothing SCC could contradict.
    if (passed.size === 0)
      return {
        resources: [
          ...resources,
          { name: 'gtp', verdict: 'not-applicable', detail: 'gtp passed no resource that SCC could contradict' },
        ],
        outcome: 'not-applicable',
      };
    resources.push({
      name: 'agreement',
      verdict: 'pass',
      detail: `no active misconfiguration finding on the ${passed.size} resource(s) gtp verified`,
    });
    return { resources, outcome: 'pass' };
  },
});
