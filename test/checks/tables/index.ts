import type { CheckDefinition } from '../../../src/checks/types.js';
import type { CheckCase } from '../../helpers/check-table.js';
import drill from './drill.js';
import guardrail from './guardrail.js';
import k8s from './k8s.js';
import platform from './platform.js';
import register from './register.js';
import repo from './repo.js';
import scc from './scc.js';
import sql from './sql.js';

/** Every check's table of cases, one per check. */
export const TABLES: [CheckDefinition, CheckCase[]][] = [
  ...sql,
  ...drill,
  ...platform,
  ...register,
  ...scc,
  ...repo,
  ...k8s,
  ...guardrail,
];
