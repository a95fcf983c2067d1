import { selectChecks } from '../audit/run.js';
import { CHECK_IDS } from '../checks/index.js';
import { diagnose, renderDiagnosis } from '../doctor/diagnose.js';
import { CredentialsRejectedError, NoCredentialsError, probeAccess } from '../doctor/probe.js';
import { requirementsOf } from '../doctor/requirements.js';
import { loadRegisterFile } from '../matrix/load.js';
import { InputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { openLiveClients } from './gcp-session.js';
import { emit, warn } from './output.js';
import { progress } from './diagnostics.js';
import { findProject, NO_PROJECT } from '../setup/find-project.js';

export interface DoctorOptions {
  project?: string;
  register: string;
  format: 'md' | 'json';
  output?: string;
  for: 'audit' | 'drill';
  /** For --for drill: where the drills record (a gs:// prefix needs Cloud Storage). */
  evidence?: string;
  /** For --for drill: the drills read their password from Secret Manager. */
  passwordSecret?: boolean;
  /** For --for drill: the drills log in with IAM database authentication. */
  iamAuth?: boolean;
}

/** Which selected checks lack a permission or an API; exit 0 when none does. */
export async function doctorCommand(options: DoctorOptions): Promise<number> {
  const { register } = await loadRegisterFile(options.register, { knownChecks: CHECK_IDS });
  const found = await findProject({
    flag: options.project,
    register: { project: register.project, file: options.register },
  });
  if (!found) throw new InputError(NO_PROJECT);
  const project = found.id;
  if (found.from !== '--project') progress(`checking ${project}, from ${found.from}`);
  const requirements =
    options.for === 'drill'
      ? (await import('../drill/permissions.js')).drillRequirements({
          cloudStorage: options.evidence?.startsWith('gs://') === true,
          secretManager: options.passwordSecret === true,
          iamLogin: options.iamAuth === true,
        })
      : requirementsOf(selectChecks(register));
  const pool = await openLiveClients(project);
  try {
    const access = await probeAccess(pool, project, requirements);
    const diagnosis = diagnose(project, requirements, access, options.for);
    await emit(
      options.format === 'json' ? `${JSON.stringify(diagnosis, null, 2)}\n` : renderDiagnosis(diagnosis),
      options.output,
    );
    return diagnosis.ok ? EXIT.OK : EXIT.GATE_FAILED;
  } catch (error) {
    if (error instanceof NoCredentialsError || error instanceof CredentialsRejectedError) {
      warn(`${error.message}`);
      return EXIT.GATE_FAILED;
    }
    throw error;
  } finally {
    await pool.close();
  }
}
