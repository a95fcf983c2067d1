import { guardrailTerraform } from '../fix.js';

/** guardrail.binauthz-enforced: the custom constraint and the policy that enforces it, in dry-run. */
export default guardrailTerraform('binauthz.enforced');
