/** The fields of a Binary Authorization Policy (binaryauthorization v1 REST) that the checks read. */
export interface AdmissionRule {
  evaluationMode?: string;
  enforcementMode?: string;
}

export interface Policy {
  defaultAdmissionRule?: AdmissionRule;
}
