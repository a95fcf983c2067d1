import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option, type OptionValues } from '@commander-js/extra-typings';
import { systemClock } from '../util/clock.js';
import { InputError, OutputError } from '../util/errors.js';
import { EXIT } from './exit-codes.js';
import { clearStatus } from './status-line.js';
import { packagePath } from './paths.js';
import {
  collect,
  collectQuota,
  parseAuditFormat,
  parseFormat,
  parseInstanceId,
  parseProjectId,
  parseFormats,
  parseNonNegativeInteger,
  parseNumber,
  parsePort,
  parseRate,
  parseShardCount,
} from './options.js';
import { FORMATS } from '../report/formats.js';

/**
 * The command line: options are declared here so that `--help` needs nothing else; each command's module (and
 * whatever heavy library it needs) is imported only when that command runs. This is also the one place the system
 * clock enters: every command is handed it (or the instant it read) and passes it down.
 */
/** Which projects: the scope options `gtp org projects` and `gtp org plan` share. */
function withScope<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>) {
  return command
    .option('--organization <id>', 'numeric organization id: every project in it, through its folders')
    .option('--folder <id>', 'numeric folder id: every project below it')
    .option('--projects <list>', 'these project ids, comma-separated')
    .option('--projects-file <file>', 'project ids, one per line (# comments)')
    .option('--include <glob>', 'only project ids matching this glob (* any run); repeatable', collect)
    .option('--exclude <glob>', 'leave out project ids matching this glob; repeatable', collect)
    .option('--label <key=value>', 'only projects with this label (value * for any); repeatable', collect);
}

function buildProgram(run: (task: () => Promise<number>) => void): Command {
  const program = new Command('gtp')
    .description('go-to-production: verify a risk register against a live Google Cloud project')
    .version(packageVersion())
    .option('--verbose', 'print each HTTP request gtp makes on stderr: method, URL, status, time (also GTP_DEBUG=1)')
    .showHelpAfterError()
    .exitOverride();
  const format = () =>
    new Option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`).argParser(parseFormat).default('md');

  program
    .command('audit')
    .description("probe the project, set each risk's status from evidence, and gate on the result")
    .option(
      '-p, --project <id>',
      'GCP project id (default: the register, GOOGLE_CLOUD_PROJECT, or gcloud config core/project)',
      parseProjectId,
    )
    .option('-r, --register <file>', 'risk register')
    .addOption(
      new Option(
        '-f, --format <format>',
        `output format: auto (the one-screen view on a terminal, md otherwise), terminal, ${FORMATS.join(', ')}`,
      )
        .argParser(parseAuditFormat)
        .default('auto' as const),
    )
    .option('-o, --output <file>', 'write the report here (atomically) instead of stdout')
    .option('--formats <list>', 'several formats from one audit, e.g. md,json (with --output-dir)', parseFormats)
    .option('--output-dir <dir>', 'write audit.<format> for each of --formats here')
    .option('--terraform <dir>', 'also write the Terraform fix for every failing check here')
    .option('--fail-above <score>', 'fail (exit 1) when a residual score is above this', parseNumber)
    .option(
      '--baseline <file>',
      'a previous JSON report, or last / last-green from the history store: the report shows what changed since',
    )
    .option(
      '--record <store>',
      'record this audit in a history store: a SQLite file or a postgres:// URL (also GTP_STORE); an organization records every project at once',
    )
    .option('--fail-on <what>', '"regression": fail (exit 1) on any change for the worse since --baseline')
    .option('--snapshot <file>', 'evaluate a saved snapshot offline instead of the live APIs')
    .option(
      '--as-of <when>',
      'with --snapshot: judge ages and expiries as of "capture" (default), "now", or an RFC 3339 time',
    )
    .option('--repo <dir>', 'the repository the repository probes read (default: the current directory)')
    .option(
      '--evidence <location>',
      'where restore drills are recorded: a directory or gs://BUCKET/PREFIX (default: .gtp/drills)',
    )
    .option('--demo', 'audit the bundled reference stack through a local emulator (no GCP account needed)')
    .option(
      '--organization <id>',
      'many projects: every project in this organization (numeric id), through its folders',
    )
    .option('--folder <id>', 'many projects: every project below this folder (numeric id)')
    .option('--projects <list>', 'many projects: these project ids, comma-separated')
    .option('--projects-file <file>', 'many projects: project ids, one per line (# comments)')
    .option('--include <glob>', 'with many projects: only ids matching this glob; repeatable', collect)
    .option('--exclude <glob>', 'with many projects: leave out ids matching this glob; repeatable', collect)
    .option('--label <key=value>', 'with many projects: only projects with this label; repeatable', collect)
    .option('--parallel <n>', 'with many projects: projects audited at once (default 8)', parseNonNegativeInteger)
    .option('--plan <file>', 'many projects: the plan.json of gtp org plan (its projects, register and read time)')
    .option(
      '--shard <i/n>',
      'with --plan: audit shard I of N (from 0), writing into the plan directory (default: CLOUD_RUN_TASK_INDEX/COUNT or BATCH_TASK_INDEX/COUNT)',
    )
    .option('--shards <n>', 'with --plan in a Kubernetes Indexed Job: the number of completions', parseShardCount)
    .option(
      '--source <where>',
      'with many projects: "auto" (default: Cloud Asset Inventory for what it holds, the APIs for the rest), "api", or "asset-inventory"',
    )
    .option(
      '--quota <service=n>',
      'your per-minute read quota for an API where it differs from the default (repeatable)',
      collectQuota,
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 gate passed, 1 gate failed (drift, score or regression), 2 bad input, 3 unverified controls.\nWith many projects: 1 when any project fails, else 3 when any could not be fully assessed; a discovery\nthat fails is 3 and no report.',
    )
    .action((opts) => run(async () => (await import('./audit.js')).auditCommand(opts, systemClock)));

  program
    .command('report')
    .description('render the register as written (Markdown tables of the seed, or JSON)')
    .option('-r, --register <file>', 'risk register', 'risks.yaml')
    .addOption(format())
    .option('-o, --output <file>', 'write the report here (atomically) instead of stdout')
    .action((opts) => run(async () => (await import('./report.js')).reportCommand(opts, systemClock)));

  program
    .command('validate')
    .description('check the register: syntax, keys, types, scales, ids and references')
    .argument('[file]', 'risk register', 'risks.yaml')
    .option('--plan <file>', "also check the register's overrides against the organization a plan froze")
    .action((file, opts) => run(async () => (await import('./validate.js')).validateCommand(file, opts)));

  program
    .command('attest')
    .description('record that a person vouches for a mitigation no probe can see, until a date')
    .argument('<risk>', 'risk id, e.g. sql-injection')
    .requiredOption('--by <name>', 'who vouches for it')
    .requiredOption('--evidence <url>', 'a URL or path to what shows it')
    .requiredOption('--expires <date>', 'YYYY-MM-DD; after this day the risk counts as unverified')
    .option('--date <date>', 'when it was attested (default: today)')
    .addOption(
      new Option('--mitigation <side>', 'existing or proposed (default: the one no check verifies)').choices([
        'existing',
        'proposed',
      ] as const),
    )
    .option('-r, --register <file>', 'risk register', 'risks.yaml')
    .action((risk, opts) =>
      run(async () => (await import('./attest.js')).attestCommand(risk, opts, systemClock.now())),
    );

  program
    .command('doctor')
    .description('check that the caller holds every permission and the project every API the selected checks need')
    .option(
      '-p, --project <id>',
      'GCP project id (default: the register, GOOGLE_CLOUD_PROJECT, or gcloud config core/project)',
      parseProjectId,
    )
    .option('-r, --register <file>', 'risk register', 'risks.yaml')
    .addOption(new Option('-f, --format <format>', 'md or json').choices(['md', 'json']).default('md'))
    .option('-o, --output <file>', 'write the result here (atomically) instead of stdout')
    .addOption(
      new Option('--for <command>', 'audit: what the selected checks need; drill: what restore drills need')
        .choices(['audit', 'drill'])
        .default('audit'),
    )
    .option('--evidence <location>', 'with --for drill: where drills record (gs://… needs Cloud Storage)')
    .option('--password-secret', 'with --for drill: drills read their password from Secret Manager')
    .option('--iam-auth', 'with --for drill: drills log in with IAM database authentication')
    .addHelpText('after', '\nExit codes: 0 ready, 1 something is missing (or no credentials), 2 bad input.')
    .action((opts) => run(async () => (await import('./doctor.js')).doctorCommand(opts)));

  program
    .command('iam')
    .description('least-privilege IAM for gtp')
    .command('role')
    .description('a custom role with exactly the permissions the selected checks need')
    .option('-r, --register <file>', 'risk register', 'risks.yaml')
    .addOption(
      new Option('-f, --format <format>', 'terraform, gcloud or json')
        .choices(['terraform', 'gcloud', 'json'])
        .default('terraform'),
    )
    .option('-p, --project <id>', 'project the role is created in (default: `project` in the register)', parseProjectId)
    .addOption(
      new Option(
        '--for <command>',
        'audit: the read-only auditor; drill: restore drills, which create and delete scratch instances',
      )
        .choices(['audit', 'drill'])
        .default('audit'),
    )
    .option(
      '--organization <id>',
      'the role for an organization audit, created on this organization (numeric id) and granted there',
    )
    .option('--role-id <id>', 'role id (default gtpAuditor, or gtpDrill)')
    .option('-o, --output <file>', 'write the role here (atomically) instead of stdout')
    .action((opts) => run(async () => (await import('./iam-role.js')).iamRoleCommand(opts)));

  const terraform = program
    .command('terraform')
    .description('Terraform: the reference stack, and the fix for every failing control');
  terraform
    .command('stack')
    .description("write the seed's reference stack with every mitigation on")
    .requiredOption('-o, --output <dir>', 'directory to write')
    .action((opts) => run(async () => (await import('./terraform.js')).terraformStackCommand(opts)));
  terraform
    .command('fix')
    .description('write one file per failing check of a JSON audit report, for the resources it found')
    .requiredOption('--from <audit.json>', 'a report from gtp audit --format json')
    .requiredOption('-o, --output <dir>', 'directory to write')
    .option('--allow-irreversible', 'emit irreversible changes (retention locks) on instead of commented out')
    .action((opts) => run(async () => (await import('./terraform.js')).terraformFixCommand(opts)));
  terraform
    .command('guardrails')
    .description(
      'write the Organization Policy guardrail (custom constraint and policy) of each failing control that has one',
    )
    .requiredOption('--from <audit.json>', 'a report from gtp audit --format json')
    .requiredOption('-o, --output <dir>', 'directory to write')
    .option('--enforce', 'write enforced policies (default: dry-run, which logs violations and refuses nothing)')
    .action((opts) => run(async () => (await import('./terraform.js')).terraformGuardrailsCommand(opts)));

  const drill = program
    .command('drill')
    .description('backup restore drills: restore into a scratch instance, verify, clean up, record');
  drill
    .command('restore')
    .description(
      'restore a Cloud SQL backup (or a point in time) into a scratch instance, verify the data, delete it, record the drill',
    )
    .option('-p, --project <id>', 'GCP project id (required unless --demo)', parseProjectId)
    .option(
      '-i, --instance <name>',
      'the source Cloud SQL instance, only read (required unless --demo)',
      parseInstanceId,
    )
    .option(
      '--demo',
      "a real drill in one command: the bundled demo's orders-db in a throwaway PostgreSQL server, behind the emulator",
    )
    .option('--backup <id>', '"latest" or a backup run id (the default is the latest successful backup run)')
    .option('--point-in-time <time>', 'clone the instance as it was at this RFC 3339 time instead')
    .option('--verify <file>', 'YAML checks to run on the restored data (PostgreSQL)')
    .option(
      '--timeout <duration>',
      'restore and verification must finish within this; clean-up follows regardless',
      '1h',
    )
    .option('--poll <duration>', 'first interval between polls of an operation (it backs off up to 30s)', '5s')
    .option('--keep', 'leave the scratch instance running (it expires after a day: gtp drill gc removes it)')
    .option('--dry-run', 'print the plan and touch nothing')
    .option('--evidence <location>', 'where to record the drill: a directory or gs://BUCKET/PREFIX', '.gtp/drills')
    .addOption(
      new Option('--ip-type <type>', "which of the scratch instance's addresses to connect to")
        .choices(['private', 'public'])
        .default('private'),
    )
    .option('--port <n>', 'PostgreSQL port', parsePort, 5432)
    .option('--user <name>', "database user (a restored instance keeps the source's users)", 'postgres')
    .option('--password-env <name>', 'environment variable holding the password', 'PGPASSWORD')
    .option(
      '--password-secret <version>',
      'Secret Manager version holding the password: projects/P/secrets/S/versions/V',
    )
    .option(
      '--iam-auth',
      "IAM database authentication: log in as --user (an IAM database user) with the drill's own access token",
    )
    .addOption(
      new Option('--ssl <mode>', "verify: TLS checked against the instance's server CA and name; disable: unencrypted")
        .choices(['verify', 'disable'])
        .default('verify'),
    )
    .option('--json', 'print the drill record (or, with --dry-run, the plan) as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 drill passed, 1 drill failed, 2 bad input or refused (nothing touched), 3 could not read the source,\n4 scratch instance not deleted, 130/143 interrupted (after clean-up).',
    )
    .action((opts) =>
      run(async () =>
        opts.demo
          ? (await import('./drill-demo.js')).drillDemoCommand(opts, systemClock)
          : (await import('./drill.js')).drillRestoreCommand(
              { ...opts, project: opts.project ?? '', instance: opts.instance ?? '' },
              systemClock,
            ),
      ),
    );
  drill
    .command('gc')
    .description(
      'delete scratch instances left by crashed drills: only those labelled gtp-drill=true whose expiry has passed',
    )
    .requiredOption('-p, --project <id>', 'GCP project id', parseProjectId)
    .option('--dry-run', 'list what would be deleted')
    .option('--poll <duration>', 'first interval between polls of a delete operation', '2s')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 3 could not list instances, 4 an expired instance could not be deleted.',
    )
    .action((opts) => run(async () => (await import('./drill.js')).drillGcCommand(opts, systemClock)));
  drill
    .command('list')
    .description('past drills from the evidence store')
    .option('--evidence <location>', 'a directory or gs://BUCKET/PREFIX', '.gtp/drills')
    .option('-p, --project <id>', 'only drills of this project', parseProjectId)
    .option('-i, --instance <name>', 'only drills of this instance', parseInstanceId)
    .option('--json', 'print the records as JSON')
    .action((opts) => run(async () => (await import('./drill.js')).drillListCommand(opts)));

  program
    .command('init')
    .description(
      "start a repository on gtp: the seed's register, filled in from the repository and the project (read-only), and a CI workflow",
    )
    .option('-d, --dir <dir>', 'repository root', '.')
    .option(
      '-p, --project <id>',
      'GCP project to read resources from (default: GOOGLE_CLOUD_PROJECT, or gcloud config core/project)',
      parseProjectId,
    )
    .option('--force', 'overwrite existing files')
    .option('--with-probes', 'add the starter probes (examples/probes) to the register, for mitigations to name')
    .action((opts) => run(async () => (await import('./init.js')).initCommand(opts, systemClock)));

  /** `--store` and `--since` of `history` itself, when given after its subcommand (commander gives them the parent). */
  const parentOptions = (opts: { store?: string; since?: string }, command: Command) => {
    const parent = (command.parent?.opts() ?? {}) as { store?: string; since?: string };
    const store = opts.store ?? parent.store;
    const since = opts.since ?? parent.since;
    return { ...(store ? { store } : {}), ...(since ? { since } : {}) };
  };
  const history = program
    .command('history')
    .description('the register over time, from the audits recorded with --record: timelines, drift, time to mitigate')
    .option('--store <file>', 'the history store (default: GTP_STORE, else .gtp/history.sqlite)')
    .option('--risk <id>', 'only this risk')
    .option('-p, --project <id>', 'only this project', parseProjectId)
    .option('--since <date>', 'only audits judged on or after this date (YYYY-MM-DD or RFC 3339)')
    .addOption(new Option('-f, --format <format>', 'md or json').choices(['md', 'json']).default('md'))
    .option('-o, --output <file>', 'write the result here (atomically) instead of stdout')
    .addHelpText('after', '\nExit codes: 0 done, 2 bad input (no such store, a store from a newer gtp, a bad date).')
    .action((opts) => run(async () => (await import('./history.js')).historyCommand(opts)));
  history
    .command('export')
    .description('the store as newline-delimited JSON with BigQuery schemas: runs, risk_results, check_results')
    .requiredOption('--output-dir <dir>', 'directory to write TABLE.ndjson and TABLE.schema.json into')
    .option('--since <date>', 'only audits judged on or after this date')
    .option('--store <file>', 'the history store (default: GTP_STORE, else .gtp/history.sqlite)')
    .action((opts: { outputDir: string; since?: string; store?: string }, command: Command) =>
      run(async () =>
        (await import('./history.js')).historyExportCommand({
          ...opts,
          ...parentOptions(opts, command),
        }),
      ),
    );
  history
    .command('prune')
    .description('remove the audits judged longer ago than --keep, with their risks and checks')
    .requiredOption('--keep <days>', 'how far back to keep, e.g. 400d')
    .option('--store <file>', 'the history store (default: GTP_STORE, else .gtp/history.sqlite)')
    // `--store` may be read by `history` itself when given after `prune`: either place names the store.
    .action((opts: { keep: string; store?: string }, command: Command) =>
      run(async () =>
        (await import('./history.js')).historyPruneCommand({ ...opts, ...parentOptions(opts, command) }, systemClock),
      ),
    );

  program
    .command('snapshot')
    .description('save what the probes read from a project, for offline audits (`audit --snapshot`)')
    .option(
      '-p, --project <id>',
      'GCP project id (default: the register, GOOGLE_CLOUD_PROJECT, or gcloud config core/project)',
      parseProjectId,
    )
    .option('-r, --register <file>', 'register naming the buckets to look up (default: ./risks.yaml if present)')
    .option('-o, --output <file>', 'write the snapshot here (atomically) instead of stdout')
    .action((opts) => run(async () => (await import('./snapshot.js')).snapshotCommand(opts, systemClock)));

  const org = program.command('org').description('many projects: which an organization audit covers');
  withScope(org.command('projects'))
    .description(
      'list the ACTIVE projects under an organization or folder (Resource Manager), each with its folder path',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['md', 'json'] as const).default('md' as const),
    )
    .option('-o, --output <file>', 'write the list here (atomically) instead of stdout')
    .addHelpText(
      'after',
      '\nA folder that cannot be listed is an error naming it (exit 3), never a shorter list. Needs\nresourcemanager.projects.list and resourcemanager.folders.list on the organization or folder.',
    )
    .action((opts) => run(async () => (await import('./org.js')).orgProjectsCommand(opts)));

  withScope(org.command('plan'))
    .description(
      'freeze an organization audit for shards: the projects, their folders, the register digest, the read time',
    )
    .option('-r, --register <file>', 'risk register every shard will judge with')
    .requiredOption('-o, --output <dir>', 'directory for plan.json; the shards write beside it (shards/I-of-N)')
    .option(
      '--no-inventory',
      'leave Cloud Asset Inventory to each shard (default: its lists are read once, into DIR/inventory, for all)',
    )
    .addHelpText(
      'after',
      '\nThen each shard runs `gtp audit --plan DIR/plan.json --shard I/N` (or reads its index from the engine), and\n`gtp merge --plan DIR/plan.json` joins them. A discovery that fails is exit 3 and no plan.',
    )
    .action((opts) => run(async () => (await import('./org-plan.js')).orgPlanCommand(opts, systemClock)));

  program
    .command('merge')
    .description('join the shards of a plan into one organization report, checking they cover the plan exactly')
    .requiredOption('--plan <file>', 'the plan.json the shards ran')
    .option(
      '--shards <n>',
      'how many shards there were, 1 to 10000 (default: the count the shards wrote)',
      parseShardCount,
    )
    .addOption(
      new Option('-f, --format <format>', 'md, json or html')
        .choices(['md', 'json', 'html'] as const)
        .default('md' as const),
    )
    .option('-o, --output <file>', 'write the report here (atomically) instead of stdout')
    .option('--formats <list>', 'several formats, e.g. md,json,html (with --output-dir)')
    .option('--output-dir <dir>', 'write org-audit.<format> for each of --formats here')
    .option(
      '--record <store>',
      'record the merged audit in a history store: a SQLite file or a postgres:// URL (also GTP_STORE)',
    )
    .addHelpText(
      'after',
      '\nExit codes as for an organization audit: 1 when any project fails, else 3 when any could not be fully\nassessed; a shard missing, unfinished or from another plan is exit 3, naming it, and no report.',
    )
    .action((opts) => run(async () => (await import('./org-plan.js')).mergeCommand(opts)));

  program
    .command('emulate')
    .description('serve a world (or snapshot) as the Google REST APIs on 127.0.0.1')
    .option('-w, --world <file>', 'world or snapshot JSON')
    .option(
      '--synthetic-organization <n>',
      'serve a generated organization of N projects in folders instead (as the seed, drifted, hardened, denied)',
      parseNonNegativeInteger,
    )
    .option('--port <n>', 'port; 0 picks a free one', parsePort, 0)
    .option('--page-size <n>', 'largest page any list returns', parseNonNegativeInteger)
    .option('--latency <ms>', 'delay every response', parseNonNegativeInteger)
    .option('--fail-rate <r>', 'answer this fraction of API requests 503', parseRate)
    .option('--seed <n>', 'make --fail-rate reproducible', parseNonNegativeInteger)
    .option(
      '--deny <glob>',
      'answer 403 PERMISSION_DENIED for matching paths, or path?param=value (repeatable)',
      collect,
    )
    .option('--disable <glob>', 'answer 403 SERVICE_DISABLED for matching paths (repeatable)', collect)
    .option(
      '--deny-permission <permission>',
      'the caller lacks this IAM permission: 403 wherever it is needed (repeatable)',
      collect,
    )
    .option('--log', 'print each request to stderr')
    .option(
      '--postgres <url>',
      'keep Cloud SQL instance data in this PostgreSQL server (postgres://USER:PASSWORD@HOST:PORT), so drills restore real rows',
    )
    .option('--with-postgres', 'start a throwaway PostgreSQL server for instance data (needs PostgreSQL installed)')
    .option(
      '--stall-operation <type>',
      'Cloud SQL operations of this type (CLONE, CREATE, RESTORE_VOLUME, …) never finish (repeatable)',
      collect,
    )
    .option('--fail-operation <type>', 'Cloud SQL operations of this type finish with an error (repeatable)', collect)
    .option(
      '--quota <service=n>',
      'enforce a per-minute rate quota on an API, refused as Google refuses it (repeatable)',
      collectQuota,
    )
    .option('--quota-minute <ms>', 'how long a quota minute lasts here (default 60000)', parseNonNegativeInteger)
    .action((opts) => run(async () => (await import('./emulate.js')).emulateCommand(opts, systemClock)));

  return program;
}

/** The version `--version` prints is package.json's, the one npm installed. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

export { EXIT };

export async function main(argv: string[]): Promise<number> {
  let task: (() => Promise<number>) | undefined;
  const program = buildProgram((t) => {
    task = t;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.OK;
      return EXIT.BAD_INPUT;
    }
    throw error;
  }
  if (!task) {
    program.outputHelp();
    return EXIT.BAD_INPUT;
  }
  const debug = process.env.GTP_DEBUG;
  const verbose =
    (program.opts() as { verbose?: boolean }).verbose === true ||
    (debug !== undefined && debug !== '' && debug !== '0');
  (await import('../setup/library-output.js')).holdLibraryOutput(verbose);
  if (verbose) (await import('./request-log.js')).logRequests();
  try {
    return await task();
  } catch (error) {
    // The output helpers (chalk, atomic writes) load here or with the command: `--help` needs neither.
    if (error instanceof InputError) {
      (await import('./diagnostics.js')).printInputError(error);
      return EXIT.BAD_INPUT;
    }
    if (error instanceof OutputError) {
      (await import('./output.js')).warn(error.message);
      return EXIT.CANNOT_WRITE;
    }
    throw error;
  } finally {
    clearStatus();
  }
}
