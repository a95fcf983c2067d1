import type { Discovery } from '../org/discover.js';
import { mdCode, mdText } from './markdown-text.js';

/** The list of projects an organization audit covers, as JSON (versioned) for tools that plan or shard it. */
export function projectListJson(discovery: Discovery): string {
  return `${JSON.stringify({ schemaVersion: 1, ...discovery }, null, 2)}\n`;
}

/** The same list for people: one row per project with its folder path; what was left out, and why, below it. */
export function projectListMarkdown(discovery: Discovery): string {
  // A folder by its display name (the cloud's text, escaped), an organization or unnamed folder by its id.
  const shown = (resource: string) => {
    const name = discovery.folders[resource];
    return name === undefined ? mdCode(resource) : mdText(name);
  };
  const lines = [
    `# Projects under ${mdCode(discovery.scope)}`,
    '',
    `${discovery.projects.length} project(s) to audit${discovery.skipped.length ? `, ${discovery.skipped.length} left out` : ''}.`,
    '',
  ];
  if (discovery.projects.length > 0) {
    lines.push('| project | number | folder path | labels |', '|---|---|---|---|');
    for (const p of discovery.projects)
      lines.push(
        `| ${mdCode(p.projectId)} | ${p.name ? mdCode(p.name) : '—'} | ${p.path.map(shown).join(' › ') || '—'} | ${
          Object.entries(p.labels)
            .map(([k, v]) => mdCode(`${k}=${v}`))
            .join(' ') || '—'
        } |`,
      );
    lines.push('');
  }
  if (discovery.skipped.length > 0) {
    lines.push('Left out:', '');
    for (const s of discovery.skipped) lines.push(`- ${mdCode(s.projectId)}: ${mdText(s.reason)}`);
    lines.push('');
  }
  return lines.join('\n');
}
