import { defineCheck } from '../../types.js';
import { MalformedEvidence } from '../../evidence.js';
import { at, noTerraform, notARepository } from '../facts.js';

export default defineCheck({
  id: 'repo.terraform-backend',
  title: "The repository's Terraform keeps its state in a GCS backend (shared, locked, versionable)",
  collects: ['repo.facts'],
  permissions: [],
  remediation: {
    operational: "the backend block is part of the repository's Terraform code",
    text: 'Add terraform { backend "gcs" { bucket = "<state bucket>", prefix = "<stack>" } } and migrate with terraform init -migrate-state.',
  },
  evaluate(data) {
    const skip = notARepository(data);
    if (skip) return { resources: skip };
    const facts = data.get('repo.facts');
    const none = noTerraform(facts);
    if (none) return { resources: none };
    const unread = facts.unread.filter((f) => f.endsWith('.tf'));
    if (facts.gcsBackends.length === 0 && unread.length > 0)
      throw new MalformedEvidence(
        `no backend "gcs" in the .tf files read; ${unread.join(', ')} too large to read whole, and may hold one`,
      );
    if (facts.gcsBackends.length === 0)
      return {
        resources: [
          {
            name: 'terraform',
            verdict: 'fail',
            detail: `${facts.terraformFiles.length} .tf file(s), no backend "gcs": state is local`,
          },
        ],
      };
    return {
      resources: facts.gcsBackends.map((b) => ({
        name: b.bucket ?? b.file,
        verdict: 'pass' as const,
        detail: `${at(b)}: backend "gcs"${b.bucket ? ` bucket ${b.bucket}` : ' (bucket given at terraform init)'}`,
      })),
    };
  },
});
