import terraformFix from './terraform.js';
import { defineCheck, type ResourceVerdict } from '../../types.js';
import { pipelineLabel } from '../../../gcp/model/deploy.js';

export default defineCheck({
  id: 'deploy.canary',
  title: 'Every delivery pipeline releases to production (its last stage) with a canary',
  collects: ['deploy.pipelines'],
  permissions: ['clouddeploy.deliveryPipelines.list', 'clouddeploy.locations.list'],
  remediation: {
    terraform: terraformFix,
    text: 'Give the last stage of google_clouddeploy_delivery_pipeline.serial_pipeline a strategy { canary { canary_deployment { percentages = [10, 50] } } }.',
  },
  evaluate(data) {
    return {
      resources: data.get('deploy.pipelines').map((pipeline): ResourceVerdict => {
        const name = pipelineLabel(pipeline.name);
        const last = pipeline.serialPipeline?.stages?.at(-1);
        if (!last) return { name, verdict: 'fail', detail: 'the pipeline has no stages' };
        const strategy = last.strategy?.canary ? 'canary' : 'standard';
        return {
          name,
          verdict: strategy === 'canary' ? 'pass' : 'fail',
          detail: `last stage ${last.targetId ?? '?'}: strategy=${strategy}`,
        };
      }),
    };
  },
});
