import { child, items, text, yamlOf } from './yaml-file.js';
import type { Place } from './ci/model.js';

/** Where goreleaser looks for its configuration when no --config is given (goreleaser.com, "Quick start"). */
export const GORELEASER_FILES = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];

/** What a goreleaser configuration makes a release produce, as far as the supply-chain controls care. */
export interface GoreleaserFacts {
  file: string;
  /** `sboms:` entries (syft by default). */
  sboms: Place[];
  /** Signing with cosign: `docker_signs:` (cosign by default) and `signs:` whose `cmd` is cosign (gpg by default). */
  cosignSigns: (Place & { what: string })[];
}

/**
 * Reads `sboms`, `signs` and `docker_signs` (goreleaser.com, "Signing", "Signing Docker images", "SBOMs"):
 * `signs` runs gpg unless `cmd` says otherwise; `docker_signs` runs cosign unless it does; `artifacts: none` signs
 * nothing.
 */
export function goreleaserOf(path: string, source: string): GoreleaserFacts {
  const file = yamlOf(path, source);
  const root = file.doc.contents;
  const place = (node: unknown): Place => ({ file: path, line: file.line(node) });
  const sboms = items(file, child(file, root, 'sboms')).map(place);
  const cosignSigns: GoreleaserFacts['cosignSigns'] = [];
  for (const [key, defaultCmd] of [
    ['signs', 'gpg'],
    ['docker_signs', 'cosign'],
  ] as const) {
    for (const sign of items(file, child(file, root, key))) {
      // A cosign goreleaser built itself (`./dist/cosign-linux-amd64`) is cosign too.
      const cmd = (text(child(file, sign, 'cmd')) ?? defaultCmd).split('/').at(-1)!;
      if (!/^cosign([-_.]|$)/.test(cmd) || text(child(file, sign, 'artifacts')) === 'none') continue;
      cosignSigns.push({ ...place(sign), what: `${key} with cosign` });
    }
  }
  return { file: path, sboms, cosignSigns };
}
