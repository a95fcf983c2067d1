// Writes the published JSON Schemas from the zod schemas (run after `npm run build`); --check fails when stale.
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { auditResultSchema, orgResultSchema, registerSchema } from '../dist/schemas.js';

const targets = [
  { file: 'schema/risks.schema.json', schema: registerSchema, id: 'risks.schema.json', io: 'input' },
  { file: 'schema/report.schema.json', schema: auditResultSchema, id: 'report.schema.json', io: 'output' },
  { file: 'schema/org-report.schema.json', schema: orgResultSchema, id: 'org-report.schema.json', io: 'output' },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, schema, id, io } of targets) {
  const json = { $id: id, ...z.toJSONSchema(schema, { target: 'draft-2020-12', io }) };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (check) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${file} is stale: run \`npm run schema\``);
      stale++;
    }
  } else {
    await writeFile(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
