import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { regionOf } from '../../../gcp/model/gke.js';

export default defineCheck({
  id: 'gke.multi-region',
  title: 'GKE clusters run in two or more regions, so a region outage leaves one serving',
  collects: ['gke.clusters'],
  permissions: ['container.clusters.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Run a second regional cluster in another region (the seed names us-east1) and spread traffic over both with a global load balancer.',
  },
  evaluate(data) {
    const clusters = data.get('gke.clusters');
    const regions = [...new Set(clusters.map((c) => regionOf(c.location ?? '')).filter(Boolean))].sort();
    const enough = regions.length >= 2;
    return {
      resources: clusters.map((cluster): ResourceVerdict => ({
        name: cluster.name ?? '(unnamed cluster)',
        verdict: enough ? 'pass' : 'fail',
        detail: `region ${regionOf(cluster.location ?? '') || 'unknown'}; clusters span ${regions.length} region(s): ${regions.join(', ') || 'none'}`,
      })),
    };
  },
});
