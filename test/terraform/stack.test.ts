import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';
import { checkTerraform } from '../helpers/terraform-schema.js';
import { needs, TERRAFORM } from '../helpers/system-tools.js';

const STACK = join(ROOT, 'templates/terraform/reference-stack');
const files = readdirSync(STACK).filter((f) => f.endsWith('.tf'));

describe('the reference stack', () => {
  it.each(files)('%s parses and every resource fits the Google provider schema', async (file) => {
    const { problems } = await checkTerraform(file, readFileSync(join(STACK, file), 'utf8'));
    expect(problems).toEqual([]);
  });
});

describe('the provider-schema checker', () => {
  it('finds an unknown attribute, a missing required one and a computed-only one', async () => {
    const { problems } = await checkTerraform(
      'bad.tf',
      `resource "google_storage_bucket" "b" {
  name = "x"
  versioning { enable = true }
  self_link = "y"
}`,
    );
    expect(problems).toEqual([
      'google_storage_bucket.b.self_link: computed only, cannot be set',
      'google_storage_bucket.b.versioning[0].enable: no such attribute or block',
      'google_storage_bucket.b.versioning[0].enabled: required attribute missing',
      'google_storage_bucket.b.location: required attribute missing',
    ]);
  });
});

describe('terraform fmt', () => {
  // Formatting needs the terraform binary; validate cannot run here at all (no provider download).
  const terraform = needs(TERRAFORM);
  it('the reference stack is formatted', () => {
    const fmt = spawnSync(terraform.path(TERRAFORM), ['fmt', '-check', '-diff', STACK], { encoding: 'utf8' });
    expect(fmt.status, fmt.stdout).toBe(0);
  });
});
