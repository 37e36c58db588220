// `--cache`: a warm run gives what a cold run gives, reuses what did not change, and checks again
// what did — including a runbook whose own text is the same but whose workspace context changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, run, tempDir, remove, cleanRunbook, type RunResult } from './helpers.js';
import { CORPORA } from '../helpers/corpus.js';
import { leakedSubstring } from '../helpers/leak.js';

const made: string[] = [];
after(() => made.forEach(remove));
const CACHE = join('node_modules', '.cache', 'runbook-lint', 'results.json');
const RECORD = join('node_modules', '.cache', 'runbook-lint', 'run-record.bin');
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');

interface Json {
  files: { path: string; findings: { ruleId: string; message: string }[] }[];
}
const json = (r: RunResult) => JSON.parse(r.out) as Json;
const rules = (r: RunResult, path: string) => json(r).files.find((f) => f.path === path)!.findings.map((f) => f.ruleId);

function repo(files: Record<string, string>): string {
  const dir = tempDir(files);
  made.push(dir);
  return dir;
}

/**
 * Rewrites one stored message, so a run that reuses the entry shows it (and one that checks again does not).
 * The whole-run record goes too: these tests are about the per-file results, and the same command over
 * unchanged files would otherwise replay its earlier output (test/cli/run-record.test.ts).
 */
function tamper(dir: string, path: string): void {
  rmSync(join(dir, RECORD), { force: true });
  const file = join(dir, CACHE);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, { result: { findings: { message: string }[] } }> };
  data.entries[path]!.result.findings[0]!.message = 'FROM THE CACHE';
  writeFileSync(file, JSON.stringify(data));
}

test('a warm run prints what a cold run prints and reuses the stored results; an edited file is checked again', () => {
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1).replace('## Summary', '## Sumary'), 'runbooks/platform/b.md': cleanRunbook(2).replace('owner: "platform-sre"', 'owner: ""') });
  const plain = run(['--format', 'json'], dir);
  const cold = run(['--cache', '--format', 'json'], dir);
  assert.ok(existsSync(join(dir, CACHE)), 'the cache is written under node_modules/.cache/runbook-lint');
  const warm = run(['--cache', '--format', 'json'], dir);
  assert.equal(cold.code, plain.code);
  assert.equal(warm.code, plain.code);
  assert.equal(cold.out, plain.out);
  assert.equal(warm.out, plain.out);
  assert.equal(run(['--cache'], dir).out, run([], dir).out, 'text output too');
  tamper(dir, 'runbooks/platform/a.md');
  tamper(dir, 'runbooks/platform/b.md');
  assert.match(run(['--cache', 'runbooks/platform/a.md'], dir).out, /FROM THE CACHE/, 'an unchanged file is not checked again');
  // A prose edit: the workspace facts (ids, titles, headings) stay the same, so only a.md is checked again.
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1).replace('## Summary', '## Sumary') + '\nOne more closing sentence.\n');
  const edited = run(['--cache', '--format', 'json'], dir);
  assert.doesNotMatch(JSON.stringify(json(edited).files[0]), /FROM THE CACHE/, 'the edited file is checked again');
  assert.match(JSON.stringify(json(edited).files[1]), /FROM THE CACHE/, 'the other file is still reused');
  // A new heading changes the workspace facts other runbooks' links are checked against: all are checked again.
  writeFileSync(join(dir, 'runbooks/platform/a.md'), cleanRunbook(1).replace('## Summary', '## Sumary') + '\n## Appendix\n\nNotes.\n');
  assert.doesNotMatch(run(['--cache'], dir).out, /FROM THE CACHE/);
});

test('workspace-wide rules stay right when another file changes: duplicate ids, link targets, CODEOWNERS, the config', () => {
  const link = cleanRunbook(1).replace('## Summary', 'See [the other runbook](b.md).\n\n## Summary');
  const dir = repo({ 'runbooks/platform/a.md': link, 'runbooks/platform/b.md': cleanRunbook(1) });
  const first = run(['--cache', '--format', 'json', 'runbooks/platform/a.md'], dir);
  assert.ok(rules(first, 'runbooks/platform/a.md').includes('RB106'), 'same id as b.md');
  assert.ok(!rules(first, 'runbooks/platform/a.md').includes('RB505'));
  // a.md is unchanged; b.md gets its own id, then disappears.
  writeFileSync(join(dir, 'runbooks/platform/b.md'), cleanRunbook(2));
  const renumbered = run(['--cache', '--format', 'json', 'runbooks/platform/a.md'], dir);
  assert.ok(!rules(renumbered, 'runbooks/platform/a.md').includes('RB106'), JSON.stringify(json(renumbered)));
  rmSync(join(dir, 'runbooks/platform/b.md'));
  const gone = run(['--cache', '--format', 'json', 'runbooks/platform/a.md'], dir);
  assert.ok(rules(gone, 'runbooks/platform/a.md').includes('RB505'), 'the link target is gone');
  assert.equal(gone.out, run(['--format', 'json', 'runbooks/platform/a.md'], dir).out);
  writeFileSync(join(dir, 'CODEOWNERS'), '/runbooks/ @platform-sre\n');
  assert.equal(run(['--cache', '--format', 'json'], dir).out, run(['--format', 'json'], dir).out, 'a new CODEOWNERS');
  writeFileSync(join(dir, '.runbook-lint.yaml'), 'rules:\n  RB505: off\n');
  const config = run(['--cache', '--format', 'json', 'runbooks/platform/a.md'], dir);
  assert.ok(!rules(config, 'runbooks/platform/a.md').includes('RB505'), 'the config changed');
  assert.equal(run(['--cache', '--format', 'json', '--rule', 'RB106'], dir).out, run(['--format', 'json', '--rule', 'RB106'], dir).out, '--rule');
});

test('a corrupt cache file or entry is ignored and rebuilt; --cache-location puts it elsewhere; --fix neither reads nor writes it', () => {
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1).replace('## Summary', '## Sumary') });
  const plain = run(['--format', 'json'], dir);
  run(['--cache'], dir);
  writeFileSync(join(dir, CACHE), '{"format":1,"entr');
  rmSync(join(dir, RECORD), { force: true });
  const broken = run(['--cache', '--format', 'json'], dir);
  assert.equal(broken.out, plain.out);
  assert.equal(broken.code, plain.code);
  assert.match(broken.err, /^runbook-lint: ignored the unreadable cache .*results\.json \(.*\); it is rebuilt$/m);
  const rebuilt = JSON.parse(readFileSync(join(dir, CACHE), 'utf8')) as { entries: Record<string, { result: { findings: unknown } }> };
  assert.ok(rebuilt.entries['runbooks/platform/a.md']);
  rebuilt.entries['runbooks/platform/a.md']!.result.findings = 'not a list';
  writeFileSync(join(dir, CACHE), JSON.stringify(rebuilt));
  rmSync(join(dir, RECORD), { force: true });
  const entry = run(['--cache', '--format', 'json'], dir);
  assert.equal(entry.out, plain.out, 'a malformed entry is checked again');
  const elsewhere = join(dir, 'tmp-cache');
  assert.equal(run(['--cache', '--cache-location', 'tmp-cache'], dir).code, plain.code);
  assert.ok(existsSync(join(elsewhere, 'results.json')));
  assert.equal(run(['--cache-location', 'tmp-cache'], dir).code, 2, '--cache-location without --cache');
  rmSync(join(dir, 'node_modules'), { recursive: true });
  const fixed = run(['--cache', '--fix'], dir);
  assert.ok(fixed.code === 0 || fixed.code === 1, fixed.err);
  assert.ok(!existsSync(join(dir, CACHE)), '--fix writes no cache');
});

test('a file whose stat is as stored is not read again; a touched one is read and hashed; a fresh change is never trusted by stat', () => {
  const dir = repo({ 'runbooks/platform/a.md': cleanRunbook(1).replace('## Summary', '## Sumary'), 'runbooks/platform/b.md': cleanRunbook(2) });
  const a = join(dir, 'runbooks/platform/a.md');
  const entries = () => (JSON.parse(readFileSync(join(dir, CACHE), 'utf8')) as { entries: Record<string, { text: string; stat?: string; result: { findings: { message: string }[] } }> }).entries;
  const plain = run(['--format', 'json'], dir);
  run(['--cache'], dir);
  assert.equal(entries()['runbooks/platform/a.md']!.stat, undefined, 'a file changed under 2 s ago is read and hashed again next time');
  // Git's racy-clean rule needs the change to be older than the stat: wait it out once.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2100);
  assert.equal(run(['--cache', '--format', 'json'], dir).out, plain.out);
  assert.match(entries()['runbooks/platform/a.md']!.stat ?? '', /^\d+:\d+:\d+:\d+:\d+$/, 'the stat is stored once the change is old enough');
  // The stored text digest no longer matches the file: only a run that reads the file can notice.
  const data = JSON.parse(readFileSync(join(dir, CACHE), 'utf8')) as { entries: Record<string, { text: string; result: { findings: { message: string }[] } }> };
  data.entries['runbooks/platform/a.md']!.text = '0'.repeat(64);
  data.entries['runbooks/platform/a.md']!.result.findings[0]!.message = 'FROM THE CACHE';
  writeFileSync(join(dir, CACHE), JSON.stringify(data));
  rmSync(join(dir, RECORD), { force: true });
  assert.match(run(['--cache', 'runbooks/platform/a.md'], dir).out, /FROM THE CACHE/, 'the stat matched: the file was not read');
  // Touched (same text, new mtime/ctime): read, hashed, the digest differs -> checked again.
  utimesSync(a, new Date(), new Date());
  const touched = run(['--cache', '--format', 'json'], dir);
  assert.equal(touched.out, plain.out, 'checked again');
  // Rewritten with the same text: read and hashed, the result reused, the new stat not trusted yet.
  tamper(dir, 'runbooks/platform/a.md');
  writeFileSync(a, readFileSync(a));
  assert.match(run(['--cache', 'runbooks/platform/a.md'], dir).out, /FROM THE CACHE/, 'same text: reused');
  assert.equal(entries()['runbooks/platform/a.md']!.stat, undefined);
  // Same size, new text, right away: never mistaken for the stored one.
  writeFileSync(a, readFileSync(a, 'utf8').replace('## Sumary', '## Summry'));
  assert.doesNotMatch(run(['--cache', 'runbooks/platform/a.md'], dir).out, /FROM THE CACHE/);
});

test('a detected secret is never stored in the cache: not from a command, a file name, a link target or a heading', () => {
  const dir = repo({
    'runbooks/platform/a.md': cleanRunbook(1).replace('## Summary', `\`\`\`sh\nexport GITHUB_TOKEN=${TOKEN}\n\`\`\`\n\nSee [the notes](../../docs/${TOKEN}.md).\n\n## Summary`),
    'runbooks/platform/b.md': cleanRunbook(2).replace('## Summary', `## Summary\n\n## Rotate ${TOKEN}`),
    [`runbooks/platform/${TOKEN}.md`]: cleanRunbook(3),
    'runbooks/platform/c.md': cleanRunbook(4),
  });
  const plain = run(['--format', 'json'], dir);
  const r = run(['--cache', '--format', 'json'], dir);
  assert.ok(rules(r, 'runbooks/platform/a.md').includes('RB401'));
  assert.equal(leakedSubstring(readFileSync(join(dir, CACHE), 'utf8'), TOKEN), undefined);
  const stored = JSON.parse(readFileSync(join(dir, CACHE), 'utf8')) as { entries: Record<string, unknown>; facts: Record<string, unknown> };
  assert.deepEqual(Object.keys(stored.entries).sort(), ['runbooks/platform/b.md', 'runbooks/platform/c.md'], 'results: all but the token-named file and the one linking to a token path');
  assert.deepEqual(Object.keys(stored.facts), ['runbooks/platform/c.md'], 'facts: only of the runbook without a token in its name or text');
  rmSync(join(dir, RECORD), { force: true });
  const warm = run(['--cache', '--format', 'json'], dir);
  assert.equal(warm.out, plain.out, 'the files left out of the cache are checked again');
  assert.equal(r.out, plain.out);
  assert.equal(leakedSubstring(readFileSync(join(dir, CACHE), 'utf8'), TOKEN), undefined);
});

test('over a corpus, cold and warm runs give the same output and exit code', { skip: !existsSync(CORPORA) && 'no corpora' }, () => {
  const location = tempDir();
  made.push(location);
  const args = ['prometheus-operator-runbooks/content/runbooks', '--format', 'json', '--cache', '--cache-location', location];
  const cold = run(args, CORPORA);
  const warm = run(args, CORPORA);
  assert.equal(cold.code, 1);
  assert.equal(warm.code, 1);
  assert.equal(warm.out, cold.out);
  assert.equal(warm.err, cold.err);
  assert.ok(JSON.parse(readFileSync(join(location, 'results.json'), 'utf8')) && (JSON.parse(warm.out) as Json).files.length > 100);
});

test('a cold --cache run with worker threads exits once its output is written (it used to keep its workers alive forever)', () => {
  const dir = repo(Object.fromEntries([1, 2, 3, 4].map((n) => [`runbooks/platform/r${n}.md`, cleanRunbook(n).replace('## Summary', n % 2 ? '## Sumary' : '## Summary')])));
  const once = () => spawnSync(process.execPath, [CLI, '--cache', '--jobs', '2', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const cold = once();
  assert.equal(cold.signal, null, 'the cold run had to be killed: it did not exit after its output');
  assert.equal(cold.status, 1, cold.stderr);
  const warm = once();
  assert.equal(warm.signal, null, 'the warm run did not exit');
  assert.equal(warm.stdout, cold.stdout, 'a warm run prints what the cold run printed');
  assert.equal(json({ code: warm.status, out: warm.stdout, err: warm.stderr }).files.length, 4);
});
