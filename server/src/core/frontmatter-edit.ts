// Building front-matter text for fixes: the skeleton, and a missing key with its placeholder.
// A fix never writes a fact the author did not choose: the id's number, the review date, the owner,
// the severity and the alerts stay placeholders (RB105 asks to fill them in); only the title is
// taken from the runbook's own H1 and the id's area from its category folder.
import type { Runbook } from './model/runbook.js';
import { mapKeys, rangeAtPath, topLevelKeys, type FrontMatter, type KeyInfo } from './model/frontmatter.js';
import type { TextEdit } from './types.js';
import { isMap, type Node } from 'yaml';
import schema from '../../../schemas/runbook.schema.json';
import { closest } from './similar.js';

export const REQUIRED_KEYS = ['runbook_id', 'title', 'owner', 'last_reviewed', 'severity', 'systems_affected', 'environments', 'related_alerts', 'prerequisites', 'safety', 'audit_notes'] as const;
export const SAFETY_KEYS = ['impact', 'rollback'] as const;
/** Every key the runbook schema knows. */
export const KNOWN_KEYS = Object.keys((schema as { properties: Record<string, unknown> }).properties);

/** What each key holds, for messages that ask to add or fill it in. */
export const KEY_HINTS: Record<string, string> = {
  runbook_id: 'stable id, RB-<AREA>-<NNN>',
  title: 'short, action-oriented title',
  owner: 'team or role',
  last_reviewed: 'YYYY-MM-DD',
  severity: 'P0–P4',
  systems_affected: 'cluster, gitops, api, storage, …',
  environments: 'dev, staging, prod',
  related_alerts: 'alert names, or [] if none',
  prerequisites: 'access and tools, no secrets',
  safety: 'impact and rollback',
  audit_notes: 'what to record for audit, where',
  'safety.impact': 'what can go wrong',
  'safety.rollback': 'how to revert',
};

export interface Misspelling {
  /** The key as written (`relatd_alerts`). */
  key: KeyInfo;
  /** The required key it stands for (`related_alerts`, or `rollback` under `safety`). */
  required: string;
  /** Under `safety:`. */
  inSafety: boolean;
}

/**
 * Unknown keys that look like a misspelling of a required key the front matter lacks. One mistake,
 * one finding: RB103 reports each of them (with a rename fix, which keeps the value), and neither
 * lists the required key as missing nor lets RB104 report the key as unknown.
 */
export function misspeltRequired(fm: FrontMatter): Misspelling[] {
  const data = fm.data;
  if (!data) return [];
  const out: Misspelling[] = [];
  const claim = (keys: KeyInfo[], known: readonly string[], required: readonly string[], present: object, inSafety: boolean) => {
    const free = known.filter((c) => !(c in present));
    for (const k of keys) {
      if (known.includes(k.key)) continue;
      const guess = closest(k.key, free);
      if (guess && required.includes(guess) && !out.some((m) => m.inSafety === inSafety && m.required === guess)) out.push({ key: k, required: guess, inSafety });
    }
  };
  claim(topLevelKeys(fm), KNOWN_KEYS, REQUIRED_KEYS, data, false);
  const safety = data['safety'];
  if (safety && typeof safety === 'object' && !Array.isArray(safety)) {
    const node = topLevelKeys(fm).find((k) => k.key === 'safety')?.pair.value as Node | null;
    claim(mapKeys(fm, node), SAFETY_KEYS, SAFETY_KEYS, safety, true);
  }
  return out;
}

export interface SkeletonValues {
  /** A whole id to write (completion's own use); absent: `RB-<AREA>-<NNN>` with `area` filled in. */
  id?: string;
  /** The id's area from the category folder (`PLAT`), when known. */
  area?: string;
  title?: string;
  /** A date to write (completion's own use); absent: the `YYYY-MM-DD` placeholder. */
  today?: string;
  owner?: string;
}

/** The YAML lines (no delimiters) for one key, with its placeholder value. */
export function keyLines(key: string, v: SkeletonValues): string[] {
  switch (key) {
    case 'runbook_id':
      return [`runbook_id: ${v.id ?? `RB-${v.area ?? '<AREA>'}-<NNN>`}`];
    case 'title':
      return [`title: ${JSON.stringify(v.title ?? '<Short, action-oriented title>')}`];
    case 'owner':
      return [`owner: ${JSON.stringify(v.owner ?? '<Team or role>')}`];
    case 'last_reviewed':
      return [`last_reviewed: "${v.today ?? 'YYYY-MM-DD'}"`];
    case 'severity':
      return ['severity: "<P0|P1|P2|P3|P4>"'];
    case 'systems_affected':
      return ['systems_affected:', '  - "<system/component>"'];
    case 'environments':
      return ['environments:', '  - "<dev|staging|prod>"'];
    case 'related_alerts':
      return ['related_alerts:', '  - "<alert name/id, or [] if none>"'];
    case 'prerequisites':
      return ['prerequisites:', '  - "<required access/tools>"'];
    case 'safety':
      return ['safety:', ...SAFETY_KEYS.flatMap((k) => safetyLines(k).map((l) => '  ' + l))];
    case 'audit_notes':
      return ['audit_notes:', '  - "Record incident id / run id / deployment sha / dataset version id as applicable"'];
    default:
      return [`${key}: "<${key}>"`];
  }
}

export function safetyLines(key: string): string[] {
  return key === 'impact' ? ['impact: "<what can go wrong>"'] : ['rollback: "<how to revert>"'];
}

export function skeleton(v: SkeletonValues, eol: string): string {
  return ['---', ...REQUIRED_KEYS.flatMap((k) => keyLines(k, v)), '---', ''].join(eol);
}

/** Edit inserting a missing top-level key after its canonical predecessor (or first). */
export function insertKeyEdit(rb: Runbook, key: string, v: SkeletonValues): TextEdit | undefined {
  const fm = rb.frontMatter;
  if (!fm) return undefined;
  const eol = rb.lines.eol;
  const keys = topLevelKeys(fm);
  const order = REQUIRED_KEYS as readonly string[];
  const idx = order.indexOf(key);
  let after: number | undefined;
  for (let i = idx - 1; i >= 0 && after === undefined; i--) {
    const k = keys.find((x) => x.key === order[i]);
    if (k) after = lineAfter(rb, Math.max(k.valueRange.end, k.keyRange.end) - 1);
  }
  if (after === undefined) {
    const firstKey = keys[0];
    after = firstKey ? rb.lines.lineStarts[rb.lines.positionAt(firstKey.keyRange.start).line]! : fm.content.start;
  }
  if (after > fm.content.end) after = fm.content.end;
  return { range: { start: after, end: after }, newText: keyLines(key, v).join(eol) + eol };
}

/** Edit inserting a missing `safety.<key>`. */
export function insertSafetyKeyEdit(rb: Runbook, key: string): TextEdit | undefined {
  const fm = rb.frontMatter;
  if (!fm) return undefined;
  const eol = rb.lines.eol;
  const safety = topLevelKeys(fm).find((k) => k.key === 'safety');
  if (!safety) return undefined;
  const node = safety.pair.value as Node | null;
  const inner = mapKeys(fm, node);
  if (!isMap(node) || node.flow) return undefined;
  const indent = inner[0] ? ' '.repeat(rb.lines.positionAt(inner[0].keyRange.start).character) : '  ';
  const last = inner[inner.length - 1];
  const at = last ? lineAfter(rb, Math.max(last.valueRange.end, last.keyRange.end) - 1) : lineAfter(rb, safety.keyRange.end);
  return { range: { start: at, end: at }, newText: safetyLines(key).map((l) => indent + l).join(eol) + eol };
}

function lineAfter(rb: Runbook, offset: number): number {
  const line = rb.lines.positionAt(Math.max(0, offset)).line;
  return line + 1 < rb.lines.lineCount ? rb.lines.lineStarts[line + 1]! : rb.text.length;
}

export { rangeAtPath };
