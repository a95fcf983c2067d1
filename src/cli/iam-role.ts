import { selectChecks } from '../audit/run.js';
import { CHECK_IDS } from '../checks/index.js';
import { renderRole, ROLE_HOLDERS, type RoleFormat } from '../doctor/role.js';
import { requirementsOf } from '../doctor/requirements.js';
import { loadRegisterFile } from '../matrix/load.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { emit } from './output.js';

export async function iamRoleCommand(options: {
  register: string;
  format: string;
  project?: string;
  roleId?: string;
  output?: string;
  for: 'audit' | 'drill';
  organization?: string;
}): Promise<number> {
  if (options.organization !== undefined) {
    if (!/^\d{1,20}$/.test(options.organization))
      throw new InputError(
        `--organization takes the organization's numeric id, got ${JSON.stringify(options.organization)}`,
      );
    if (options.for !== 'audit')
      throw new InputError('--organization is for the audit role: drills run in one project');
  }
  if (!['terraform', 'gcloud', 'json'].includes(options.format))
    throw new InputError(`--format must be terraform, gcloud or json, got "${options.format}"`);
  const roleId = options.roleId ?? ROLE_HOLDERS[options.for].roleId;
  if (!/^[a-zA-Z0-9_.]{3,64}$/.test(roleId))
    throw new InputError(`--role-id must be 3 to 64 letters, digits, _ or ., got "${roleId}"`);
  const { register } = await loadRegisterFile(options.register, { knownChecks: CHECK_IDS });
  const project = options.project ?? register.project ?? 'PROJECT_ID';
  const requirements =
    options.for === 'drill'
      ? (await import('../drill/permissions.js')).drillRequirements()
      : requirementsOf(selectChecks(register));
  const text = renderRole(requirements, options.format as RoleFormat, {
    project,
    roleId,
    holder: options.for,
    ...(options.organization !== undefined ? { organization: options.organization } : {}),
  });
  await emit(text, options.output);
  return EXIT.OK;
}
