import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { isZone, nodeZones } from '../../../gcp/model/gke.js';
import { MalformedEvidence } from '../../evidence.js';

export default defineCheck({
  id: 'gke.regional',
  title: 'GKE clusters are regional (control plane and nodes across zones)',
  collects: ['gke.clusters'],
  permissions: ['container.clusters.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Create the cluster with a region as its location (google_container_cluster.location = "us-central1"); a zonal cluster cannot be converted in place.',
  },
  evaluate(data) {
    return {
      resources: data.get('gke.clusters').map((cluster): ResourceVerdict => {
        const name = cluster.name ?? '(unnamed cluster)';
        const location = cluster.location ?? '';
        const zonal = location === '' || isZone(location);
        const where = `location=${location || 'unset'} (${zonal ? 'zone' : 'region'})`;
        if (zonal) return { name, verdict: 'fail', detail: where };
        // A regional control plane does not keep workloads up if their nodes sit in one zone: every node pool
        // must span zones. The API always lists them; none listed cannot be judged.
        const pools = nodeZones(cluster);
        if (pools.some((p) => p.zones.length === 0))
          throw new MalformedEvidence(`gke.clusters: ${name}.locations is missing: its nodes' zones are unknown`);
        const pinned = pools.filter((p) => p.zones.length < 2);
        return {
          name,
          verdict: pinned.length === 0 ? 'pass' : 'fail',
          detail: `${where}; ${pools.map((p) => `node pool ${p.pool} in ${p.zones.join(',')}`).join('; ')}${pinned.length ? `; ${pinned.map((p) => p.pool).join(', ')} in one zone only` : ''}`,
        };
      }),
    };
  },
});
