import { parse } from '@cdktn/hcl2json';
import { describe, expect, it } from 'vitest';
import { attr, block, comment, hcl, hclString } from '../../src/terraform/hcl.js';

/**
 * HashiCorp's parser returns a string attribute as its template source in JSON form, where a literal `${` or `%{`
 * is still written doubled; undoing that gives the value Terraform would use.
 */
async function parsedBack(text: string): Promise<unknown> {
  const json = (await parse('t.tf', `x = ${hclString(text)}\n`)) as { x: unknown };
  return typeof json.x === 'string' ? json.x.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : json.x;
}

describe('strings written into HCL', () => {
  it.each([
    ['an interpolation', 'prod-${uuid()}-${abspath(path.root)}'],
    ['a directive', '%{ for x in var.y }${x}%{ endfor }'],
    ['an escaped interpolation in the data itself', '$${not} $$${x} $'],
    ['quotes and backslashes', 'a "quoted" \\path\\ \\"'],
    ['newlines, tabs and carriage returns', 'one\ntwo\r\nthree\tfour'],
    ['control characters JSON would write as \\b and \\f', 'bell\u0007 back\b form\f esc\u001b[31m del\u007f'],
    ['line separators and bidirectional overrides', 'a\u2028b\u2029c \u202eevil\u202c \u2066x\u2069'],
    ['a closing brace and a heredoc marker', '} <<EOT\nEOT'],
  ])('%s evaluates to itself', async (_name, text) => {
    expect(hclString(text)).not.toMatch(/(^|[^$])\$\{|(^|[^%])%\{/);
    expect(await parsedBack(text)).toBe(text);
  });

  it('an interpolation is not evaluated, whatever precedes it', async () => {
    for (const text of ['${x}', '$${x}', 'a$${x}', '$$$${x}']) expect(await parsedBack(text)).toBe(text);
  });

  it('labels, object keys and comments carry hostile text safely', async () => {
    const text = hcl([
      comment('from the API: name\nwith a second line, and \u001b]0;title\u0007 an OSC sequence'),
      block(
        'resource',
        ['google_sql_database_instance', 'db'],
        [...attr('name', 'db'), ...attr('labels', { 'team ${x}': 'v"${y}"', ok: '%{z}' })],
      ),
    ]);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('# with a second line, and \\u001b]0;title\\u0007 an OSC sequence');
    const json = (await parse('t.tf', text)) as {
      resource: { google_sql_database_instance: { db: { labels: Record<string, string> }[] } };
    };
    expect(json.resource.google_sql_database_instance.db[0]!.labels).toEqual({ 'team $${x}': 'v"$${y}"', ok: '%%{z}' });
  });
});
