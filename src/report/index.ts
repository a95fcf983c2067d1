import type { RenderContext, Renderer } from './context.js';
import type { Format } from './formats.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

/** Output formats by name; each renders the same AuditResult. */
export const RENDERERS = {
  md: (ctx: RenderContext) => renderMarkdown(ctx.register, ctx.result, ctx.terraformDir),
  json: (ctx: RenderContext) => `${JSON.stringify(ctx.result, null, 2)}\n`,
  sarif: renderSarif,
  junit: renderJunit,
  html: renderHtml,
} satisfies Record<Format, Renderer>;

export { EXTENSIONS, FORMATS, type Format } from './formats.js';
