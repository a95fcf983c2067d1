/**
 * The start of a skipped test's note when a system tool it needs is missing: `needs()` writes it, the summary
 * reporter (which runs outside the test workers, so cannot import vitest's test API) reads it back.
 */
export const MISSING_TOOL = 'missing system tool: ';
