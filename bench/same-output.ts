// Same output before and after a speed change: runs two builds of the CLI (this checkout's dist/cli.js
// and another one, e.g. main's, built elsewhere) over copies of ../shared/corpora and
// ../shared/team-runbooks and compares their stdout byte for byte in every format, in process
// (--jobs 1) and with worker threads (--jobs 2), plus their exit codes. A speed change must not
// move a byte. Not part of npm test (it needs a second build); run it before landing such a change:
//   node --import tsx bench/same-output.ts /path/to/other/dist/cli.js
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CORPORA, TEAM_RUNBOOKS } from '../test/helpers/corpus.js';
import { ROOT } from './lib/inputs.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const FORMATS = ['json', 'sarif', 'text', 'github'];

function run(cli: string, cwd: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  return `line ${line}: ${JSON.stringify(a.slice(i - 40 < 0 ? 0 : i - 40, i + 80))} vs ${JSON.stringify(b.slice(i - 40 < 0 ? 0 : i - 40, i + 80))}`;
}

export function compare(other: string): string[] {
  const problems: string[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'rbl-same-output-'));
  try {
    for (const [name, src] of [
      ['corpora', CORPORA],
      ['team-runbooks', TEAM_RUNBOOKS],
    ] as const) {
      if (!existsSync(src)) throw new Error(`no ${src}`);
      const dir = join(tmp, name);
      cpSync(src, dir, { recursive: true });
      const list = walkMd(dir).map((f) => relative(dir, f));
      for (const format of FORMATS) {
        for (const jobs of ['1', '2']) {
          const args = ['--format', format, '--jobs', jobs, ...list];
          const a = run(CLI, dir, args);
          const b = run(other, dir, args);
          const label = `${name} --format ${format} --jobs ${jobs} (${list.length} files)`;
          if (a.code !== b.code) problems.push(`${label}: exit ${a.code} vs ${b.code}`);
          if (a.out !== b.out) problems.push(`${label}: output differs at ${firstDifference(a.out, b.out)}`);
          else console.log(`same: ${label}, ${a.out.length} characters, exit ${a.code}`);
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return problems;
}

function walkMd(dir: string): string[] {
  const out: string[] = [];
  const rec = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) rec(p);
      else if (e.name.endsWith('.md') && e.name !== 'README.md') out.push(p);
    }
  };
  rec(dir);
  return out;
}

const other = process.argv[2];
if (!other) {
  console.error('usage: node --import tsx bench/same-output.ts <other dist/cli.js>');
  process.exitCode = 2;
} else {
  const problems = compare(other);
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} differences` : 'identical output in every format');
  process.exitCode = problems.length ? 1 : 0;
}
