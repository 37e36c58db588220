// Last line of defence against leaks: whatever a rule copied out of the document (an H1 used
// as the title in a fix, a quoted command, a URL), no finding may carry a detected secret
// value in its message, fix title, fix text, related information or meta. Values are
// replaced by `<REDACTED:kind>`, the same text RB401's own fix writes.
import { detectSecrets, fingerprint, type SecretFinding } from './secrets/index.js';
import { perModel, TextCache } from './model/cover.js';
import { scanRegions, shiftSpan } from './regions.js';
import type { Runbook } from './model/runbook.js';
import type { Finding } from './types.js';

/** Every secret in a model's text, before any allow-list, section by section (core/regions.ts): RB401 and the leak guard share one scan. */
export const documentSecrets: (rb: Runbook) => readonly SecretFinding[] = perModel((rb: Runbook) =>
  scanRegions(rb, 'secrets', detectSecrets, shiftSpan),
);

/** Replaces each of `values` (longest first) by its redaction; the identity when there are none. */
function replacer(values: Map<string, string>): (s: string) => string {
  if (!values.size) return (s) => s;
  const sorted = [...values.entries()].sort((a, b) => b[0].length - a[0].length);
  return (s: string): string => {
    let out = s;
    for (const [v, r] of sorted) if (out.includes(v)) out = out.split(v).join(r);
    return out;
  };
}

/** The values of a document's detected secrets (5+ characters: shorter ones reveal nothing) and their redactions. */
function secretValues(rb: Runbook): Map<string, string> {
  const values = new Map<string, string>();
  for (const s of documentSecrets(rb)) {
    const v = rb.text.slice(s.start, s.end);
    if (v.length >= 5) values.set(v, `<REDACTED:${s.kind}>`);
  }
  return values;
}

/**
 * redactDetected's answers by text, up to 4 KB a text: the editor features scrub every string they return
 * (each outline node's name and keys: a 1 MB runbook's outline is ~30,000 strings, most of them the same
 * few keys, and nearly all the same from one keystroke to the next), and the answer depends on the text only.
 */
const redacted = new TextCache<string>(20_000);
const REMEMBERED_CHARS = 4096;

/** Every secret the detector finds in `s` itself, as `<REDACTED:kind>` (for text that came from elsewhere). */
export function redactDetected(s: string): string {
  if (s.length < 8) return s;
  if (s.length > REMEMBERED_CHARS) return redact(s);
  return redacted.get(s) ?? redacted.put(s, redact(s));
}

function redact(s: string): string {
  const found = detectSecrets(s);
  if (!found.length) return s;
  let out = '';
  let at = 0;
  for (const f of [...found].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += s.slice(at, f.start) + `<REDACTED:${f.kind}>`;
    at = f.end;
  }
  return out + s.slice(at);
}

/**
 * The scrub for what the editor features return (outline names, hover text, completion labels and
 * inserts, custom requests): the document's own secrets, wherever they were copied, and any secret in the
 * text itself (another runbook's title or owner, an alert name) become `<REDACTED:kind>`.
 */
export function secretScrubber(rb: Runbook | undefined): (s: string) => string {
  const known = rb ? replacer(secretValues(rb)) : (s: string) => s;
  return (s) => redactDetected(known(s));
}

/** Fields that name a document for the client (its URI): kept as they are, the client already has them. */
const ADDRESSES = new Set(['uri', 'targetUri']);

/** A copy of a JSON-like value with every string passed through `clean` (object keys too; URIs kept). */
export function scrubDeep<T>(value: T, clean: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[clean(k)] = ADDRESSES.has(k) ? x : walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A path as the product prints it: `<redacted path …>` (with the path's fingerprint) when a secret is in it. */
export function shownPath(path: string): string {
  return detectSecrets(path).length ? `<redacted path ${fingerprint(path)}>` : path;
}

export function scrubFindings(rb: Runbook, findings: Finding[]): void {
  if (!findings.length) return;
  const values = secretValues(rb);
  if (!values.size) return;
  const clean = replacer(values);
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
