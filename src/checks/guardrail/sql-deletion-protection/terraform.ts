import { guardrailTerraform } from '../fix.js';

/** guardrail.sql-deletion-protection: the custom constraint and the policy that enforces it, in dry-run. */
export default guardrailTerraform('sql.deletion-protection');
