import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProject, iniValue } from '../../src/setup/find-project.js';
import { ROOT } from '../helpers/paths.js';

const CONFIGURED = join(ROOT, 'test/fixtures/gcloud/configured');
const NONE = join(ROOT, 'test/fixtures/gcloud/none');
const register = { project: undefined, file: 'risks.yaml' };

describe('the project, found as Google’s tools find it', () => {
  it('in order: --project, the register, GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT, the active gcloud configuration', async () => {
    const env = {
      CLOUDSDK_CONFIG: CONFIGURED,
      GOOGLE_CLOUD_PROJECT: 'env-project',
      CLOUDSDK_CORE_PROJECT: 'core-project',
    };
    expect(
      await findProject({ flag: 'flag-project', register: { project: 'reg-project', file: 'r.yaml' }, env }),
    ).toEqual({
      id: 'flag-project',
      from: '--project',
    });
    expect(await findProject({ register: { project: 'reg-project', file: 'r.yaml' }, env })).toEqual({
      id: 'reg-project',
      from: 'r.yaml (project:)',
    });
    expect(await findProject({ register, env })).toEqual({ id: 'env-project', from: 'GOOGLE_CLOUD_PROJECT' });
    expect(
      await findProject({ register, env: { CLOUDSDK_CONFIG: CONFIGURED, CLOUDSDK_CORE_PROJECT: 'core-project' } }),
    ).toEqual({
      id: 'core-project',
      from: 'CLOUDSDK_CORE_PROJECT',
    });
    // active_config says "work": its core/project, not the default configuration's.
    const gcloud = await findProject({ register, env: { CLOUDSDK_CONFIG: CONFIGURED } });
    expect(gcloud?.id).toBe('acme-prod');
    expect(gcloud?.from).toBe('gcloud configuration work');
    expect(gcloud?.file).toBe(join(CONFIGURED, 'configurations', 'config_work'));
    // CLOUDSDK_ACTIVE_CONFIG_NAME picks another configuration, as it does for gcloud.
    expect(
      (await findProject({ register, env: { CLOUDSDK_CONFIG: CONFIGURED, CLOUDSDK_ACTIVE_CONFIG_NAME: 'default' } }))
        ?.id,
    ).toBe('some-other-project');
  });

  it('nowhere: undefined, so the command says every place it looked', async () => {
    expect(await findProject({ register, env: { CLOUDSDK_CONFIG: NONE } })).toBeUndefined();
  });

  it('~/.config/gcloud without CLOUDSDK_CONFIG; %APPDATA%\\gcloud on Windows', async () => {
    expect(await findProject({ register, env: {}, home: join(ROOT, 'test/fixtures/gcloud/no-home') })).toBeUndefined();
    const windows = await findProject({
      register,
      env: { APPDATA: join(ROOT, 'test/fixtures/gcloud/appdata') },
      platform: 'win32',
    });
    expect(windows).toBeUndefined();
  });

  it('a value that is not a project ID is bad input naming where it came from, never skipped', async () => {
    await expect(findProject({ register, env: { GOOGLE_CLOUD_PROJECT: 'My Project!' } })).rejects.toThrow(
      'GOOGLE_CLOUD_PROJECT names "My Project!", which is not a project ID',
    );
  });

  it('reads gcloud’s INI: sections, comments, either separator', () => {
    const text = '# comment\n[compute]\nproject = not-this\n[core]\n; note\nproject: my-prod\n';
    expect(iniValue(text, 'core', 'project')).toBe('my-prod');
    expect(iniValue('[core]\naccount = a\n', 'core', 'project')).toBeUndefined();
  });
});
