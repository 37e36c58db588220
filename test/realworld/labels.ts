// The labelled set (labels.json) and its score against the engine's current findings.
// A label names a line of a file (relative to ../shared), a rule and a verdict:
//   "true"   the engine reports it and is right;
//   "false"  the engine reported it and is wrong (a false positive);
//   "missed" the engine should report it (a hand-found false negative).
// `kind` names the part of a rule that reports several findings on one line (RB211: `why`, `expect`).
// RB301/RB302 report the first unguarded write of a step: a true or missed write counts as found
// when its step is reported; a false one only when the finding is on its line.
// `open: true` marks a label the engine still gets wrong (a false positive still reported, a true
// one or a miss still not reported): accepted residuals, listed by `npm run realworld`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealFinding } from './engine.js';

export type Verdict = 'true' | 'false' | 'missed';

export interface Label {
  file: string;
  line: number;
  rule: string;
  verdict: Verdict;
  reason: string;
  kind?: string;
  open?: boolean;
}

export const LABELS_PATH = join(import.meta.dirname, 'labels.json');

export function loadLabels(path = LABELS_PATH): Label[] {
  return JSON.parse(readFileSync(path, 'utf8')) as Label[];
}

export const labelKey = (x: { file: string; line: number; rule: string; kind?: string }) => `${x.file}:${x.line}:${x.rule}${x.kind ? `/${x.kind}` : ''}`;

const PER_STEP = new Set(['RB301', 'RB302']);

/** Whether the engine reports what the label names (see the header for per-step rules). */
export function isReported(l: Label, findings: readonly RealFinding[], exact: ReadonlySet<string>): boolean {
  if (exact.has(labelKey(l))) return true;
  if (l.verdict === 'false' || !PER_STEP.has(l.rule)) return false;
  return findings.some((f) => f.rule === l.rule && f.file === l.file && f.step && f.step.from <= l.line && l.line <= f.step.to);
}

export interface RuleScore {
  rule: string;
  labelled: number;
  tp: number;
  fp: number;
  fn: number;
  /** Findings of this rule no label names. */
  unlabelled: number;
  precision: number;
  recall: number;
}

export interface Score {
  rules: RuleScore[];
  /** Labels whose outcome differs from what the label says (open or not). */
  wrong: { label: Label; reported: boolean }[];
  unlabelled: RealFinding[];
}

export function score(labels: readonly Label[], findings: readonly RealFinding[], rules: readonly string[]): Score {
  const reported = new Set(findings.map(labelKey));
  const known = new Set(labels.map(labelKey));
  const unlabelled = findings.filter((f) => !known.has(labelKey(f)));
  const byFile = new Map<string, RealFinding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const wrong: Score['wrong'] = [];
  const out: RuleScore[] = [];
  for (const rule of rules) {
    const ls = labels.filter((l) => l.rule === rule);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const l of ls) {
      const r = isReported(l, byFile.get(l.file) ?? [], reported);
      if (l.verdict === 'false') {
        if (r) fp++;
      } else if (r) tp++;
      else fn++;
      if (r === (l.verdict === 'false')) wrong.push({ label: l, reported: r });
    }
    // Several findings of a rule on one line count once (the label's unit is the line).
    const un = new Set(unlabelled.filter((f) => f.rule === rule).map(labelKey)).size;
    out.push({ rule, labelled: ls.length, tp, fp, fn, unlabelled: un, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 });
  }
  return { rules: out, wrong, unlabelled };
}
