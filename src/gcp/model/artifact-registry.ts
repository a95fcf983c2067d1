/** The fields of an Artifact Registry Repository (artifactregistry v1 REST) that the checks read. */
export interface Repository {
  name?: string;
  format?: string;
  vulnerabilityScanningConfig?: { enablementConfig?: string; enablementState?: string };
}
