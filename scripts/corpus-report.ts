// Runs every rule over a folder of Markdown files and reports what fires: counts per rule, files
// with internal errors, and (with --show RB3) each finding of the matching rules with its line.
// Usage: node --import tsx scripts/corpus-report.ts <dir> [--show RB3] [--sample 20] [--seed 1]
//   Paths given to the checker are relative to <dir>'s parent, so `runbooks/` folders keep their category.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { check } from '../server/src/core/check.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '/work/shared/corpora';
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const show = opt('--show');
const sample = Number(opt('--sample') ?? 0);
let seed = Number(opt('--seed') ?? 1);

function walk(d: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(d)) {
    const p = join(d, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

const files = walk(dir);
const counts = new Map<string, number>();
const shown: string[] = [];
let errors = 0;
const t0 = Date.now();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  let res;
  try {
    res = check({ text, path: relative(dirname(dir), f), today: '2026-11-27' });
  } catch (e) {
    errors++;
    console.log(`THROW ${f}: ${e instanceof Error ? e.message : String(e)}`);
    continue;
  }
  for (const ie of res.internalErrors) {
    errors++;
    console.log(`INTERNAL ${f} ${ie.ruleId}: ${ie.message}`);
  }
  for (const x of res.findings) {
    counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
    if (show && x.ruleId.startsWith(show)) {
      const line = res.runbook.lines.positionAt(x.range.start).line;
      shown.push(`${x.ruleId} ${relative(dir, f)}:${line + 1}  ${res.runbook.text.slice(x.range.start, x.range.end).replace(/\s+/g, ' ').slice(0, 120)}\n    ${x.message}`);
    }
  }
}
console.log(`${files.length} files, ${errors} errors, ${Date.now() - t0} ms`);
for (const [id, n] of [...counts].sort()) console.log(`${id}\t${n}`);
if (show) {
  let list = shown;
  if (sample && sample < shown.length) {
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    list = [...shown].map((s) => [rnd(), s] as const).sort((a, b) => a[0] - b[0]).slice(0, sample).map((x) => x[1]);
  }
  console.log(`\n${shown.length} findings of ${show}*${sample ? `, sample of ${list.length}` : ''}:`);
  for (const s of list) console.log(s);
}
