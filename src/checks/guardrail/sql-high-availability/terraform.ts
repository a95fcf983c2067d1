import { guardrailTerraform } from '../fix.js';

/** guardrail.sql-high-availability: the custom constraint and the policy that enforces it, in dry-run. */
export default guardrailTerraform('sql.high-availability');
