/**
 * What a history store holds, as plain rows: one audit (a run of `gtp audit` or `gtp merge`) and, for each project
 * it judged, each risk's status and scores and each check's outcome.
 */
export interface AuditRecord {
  recordedAt: string;
  /** The instant the audit judged at (one for an organization). */
  asOf: string;
  /** `projects/ID`, `organizations/ID`, `folders/ID`, or where a project list came from. */
  scope: string;
  source: string;
  registerDigest: string;
  gtpVersion: string;
  /** The audit's own gate. */
  gate: string;
  projects: ProjectRecord[];
}

export interface ProjectRecord {
  project: string;
  /** The project's own gate. */
  gate: string;
  risks: {
    id: string;
    status: string;
    /** The register's status; null where the report that was recorded does not carry it (an organization report). */
    declaredStatus: string | null;
    drift: boolean;
    inherentScore: number | null;
    residualScore: number;
  }[];
  checks: {
    id: string;
    outcome: string;
    failingCount: number;
    /** The failing resources' names; null where the report that was recorded counts them without naming them. */
    failing: string[] | null;
  }[];
}

export interface HistoryFilter {
  project?: string;
  risk?: string;
  /** Runs judged at or after this instant. */
  since?: string;
}

/** The rows of the three exported tables (export.ts gives their BigQuery schemas). */
export interface ExportRows {
  runs: Record<string, unknown>[];
  risk_results: Record<string, unknown>[];
  check_results: Record<string, unknown>[];
}
