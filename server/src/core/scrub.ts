// Last line of defence against leaks: whatever a rule copied out of the document (an H1 used
// as the title in a fix, a quoted command, a URL), no finding may carry a detected secret
// value in its message, fix title, fix text, related information or meta. Values are
// replaced by `<REDACTED:kind>`, the same text RB401's own fix writes.
import { detectSecrets, type SecretFinding } from './secrets/index.js';
import { perModel } from './model/cover.js';
import { scanRegions, shiftSpan } from './regions.js';
import type { Runbook } from './model/runbook.js';
import type { Finding } from './types.js';

/** Every secret in a model's text, before any allow-list, section by section (core/regions.ts): RB401 and the leak guard share one scan. */
export const documentSecrets: (rb: Runbook) => readonly SecretFinding[] = perModel((rb: Runbook) =>
  scanRegions(rb, 'secrets', detectSecrets, shiftSpan),
);

export function scrubFindings(rb: Runbook, findings: Finding[]): void {
  if (!findings.length) return;
  const text = rb.text;
  const secrets = documentSecrets(rb);
  if (!secrets.length) return;
  const values = new Map<string, string>();
  for (const s of secrets) {
    const v = text.slice(s.start, s.end);
    if (v.length >= 5) values.set(v, `<REDACTED:${s.kind}>`);
  }
  if (!values.size) return;
  const sorted = [...values.entries()].sort((a, b) => b[0].length - a[0].length);
  const clean = (s: string): string => {
    let out = s;
    for (const [v, r] of sorted) if (out.includes(v)) out = out.split(v).join(r);
    return out;
  };
  for (const f of findings) {
    if (f.ruleId === 'RB401') continue; // its fix replaces the value; its message never holds it
    f.message = clean(f.message);
    if (f.fix) {
      f.fix.title = clean(f.fix.title);
      for (const e of f.fix.edits) e.newText = clean(e.newText);
    }
    for (const r of f.related ?? []) r.message = clean(r.message);
    if (f.meta) for (const [k, v] of Object.entries(f.meta)) if (typeof v === 'string') f.meta[k] = clean(v);
  }
}
