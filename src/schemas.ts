/** The zod schemas whose JSON Schemas gtp publishes (scripts/generate-schemas.mjs). */
export { registerSchema } from './matrix/schema.js';
export { auditResultSchema } from './audit/result.js';
export { orgResultSchema } from './org/result.js';
