import { visible } from '../util/text.js';

/** Text from outside gtp in HTML: entities for the characters that open markup or close an attribute. */
export function esc(text: string | number): string {
  // Controls (ESC, BEL, CR, bidirectional overrides) are spelt out: a report is read, not executed.
  return visible(String(text))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
