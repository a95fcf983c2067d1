import { guardrailCheck } from '../define.js';
import terraform from './terraform.js';

export default guardrailCheck('binauthz.enforced', terraform);
