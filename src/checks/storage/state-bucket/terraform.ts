import { failing, header, perCheck } from '../../../terraform/kit.js';

/** storage.state-bucket: the Terraform that makes the check pass. */
export default perCheck((check) => ({
  check: check.id,
  blocks: [
    header(
      check,
      'Versioning keeps every state version (storage cost grows with applies: add a lifecycle rule for old versions).',
      [
        '',
        ...failing(check).flatMap((r) => [
          `In the google_storage_bucket resource of ${r.name}, set:`,
          '  public_access_prevention = "enforced"',
          '  versioning {',
          '    enabled = true',
          '  }',
        ]),
      ],
    ),
  ],
}));
