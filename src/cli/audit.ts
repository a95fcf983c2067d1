import { runAudit } from '../audit/run.js';
import { CHECK_IDS } from '../checks/index.js';
import { loadRegisterFile } from '../matrix/load.js';
import { RENDERERS, type Format } from '../report/index.js';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/errors.js';
import { EXIT, gate } from './exit-codes.js';
import { openDemo, openLive, openSnapshot, type GcpSession } from './gcp-session.js';
import { emit, printGateReasons, progress } from './output.js';
import { registerPath } from './paths.js';

export interface AuditCommandOptions {
  project?: string;
  register?: string;
  format: Format;
  output?: string;
  failAbove?: number;
  snapshot?: string;
  demo?: boolean;
  /** Several formats from one audit, each written atomically into outputDir as audit.<format>. */
  formats?: Format[];
  outputDir?: string;
}

export async function auditCommand(options: AuditCommandOptions): Promise<number> {
  if (options.demo && options.snapshot) throw new InputError('--demo and --snapshot cannot be combined');
  const { register } = await loadRegisterFile(registerPath(options.register, options.demo ?? false), { knownChecks: CHECK_IDS });

  const project = options.project ?? register.project;
  if (!project && !options.demo && !options.snapshot) {
    throw new InputError('no project: pass --project P, set `project:` in the register, or use --demo');
  }
  const session: GcpSession = options.demo ? await openDemo() : options.snapshot ? await openSnapshot(options.snapshot) : await openLive(project);
  const audited = options.demo ? (options.project ?? session.project) : (project ?? session.project);
  if (!audited) {
    await session.close();
    throw new InputError('no project: pass --project P (the snapshot names none or several)');
  }

  try {
    const { result } = await runAudit({ register, source: session.source, project: audited, onProgress: progress });
    if (options.formats || options.outputDir) {
      if (!options.outputDir || !options.formats) throw new InputError('--formats and --output-dir go together');
      for (const format of options.formats) await writeFileAtomic(join(options.outputDir, `audit.${format}`), RENDERERS[format](register, result));
    } else {
      await emit(RENDERERS[options.format](register, result), options.output);
    }
    const verdict = gate(result, { ...(options.failAbove !== undefined ? { failAbove: options.failAbove } : {}) });
    printGateReasons(verdict.reasons, verdict.code === EXIT.GATE_FAILED);
    return verdict.code;
  } finally {
    await session.close();
  }
}
