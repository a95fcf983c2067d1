import { failing, header, perCheck } from '../../../terraform/kit.js';

/** deploy.canary: the Terraform that makes the check pass. */
export default perCheck((check) => ({
  check: check.id,
  blocks: [
    header(check, 'The next release goes out in steps; each step waits for verification, so releases take longer.', [
      '',
      'In the last stage of each google_clouddeploy_delivery_pipeline below, replace the standard strategy with:',
      '  strategy {',
      '    canary {',
      '      runtime_config { kubernetes { service_networking { service = "<service>", deployment = "<deployment>" } } }',
      '      canary_deployment { percentages = [10, 50], verify = true }',
      '    }',
      '  }',
      ...failing(check).map((r) => `  pipeline ${r.name}`),
    ]),
  ],
}));
