import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, scanRepository } from '../../src/repo/scan.js';
import { repository } from '../helpers/check-table.js';

describe('the repository walk', () => {
  it('skips vendored and generated trees, and never follows a symbolic link out of the repository', async () => {
    const outside = repository({ Dockerfile: 'FROM x\n', '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    const root = repository({
      'package.json': '{}',
      'node_modules/dep/go.mod': 'module x\n',
      'vendor/lib/Cargo.toml': '',
      'third_party/x/pom.xml': '',
    });
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'Dockerfile'), join(root, 'Dockerfile'));
    const facts = await scanRepository(root, {});
    expect(Object.keys(facts.manifests)).toEqual(['npm']);
    expect(facts.ciSteps).toEqual([]);
  });

  it('reads no configuration over 1 MB: the file is named and the scan is bad input, never "no entries"', async () => {
    const root = repository({ 'package.json': '{}' });
    mkdirSync(join(root, '.github'));
    writeFileSync(join(root, '.github/dependabot.yml'), `version: 2\n#${'x'.repeat(MAX_FILE_BYTES)}\n`);
    await expect(scanRepository(root, {})).rejects.toThrow(
      `.github/dependabot.yml: larger than ${MAX_FILE_BYTES} bytes, not read`,
    );
  });

  it('a Terraform file too large to read is named as unread, not taken for a file without a backend', async () => {
    const root = repository({ 'main.tf': '' });
    writeFileSync(join(root, 'huge.tf'), `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const facts = await scanRepository(root, {});
    expect(facts.unread).toEqual(['huge.tf']);
    expect(facts.terraformFiles).toEqual(['huge.tf', 'main.tf']);
  });

  it('takes the default branch from GitLab CI, the GitHub Actions event, or origin/HEAD, before assuming', async () => {
    const root = repository({
      'package.json': '{}',
      '.git/refs/remotes/origin/HEAD': 'ref: refs/remotes/origin/trunk\n',
    });
    expect((await scanRepository(root, {})).defaultBranch).toEqual({ names: ['trunk'] });
    expect((await scanRepository(root, { CI_DEFAULT_BRANCH: 'develop' })).defaultBranch).toEqual({
      names: ['develop'],
    });
    const event = join(repository({}), 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { default_branch: 'production' } }));
    expect((await scanRepository(root, { GITHUB_EVENT_PATH: event })).defaultBranch).toEqual({ names: ['production'] });
    const bare = repository({ 'package.json': '{}' });
    expect((await scanRepository(bare, {})).defaultBranch.names).toEqual(['main', 'master']);
  });
});
