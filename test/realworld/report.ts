// npm run realworld: per-rule precision and recall of the engine on the labelled real-world set.
//   npm run realworld                       the table, then the labels the engine still gets wrong
//   npm run realworld -- --list RB403 …     every finding of those rules with its line (secrets
//                                           redacted) and its label, for labelling
//   npm run realworld -- --list --unlabelled RB403   only findings no label names yet
//   npm run realworld -- --markdown         the table as Markdown (for the README)
//   npm run realworld -- --sync-open        rewrite labels.json: `open` on exactly the labels the
//                                           engine still gets wrong
// Reads ../shared (or RUNBOOK_SHARED); exits 2 when it is absent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_SCOPE, SHARED, available, realworldFindings, redactedLines } from './engine.js';
import { LABELS_PATH, labelKey, loadLabels, score, type Label } from './labels.js';

const args = process.argv.slice(2);
if (!available()) {
  console.error(`realworld: the shared corpora are not at ${SHARED} (set RUNBOOK_SHARED)`);
  process.exit(2);
}
const labels = loadLabels();
const findings = realworldFindings();
const rulesAsked = args.filter((a) => /^RB\d{3}$/.test(a));

if (args.includes('--list')) {
  const byKey = new Map(labels.map((l) => [labelKey(l), l]));
  const only = args.includes('--unlabelled');
  const cache = new Map<string, string[]>();
  const lines = (file: string) => cache.get(file) ?? cache.set(file, redactedLines(readFileSync(join(SHARED, file), 'utf8'))).get(file)!;
  const ctx = Number(args[args.indexOf('--context') + 1]) || 0;
  const seen = new Set<string>();
  for (const f of findings) {
    if (rulesAsked.length && !rulesAsked.includes(f.rule)) continue;
    const k = labelKey(f);
    if (seen.has(k)) continue;
    seen.add(k);
    const l = byKey.get(k);
    if (only && l) continue;
    const ls = lines(f.file);
    console.log(`${k}  ${l ? `[${l.verdict}${l.open ? ', open' : ''}] ${l.reason}` : '[unlabelled]'}`);
    console.log(`    msg: ${f.message.slice(0, 160)}`);
    for (let i = Math.max(1, f.line - ctx); i <= Math.min(ls.length, f.line + ctx); i++) console.log(`    ${i === f.line ? '>' : ' '}${String(i).padStart(4)}| ${ls[i - 1]!.slice(0, 220)}`);
  }
  process.exit(0);
}

const s = score(labels, findings, rulesAsked.length ? rulesAsked : IN_SCOPE);
if (args.includes('--sync-open')) {
  const wrong = new Set(s.wrong.map((w) => w.label));
  const out = labels.map((l): Label => {
    const { open: _o, ...rest } = l;
    return wrong.has(l) ? { ...rest, open: true } : rest;
  });
  writeFileSync(LABELS_PATH, `[\n${out.map((l) => `  ${JSON.stringify(l)}`).join(',\n')}\n]\n`);
  console.log(`${wrong.size} of ${labels.length} labels open`);
  process.exit(0);
}
const pct = (x: number) => x.toFixed(2);
if (args.includes('--markdown')) {
  console.log('| rule | labelled | true found | false found | missed | precision | recall |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of s.rules) console.log(`| ${r.rule} | ${r.labelled} | ${r.tp} | ${r.fp} | ${r.fn} | ${pct(r.precision)} | ${pct(r.recall)} |`);
  process.exit(0);
}
console.log(`${labels.length} labels, ${findings.length} findings of the in-scope rules over ${SHARED}\n`);
console.log('rule   labelled  TP   FP   FN  precision  recall  unlabelled');
for (const r of s.rules) {
  const flag = r.labelled && (r.precision < 0.9 || r.recall < 0.9) ? '  <' : '';
  console.log(`${r.rule}  ${String(r.labelled).padStart(8)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}  ${String(r.unlabelled).padStart(10)}${flag}`);
}
if (s.wrong.length) {
  console.log(`\nStill wrong (${s.wrong.length}):`);
  for (const w of s.wrong) console.log(`  ${labelKey(w.label)} ${w.label.verdict}${w.label.open ? ' (open)' : ''}: ${w.reported ? 'reported' : 'not reported'} — ${w.label.reason}`);
}
