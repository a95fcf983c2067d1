import { sqlInstanceEvidence } from '../evidence.js';
import terraformFix from './terraform.js';
import { need } from '../../evidence.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { nameOf, replicasOf, replicationGap, roleOf } from '../../../gcp/model/sql.js';

export default defineCheck({
  id: 'sql.cross-region-replica',
  title: 'Every primary Cloud SQL instance has a read replica in another region, ready to promote',
  collects: ['sql.instances'],
  evidence: sqlInstanceEvidence,
  permissions: ['cloudsql.instances.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Create a google_sql_database_instance with master_instance_name = the primary and region = another region (e.g. us-east1).',
  },
  evaluate(data) {
    const instances = data.get('sql.instances');
    return {
      resources: instances.map((instance): ResourceVerdict => {
        const name = nameOf(instance);
        const role = roleOf(instance);
        if (role !== 'primary')
          return {
            name,
            verdict: 'not-applicable',
            detail: role === 'replica' ? 'a replica itself' : 'on-premises source',
          };
        const replicas = replicasOf(instances, name);
        // Without both regions "another region" cannot be told: unverified, never a pass.
        const region = need(instance.region, `sql.instances: ${name}.region`);
        const remote = replicas.filter((r) => need(r.region, `sql.instances: ${nameOf(r)}.region`) !== region);
        // A replica that does not replicate is no copy: it counts only while it runs and follows its primary.
        const inForce = remote.filter((r) => replicationGap(r) === undefined);
        const describe = (r: (typeof replicas)[number]) => {
          const gap = replicationGap(r);
          return `${nameOf(r)} (${r.region ?? '?'}${gap ? `: ${gap}` : ''})`;
        };
        return {
          name,
          verdict: inForce.length > 0 ? 'pass' : 'fail',
          detail: `region ${instance.region ?? '?'}; replicas: ${replicas.map(describe).join(', ') || 'none'}`,
          ...(inForce.length > 0 ? {} : { data: instance }),
        };
      }),
    };
  },
});
