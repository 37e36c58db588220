// Bulk suppressions (`runbook-lint-suppressions.json`, ESLint's shape: file -> rule -> count),
// each suppressed finding also kept as a content fingerprint: moving lines does not revive a
// finding, editing its line does. Pure: the shells read and write the file and pass lines in.
//
// A fingerprint is 16 hex digits: 8 of SHA-256 over the rule id and the finding's lines (white
// space folded), then 8 over the rule id and its message without digits. Matching tries the whole
// fingerprint first, then the line part alone (a reworded message after an upgrade still matches).
// Only hashes are stored, never text: a line holding a secret leaves 32 bits of a hash behind.
import { sha256Hex } from './secrets/hash.js';
import type { LineIndex, Position } from './model/text.js';

export const SUPPRESSIONS_FILE = 'runbook-lint-suppressions.json';

export interface RuleSuppression {
  count: number;
  fingerprints?: string[];
}

/** Rule id -> what is suppressed in one file. */
export type FileSuppressions = Record<string, RuleSuppression>;

/** Repository-relative POSIX path -> its suppressions. */
export type Suppressions = Record<string, FileSuppressions>;

const FP = /^[0-9a-f]{16}$/;

/** The fingerprint of a finding on `lines` (the text of the lines its range spans). */
export function findingFingerprint(ruleId: string, lines: readonly string[], message: string): string {
  const content = lines.map((l) => l.trim().replace(/\s+/g, ' ')).join('\n');
  return sha256Hex(`${ruleId}\0${content}`).slice(0, 8) + messagePart(ruleId, message);
}

/** The message half by rule id + message: most findings of a run repeat a handful of messages (bounded). */
const messageParts = new Map<string, string>();

function messagePart(ruleId: string, message: string): string {
  const key = `${ruleId}\0${message.replace(/\d+/g, '')}`;
  let part = messageParts.get(key);
  if (part === undefined) {
    if (messageParts.size >= 4096) messageParts.clear();
    messageParts.set(key, (part = sha256Hex(key).slice(0, 8)));
  }
  return part;
}

/** The fingerprint of a finding from `start` to `end` (a range ending at a line's start leaves that line out). */
export function fingerprintAt(lines: Pick<LineIndex, 'lineText'>, ruleId: string, message: string, start: Position, end: Position): string {
  const last = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const texts: string[] = [];
  for (let l = start.line; l <= last; l++) texts.push(lines.lineText(l));
  return findingFingerprint(ruleId, texts, message);
}

/** Validates parsed JSON as a suppressions file; the first problem as a sentence, or the value. */
export function readSuppressions(value: unknown): { ok: true; value: Suppressions } | { ok: false; reason: string } {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(value)) return { ok: false, reason: 'expected an object of file paths' };
  for (const [path, rules] of Object.entries(value)) {
    if (!isObj(rules)) return { ok: false, reason: `"${path}": expected an object of rule ids` };
    for (const [rule, s] of Object.entries(rules)) {
      if (!isObj(s) || !Number.isInteger(s['count']) || (s['count'] as number) < 0) return { ok: false, reason: `"${path}" ${rule}: expected { "count": <whole number> }` };
      const fps = s['fingerprints'];
      if (fps !== undefined && (!Array.isArray(fps) || !fps.every((f) => typeof f === 'string' && FP.test(f)))) {
        return { ok: false, reason: `"${path}" ${rule}: fingerprints must be 16 hex digits each` };
      }
    }
  }
  return { ok: true, value: value as Suppressions };
}

export interface Fingerprinted {
  ruleId: string;
  fingerprint: string;
}

export interface MatchResult<T> {
  kept: T[];
  suppressed: T[];
  /** The entries that matched a finding (what `--prune-suppressions` keeps). */
  used: FileSuppressions;
}

/**
 * Splits one file's findings into those the entries suppress and those they do not. With
 * fingerprints, each entry suppresses at most one finding; without (a count only, as ESLint
 * writes it), a rule's findings are all suppressed while there are no more than the count.
 */
export function matchSuppressions<T extends Fingerprinted>(findings: readonly T[], entries: FileSuppressions | undefined): MatchResult<T> {
  if (!entries) return { kept: [...findings], suppressed: [], used: {} };
  const byRule = new Map<string, T[]>();
  for (const f of findings) {
    let l = byRule.get(f.ruleId);
    if (!l) byRule.set(f.ruleId, (l = []));
    l.push(f);
  }
  const out = new Set<T>();
  const used: FileSuppressions = {};
  for (const [rule, list] of byRule) {
    const e = entries[rule];
    if (!e) continue;
    if (!e.fingerprints) {
      if (list.length <= e.count) {
        list.forEach((f) => out.add(f));
        used[rule] = { count: list.length };
      }
      continue;
    }
    const left = [...e.fingerprints];
    const take = (f: T, i: number) => {
      out.add(f);
      (used[rule] ??= { count: 0, fingerprints: [] }).fingerprints!.push(left[i]!);
      left.splice(i, 1);
    };
    for (const f of list) {
      const i = left.indexOf(f.fingerprint);
      if (i >= 0) take(f, i);
    }
    for (const f of list) {
      if (out.has(f)) continue;
      const i = left.findIndex((x) => x.slice(0, 8) === f.fingerprint.slice(0, 8));
      if (i >= 0) take(f, i);
    }
  }
  for (const u of Object.values(used)) if (u.fingerprints) u.count = u.fingerprints.sort().length;
  return { kept: findings.filter((f) => !out.has(f)), suppressed: findings.filter((f) => out.has(f)), used };
}

/** Entries that suppress exactly `findings` (for `--suppress-all` / `--suppress-rule`). */
export function suppressionsFor(findings: readonly Fingerprinted[]): FileSuppressions {
  const out: FileSuppressions = {};
  for (const f of findings) (out[f.ruleId] ??= { count: 0, fingerprints: [] }).fingerprints!.push(f.fingerprint);
  for (const e of Object.values(out)) e.count = e.fingerprints!.sort().length;
  return sortKeys(out);
}

/** Stable JSON text: paths and rule ids sorted, two-space indent, trailing newline. */
export function formatSuppressions(s: Suppressions): string {
  const sorted: Suppressions = {};
  for (const p of Object.keys(s).sort()) if (Object.keys(s[p]!).length) sorted[p] = sortKeys(s[p]!);
  return JSON.stringify(sorted, null, 2) + '\n';
}

function sortKeys<V>(o: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

export function countSuppressions(s: Suppressions): { files: number; findings: number } {
  let findings = 0;
  let files = 0;
  for (const rules of Object.values(s)) {
    const n = Object.values(rules).reduce((a, r) => a + r.count, 0);
    if (n) files++;
    findings += n;
  }
  return { files, findings };
}
