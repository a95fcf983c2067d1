/** The fields of an Artifact Registry Repository (artifactregistry v1 REST) that the checks read. */
export interface Repository {
  name?: string;
  format?: string;
  vulnerabilityScanningConfig?: { enablementConfig?: string; enablementState?: string; enablementStateReason?: string };
}

/**
 * Formats that Artifact Analysis scans automatically when pushed: container images and Java (Maven), Node.js (npm)
 * and Python packages (Artifact Analysis: container and package scanning overviews). Others are never scanned.
 */
export const SCANNED_FORMATS: ReadonlySet<string> = new Set(['DOCKER', 'MAVEN', 'NPM', 'PYTHON']);
