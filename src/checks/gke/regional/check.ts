import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { isZone } from '../../../gcp/model/gke.js';

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
        const location = cluster.location ?? '';
        const zonal = location === '' || isZone(location);
        return {
          name: cluster.name ?? '(unnamed cluster)',
          verdict: zonal ? 'fail' : 'pass',
          detail: `location=${location || 'unset'} (${zonal ? 'zone' : 'region'})${cluster.locations?.length ? `, node zones=${cluster.locations.join(',')}` : ''}`,
        };
      }),
    };
  },
});
