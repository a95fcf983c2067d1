import type { AuditResult } from '../audit/result.js';
import type { Register } from '../matrix/schema.js';
import { renderMarkdown } from './markdown.js';

export type Renderer = (register: Register, result: AuditResult) => string;

/** Output formats by name; each renders the same AuditResult. */
export const RENDERERS = {
  md: renderMarkdown,
  json: (_register: Register, result: AuditResult) => `${JSON.stringify(result, null, 2)}\n`,
} satisfies Record<string, Renderer>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];
