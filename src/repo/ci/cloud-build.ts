import { commandsOf } from '../shell-commands.js';
import { child, items, text, yamlOf } from '../yaml-file.js';
import type { CiStep, Pipelines } from './model.js';

/**
 * A Cloud Build configuration file: its steps run only when a build is started with it, by a trigger of the
 * project (or by hand, `gcloud builds submit`). The file alone says nothing of when: each step carries `runsIf`,
 * and counts only where the project's triggers show that one runs the file (cloud.google.com/build/docs/triggers).
 * A step whose failure Cloud Build tolerates (`allowFailure: true`, or `allowExitCodes`) cannot fail the build.
 * The program is the step's `entrypoint`, else the builder image's name; `bash -c SCRIPT` runs the script.
 */
export function cloudBuild(path: string, source: string): Pipelines {
  const file = yamlOf(path, source);
  const steps: CiStep[] = [];
  for (const step of items(file, child(file, file.doc.contents, 'steps'))) {
    const image = child(file, step, 'name');
    const name = text(image);
    if (name === undefined) continue;
    const entrypoint = text(child(file, step, 'entrypoint'));
    const args = items(file, child(file, step, 'args')).map((a) => text(a) ?? '');
    const script = text(child(file, step, 'script'));
    const program = (entrypoint ?? name.split('@')[0]!.split(':')[0]!).split('/').at(-1)!;
    const shellScript = script ?? ((program === 'bash' || program === 'sh') && args[0] === '-c' ? args[1] : undefined);
    const where = `${path}:${file.line(step)}`;
    const tolerated =
      text(child(file, step, 'allowFailure')) === 'true'
        ? `${where}: allowFailure: true`
        : child(file, step, 'allowExitCodes') !== undefined
          ? `${where}: allowExitCodes`
          : undefined;
    const runs = { sure: true } as const;
    steps.push({
      system: 'cloud-build',
      file: path,
      line: file.line(image),
      text: [entrypoint ?? name, ...args].join(' '),
      commands: shellScript !== undefined ? commandsOf(shellScript) : [{ program, args }],
      runsOn: { push: runs, 'pull-request': runs, release: runs },
      limits: [],
      runsIf: `a Cloud Build trigger of the project runs ${path}`,
      ...(tolerated ? { cannotFail: tolerated } : {}),
    });
  }
  return { steps, opaque: [] };
}
