// Issue 14's "Done when", as a user runs it: `runbook-lint --fix` over every file of ../shared/corpora,
// ../shared/team-runbooks (`.html.md.erb` pages included) and examples/, copied into one repository so
// that the workspace rules see every runbook at once (RB505 links between files, RB106 ids). The core
// closure tests (fix-closure*.test.ts) check each file alone; this one checks what only the whole tree
// shows: a fix in one file must not add a finding to another (a renamed heading another file links to,
// an inserted id that collides). After --fix:
//   - no finding of RB303, RB4xx, RB505, RB207, RB202, RB203 or RB109 that was not there before, and no
//     finding of any rule that is not a "fill in" finding (meta.placeholder) of what the fixes inserted;
//   - no last_reviewed value changed, and none written but the "YYYY-MM-DD" placeholder or the author's
//     own date under a renamed key (`last_reviewed_on: 2024-07-20`);
//   - a second --fix changes nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, tempDir, remove, ROOT } from '../cli/helpers.js';
import { CORPORA, TEAM_RUNBOOKS } from '../helpers/corpus.js';
import { REVEALED, WATCHED } from '../helpers/closure.js';

interface Pos {
  line: number;
  column: number;
}
interface Finding {
  ruleId: string;
  message: string;
  range: { start: Pos; end: Pos };
  meta?: { placeholder?: boolean };
}
interface Out {
  files: { path: string; findings: Finding[] }[];
  summary: { fixed?: number; filesFixed?: number; ioErrors: number };
}

const made: string[] = [];
after(() => made.forEach(remove));

/** Every file below `dir`, relative and POSIX. */
function filesBelow(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\\/g, '/'))
    .sort();
}

function lastReviewed(text: string): string | undefined {
  const fm = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  const m = fm ? /^last_reviewed:[ \t]*(.*?)[ \t]*$/m.exec(fm[1]!) : null;
  return m ? m[1]!.replace(/\s+#.*$/, '').replace(/^["']|["']$/g, '') : undefined;
}

/** The text a finding's range (1-based lines and columns) covers. */
function covered(text: string, r: Finding['range']): string {
  const lines = text.split('\n');
  const at = (p: Pos) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return text.slice(at(r.start), at(r.end));
}

/** Findings per `file\trule`, all of them or only those `keep` accepts. */
function counts(out: Out, keep: (f: Finding, path: string) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of out.files) for (const x of f.findings) if (keep(x, f.path)) m.set(`${f.path}\t${x.ruleId}`, (m.get(`${f.path}\t${x.ruleId}`) ?? 0) + 1);
  return m;
}

function lint(dir: string, targets: string[], ...args: string[]): Out {
  // The JSON report of ~560 runbooks is several MB: more than spawnSync's default buffer.
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args, ...targets], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `runbook-lint ${args.join(' ')} exited ${r.status} ${r.error ?? ''}: ${r.stderr.slice(0, 500)}`);
  const out = JSON.parse(r.stdout) as Out;
  assert.equal(out.summary.ioErrors, 0, r.stderr.slice(0, 500));
  return out;
}

test('runbook-lint --fix over corpora, team runbooks and examples in one repository: no added finding, last_reviewed kept, a second --fix changes nothing', (t) => {
  if (!existsSync(CORPORA) || !existsSync(TEAM_RUNBOOKS)) {
    t.skip('../shared/corpora or ../shared/team-runbooks is not there');
    return;
  }
  const dir = tempDir({ '.runbook-lint.yaml': 'include: ["**/*.md"]\nexclude: ["!**/README.md"]\n' });
  made.push(dir);
  cpSync(CORPORA, join(dir, 'infra/runbooks/platform/corpora'), { recursive: true });
  cpSync(TEAM_RUNBOOKS, join(dir, 'infra/runbooks/platform/team-runbooks'), { recursive: true });
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const all = filesBelow(dir);
  for (const f of all) chmodSync(join(dir, f), 0o644); // the shared copies are read-only
  // Folders give the `.md` files; a `.html.md.erb` page is checked when named.
  const targets = ['.', ...all.filter((f) => f.endsWith('.md.erb'))];
  const runbooks = all.filter((f) => /\.md(?:\.erb)?$/.test(f));
  assert.ok(runbooks.length >= 550, `${runbooks.length} runbooks`);
  const text = (f: string) => readFileSync(join(dir, f), 'utf8');
  const original = new Map(runbooks.map((f) => [f, text(f)]));

  const before = lint(dir, targets);
  assert.equal(before.files.length, runbooks.length, 'every runbook checked');
  const fixed = lint(dir, targets, '--fix');
  const fixedTexts = new Map(runbooks.map((f) => [f, text(f)]));
  // A second --fix: nothing left to apply, no byte changed; its report is a fresh check of the fixed tree.
  const again = lint(dir, targets, '--fix');
  assert.equal(again.summary.fixed, 0, 'a second --fix applies nothing');
  const changedAgain = runbooks.filter((f) => text(f) !== fixedTexts.get(f));
  assert.deepEqual(changedAgain, [], 'a second --fix changes no file');

  // What --fix reported as remaining is what a fresh check of the fixed tree finds.
  assert.deepEqual(counts(fixed), counts(again), '--fix reports the findings a fresh check finds');
  const was = counts(before);
  // Not added: "fill in" findings of inserted placeholders, and what a rename that keeps the value
  // reveals about the author's own words (`last_reviewed_on: 2025-07-15` renamed: now RB108 can say
  // the date is stale), see test/helpers/closure.ts.
  const real = counts(again, (x, path) => x.meta?.placeholder !== true && !(REVEALED.has(x.ruleId) && original.get(path)!.includes(covered(fixedTexts.get(path)!, x.range))));
  const added: string[] = [];
  for (const [key, n] of counts(again)) {
    const watched = WATCHED.test(key.split('\t')[1]!);
    const now = watched ? n : (real.get(key) ?? 0);
    if (now > (was.get(key) ?? 0)) added.push(`${key.replace('\t', ': ')} ${was.get(key) ?? 0} -> ${now}`);
  }
  assert.deepEqual(added.slice(0, 10), [], `${added.length} (file, rule) pairs gained findings after --fix`);

  const changedDates: string[] = [];
  for (const f of runbooks) {
    const a = lastReviewed(original.get(f)!);
    const b = lastReviewed(fixedTexts.get(f)!);
    // Absent before: the inserted placeholder, or the author's own date under a renamed key (last_reviewed_on).
    if (a !== undefined ? b !== a : b !== undefined && b !== 'YYYY-MM-DD' && !original.get(f)!.includes(b)) changedDates.push(`${f}: ${a} -> ${b}`);
  }
  assert.deepEqual(changedDates, [], 'last_reviewed values kept');
  assert.ok((fixed.summary.fixed ?? 0) > 1000 && (fixed.summary.filesFixed ?? 0) > 500, `--fix did its work: ${JSON.stringify(fixed.summary)}`);
  const byRule = (o: Out) => {
    const m = new Map<string, number>();
    for (const f of o.files) for (const x of f.findings) m.set(x.ruleId, (m.get(x.ruleId) ?? 0) + 1);
    return m;
  };
  const b = byRule(before);
  const a = byRule(again);
  const rules = [...new Set([...b.keys(), ...a.keys()])].sort();
  t.diagnostic(`${runbooks.length} runbooks; --fix fixed ${fixed.summary.fixed} findings in ${fixed.summary.filesFixed} files; findings per rule before -> after: ${rules.map((r) => `${r} ${b.get(r) ?? 0}->${a.get(r) ?? 0}`).join(', ')}`);
});
