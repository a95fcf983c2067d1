import { BUCKET_NAME, SQL_INSTANCE_ID } from '../gcp/ids.js';
import type { FoundProject } from './find-project.js';

/** A name a comment may carry: the characters of Google's resource names, nothing that ends a YAML comment. */
const SAFE_NAME = /^[a-z0-9][a-z0-9._:/-]{0,120}$/i;

/** What `gtp init` learnt about the team's setup, and where from. */
export interface Discovered {
  project?: FoundProject;
  /** The bucket of the repository's Terraform `backend "gcs"`, and the file and line that names it. */
  stateBucket?: { name: string; from: string };
  /** The ecosystems whose manifests the repository ships (the dependency checks expect updates for each). */
  ecosystems: { name: string; from: string }[];
  /** What the project holds, read-only, when it could be read. */
  live?: LiveFindings;
}

export interface LiveFindings {
  /** When it was read (the audit clock's instant). */
  readAt: string;
  sqlPrimaries: string[];
  clusters: string[];
  /** Buckets with a retention policy or the label purpose=backup. */
  backupBuckets: string[];
  pipelines: string[];
  billingAccount?: string;
  /** What could not be read, and why: those lines stay for the user to fill in. */
  unreadable: string[];
}

/**
 * The register `gtp init` writes: the bundled register with `project:` and `resources:` filled in from what was
 * found, each line saying where it came from; what was not found stays as the template has it, marked to fill in.
 * Only names of the forms Google documents reach the file, so nothing read from the cloud or the repository can
 * add YAML of its own.
 */
export function registerText(template: string, found: Discovered): string {
  const start = template.search(/^resources:\n/m);
  const end = template.search(/^tables:\n/m);
  if (start < 0 || end < start) throw new Error('the bundled register has no resources: section before tables:');
  const head = template.slice(0, template.lastIndexOf('\n', start - 2) + 1);
  return `${head}${projectLines(found)}${resourceLines(found)}${template.slice(end)}`;
}

function projectLines({ project }: Discovered): string {
  if (!project)
    return '# The project to audit. Fill in, or pass --project (gtp also reads GOOGLE_CLOUD_PROJECT and gcloud).\n# project: my-prod\n\n';
  return `# The project to audit (found: ${project.from}).\nproject: ${project.id}\n\n`;
}

function resourceLines(found: Discovered): string {
  const lines = ['# Resources some checks are about.', 'resources:'];
  if (found.stateBucket && BUCKET_NAME.test(found.stateBucket.name))
    lines.push(
      `  terraformStateBucket: ${found.stateBucket.name}   # the gcs backend of ${safe(found.stateBucket.from)}`,
    );
  else lines.push('  # terraformStateBucket: my-tfstate   # fill in: the bucket of your Terraform gcs backend');
  const live = found.live;
  const backups = (live?.backupBuckets ?? []).filter((b) => BUCKET_NAME.test(b) && b !== found.stateBucket?.name);
  lines.push('  backupBuckets:');
  if (backups.length > 0)
    lines.push(
      `    names: [${backups.join(', ')}]   # buckets of the project with a retention policy or purpose=backup`,
    );
  lines.push('    labels: { purpose: backup }   # and any bucket labelled so');
  const primaries = (live?.sqlPrimaries ?? []).filter((i) => SQL_INSTANCE_ID.test(i));
  lines.push(
    primaries.length > 0
      ? `  # drillInstances: [${primaries.join(', ')}]   # the primaries found; restore drills cover every primary by default`
      : '  # drillInstances: [orders-db]   # the instances restore drills must cover (default: every primary)',
  );
  lines.push(...evidenceLines(found), '');
  return `${lines.join('\n')}\n`;
}

/** What was found beside the resources, as comments: where the checks will look, and what could not be read. */
function evidenceLines({ ecosystems, live, project }: Discovered): string[] {
  const lines: string[] = [];
  if (ecosystems.length > 0)
    lines.push(
      `  # The repository ships ${ecosystems.map((e) => `${safe(e.name)} (${safe(e.from)})`).join(', ')}: the dependency check expects updates for each.`,
    );
  if (!live) {
    if (project) lines.push(`  # ${safe(project.id)} was not read: run gtp init again once \`gtp doctor\` passes.`);
    return lines;
  }
  const list = (what: string, names: string[]) =>
    `  # ${what}: ${names.length === 0 ? 'none' : names.map(safe).join(', ')}`;
  lines.push(
    `  # Found in ${safe(project?.id ?? 'the project')} at ${safe(live.readAt)}, read-only:`,
    list('Cloud SQL primaries', live.sqlPrimaries),
    list('GKE clusters', live.clusters),
    list('Cloud Deploy pipelines', live.pipelines),
    `  # billing account: ${live.billingAccount ? safe(live.billingAccount) : 'none linked'}`,
    ...live.unreadable.map((u) => `  # could not read ${safe(u)}`),
  );
  return lines;
}

/** A name or note as a comment may hold it: one line of plain characters, or a placeholder for one that is not. */
function safe(text: string): string {
  if (SAFE_NAME.test(text)) return text;
  const flat = text.replace(/[^\x20-\x7e]/g, '?').replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}
