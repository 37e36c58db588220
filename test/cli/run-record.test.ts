// The whole-run record of `--cache` (cli/run-record.ts, cli/record-run.ts): dist/cli.js replays a
// recorded run (same bytes, same exit code) when nothing it depends on changed, and runs the engine
// when anything did. Whether a run was replayed shows in the record file: a replay leaves it alone,
// the engine replaces it (temp + rename: a new inode) or removes it.
// A record is only written once every file the run looked at is over 2 s old (git's racily-clean rule),
// so the fixtures are made first and the tests wait that out once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir, remove, cleanRunbook, writeFiles, ROOT, type RunResult } from './helpers.js';
import { CORPORA } from '../helpers/corpus.js';
import fs from 'node:fs';
import { RUN_RECORD_FILE, runKey, type RecordHeader } from '../../server/src/cli/run-record.js';
import { FsTrace } from '../../server/src/cli/record-run.js';

const made: string[] = [];
after(() => made.forEach(remove));
const TOKEN = ['ghp', '_', 'Zq7Kw9Rt2Lm', 'XvB4nP8sYh6', 'JgT3cWd5Fk1', 'aQ9'].join('');
const wait = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const OLD_ENOUGH_MS = 2100;

/** Today in a time zone, as the rules see it (YYYY-MM-DD). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * outer/.runbook-lint.yaml (a config found upwards, above the working directory) and outer/repo: three
 * platform runbooks (a.md with a finding and a link to docs/guide.md), a security runbook that CODEOWNERS
 * does not cover (RB503), and a suppressions file for b.md.
 */
function fixture(lastReviewed?: string): { outer: string; repo: string } {
  const outer = tempDir({ '.runbook-lint.yaml': 'rules:\n  RB503: warning\n' });
  made.push(outer);
  const repo = join(outer, 'repo');
  const a = cleanRunbook(1, lastReviewed).replace('## Summary', 'See [the guide](../../docs/guide.md).\n\n## Sumary');
  writeFiles(repo, {
    'runbooks/platform/a.md': a,
    'runbooks/platform/b.md': cleanRunbook(2).replace('## Summary', '## Sumary'),
    'runbooks/platform/c.md': cleanRunbook(3),
    'runbooks/security/s.md': cleanRunbook(4),
    'docs/guide.md': '# Guide\n',
    CODEOWNERS: '/runbooks/platform/ @platform-sre\n',
  });
  assert.equal(run(['--suppress-all', 'runbooks/platform/b.md'], repo).code, 0);
  mkdirSync(join(repo, 'node_modules', '.cache'), { recursive: true });
  return { outer, repo };
}

const ARGS = ['--cache', '--cache-location', '../cache', '--format', 'json'];
const recordFile = (outer: string) => join(outer, 'cache', RUN_RECORD_FILE);
/** The record file's identity: unchanged by a replay, new (or gone) after the engine ran. */
function recordId(file: string): string | undefined {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.ino}:${st.mtimeNs}`;
  } catch {
    return undefined;
  }
}
function header(file: string): RecordHeader {
  const b = readFileSync(file);
  const nl1 = b.indexOf(10);
  const nl2 = b.indexOf(10, nl1 + 1);
  const length = Number(b.toString('latin1', nl1 + 1, nl2));
  return JSON.parse(b.toString('utf8', nl2 + 1, nl2 + 1 + length)) as RecordHeader;
}
const same = (a: RunResult, b: RunResult, what: string) => {
  assert.equal(a.out, b.out, `${what}: stdout`);
  assert.equal(a.err, b.err, `${what}: stderr`);
  assert.equal(a.code, b.code, `${what}: exit code`);
};

/** Records a run (the engine), checks that the next identical run is a replay, and returns the record's id and output. */
function recorded(f: { outer: string; repo: string }, args = ARGS, env: NodeJS.ProcessEnv = {}): { id: string; out: RunResult } {
  const first = run(args, f.repo, env);
  const id = recordId(recordFile(f.outer));
  assert.ok(id, `the run was recorded: ${first.err}`);
  const again = run(args, f.repo, env);
  same(again, first, 'replayed');
  assert.equal(recordId(recordFile(f.outer)), id, 'the second run was a replay (the record is untouched)');
  return { id, out: first };
}

/** After `change`: the engine ran (not a replay) and printed what a run without any cache prints. */
function invalidates(f: { outer: string; repo: string }, change: () => void, opts: { args?: string[]; env?: NodeJS.ProcessEnv; differs?: boolean } = {}): RunResult {
  const args = opts.args ?? ARGS;
  const before = recorded(f, ARGS, opts.env ?? {});
  change();
  const after = run(args, f.repo, opts.env);
  assert.notEqual(recordId(recordFile(f.outer)), before.id, 'the stale record was not replayed');
  const plain = run(args.filter((a, i) => a !== '--cache' && a !== '--cache-location' && args[i - 1] !== '--cache-location'), f.repo, opts.env);
  same(after, plain, 'the same as a run without the cache');
  if (opts.differs !== false) assert.notEqual(after.out, before.out.out, 'the change shows in the output (a replay would have hidden it)');
  return after;
}

const F: Record<string, { outer: string; repo: string }> = {};
const NAMES = ['hit', 'touch', 'edit', 'sameStat', 'add', 'remove', 'rename', 'configUp', 'configNew', 'codeowners', 'suppressions', 'date', 'argv', 'workers', 'racy', 'garbage', 'secret'];
const KIRITIMATI = 'Pacific/Kiritimati'; // UTC+14
const BAKER = 'Etc/GMT+12'; // UTC-12: always one or two days behind Kiritimati
before(() => {
  for (const n of NAMES) F[n] = fixture(n === 'date' ? todayIn(KIRITIMATI) : undefined);
  writeFiles(F['secret']!.repo, { [`runbooks/platform/${TOKEN}.md`]: cleanRunbook(9) });
  wait(OLD_ENOUGH_MS);
});

test('a warm run replays the recorded run byte for byte, with its exit code, without running the engine', () => {
  const f = F['hit']!;
  const plain = run(['--format', 'json'], f.repo);
  const { id, out } = recorded(f);
  same(out, plain, 'the recorded run prints what a run without the cache prints');
  assert.equal(out.code, 1);
  const h = header(recordFile(f.outer));
  assert.equal(h.code, 1);
  const deps = h.deps.map(([k]) => k);
  for (const p of ['runbooks/platform/a.md', 'runbooks/platform', 'CODEOWNERS', 'runbook-lint-suppressions.json']) assert.ok(deps.includes(`s${join(f.repo, p)}`), `depends on ${p}`);
  assert.ok(deps.includes(`s${join(f.outer, '.runbook-lint.yaml')}`), 'on the config found upwards');
  assert.ok(deps.includes(`s${join(f.repo, 'runbooks/security/.runbook-lint.yaml')}`), 'on the configs that could be there (absent)');
  assert.ok(deps.includes(`s${join(ROOT, 'dist', 'cli-main.js')}`) && deps.includes(`s${join(ROOT, 'dist', 'cli.js')}`), 'on the tool itself');
  assert.ok(!deps.some((d) => d.includes(join(f.outer, 'cache'))), 'not on its own cache files');
  assert.deepEqual(h.env.filter((n) => n.startsWith('GIT_')), ['GIT_DIR', 'GIT_WORK_TREE'], 'the variables the run read, by name');
  // The default location, at the repository root: recorded and replayed there too.
  const atRoot = run(['--cache'], f.repo);
  const rootRecord = join(f.repo, 'node_modules', '.cache', 'runbook-lint', RUN_RECORD_FILE);
  const rid = recordId(rootRecord);
  assert.ok(rid);
  same(run(['--cache'], f.repo), atRoot, 'text format, default location');
  assert.equal(recordId(rootRecord), rid);
  assert.equal(recordId(recordFile(f.outer)), id, 'each location its own record');
});

test('touching, editing (even at the same size and mtime), adding, removing and renaming a runbook each make the next run check again', () => {
  invalidates(F['touch']!, () => utimesSync(join(F['touch']!.repo, 'runbooks/platform/c.md'), new Date(), new Date()), { differs: false });
  invalidates(F['edit']!, () => writeFileSync(join(F['edit']!.repo, 'runbooks/platform/c.md'), cleanRunbook(3).replace('## Summary', '## Summry')));
  const sameStat = join(F['sameStat']!.repo, 'runbooks/platform/c.md');
  invalidates(F['sameStat']!, () => {
    const { mtime, atime, size } = statSync(sameStat);
    writeFileSync(sameStat, cleanRunbook(2)); // b.md's id: RB106, same length
    assert.equal(statSync(sameStat).size, size);
    utimesSync(sameStat, atime, mtime); // only the ctime tells
  });
  invalidates(F['add']!, () => writeFileSync(join(F['add']!.repo, 'runbooks/platform/d.md'), cleanRunbook(5).replace('## Summary', '## Sumary')));
  invalidates(F['remove']!, () => rmSync(join(F['remove']!.repo, 'runbooks/platform/c.md')));
  invalidates(F['rename']!, () => renameSync(join(F['rename']!.repo, 'runbooks/platform/c.md'), join(F['rename']!.repo, 'runbooks/platform/renamed.md')));
});

test('editing a config found upwards, adding one, editing CODEOWNERS or the suppressions file each make the next run check again', () => {
  invalidates(F['configUp']!, () => writeFileSync(join(F['configUp']!.outer, '.runbook-lint.yaml'), 'extends: existing-repo\n'));
  invalidates(F['configNew']!, () => writeFileSync(join(F['configNew']!.repo, 'runbooks/security/.runbook-lint.yaml'), 'rules:\n  RB503: off\n'));
  const co = invalidates(F['codeowners']!, () => writeFileSync(join(F['codeowners']!.repo, 'CODEOWNERS'), '/runbooks/platform/ @platform-sre\n/runbooks/security/ @security\n'));
  assert.doesNotMatch(co.out, /RB503/);
  const sup = F['suppressions']!;
  const supFile = join(sup.repo, 'runbook-lint-suppressions.json');
  assert.match(readFileSync(supFile, 'utf8'), /b\.md/);
  invalidates(sup, () => writeFileSync(supFile, '{}\n'));
});

test('another date, other arguments, another format: the record is not replayed', () => {
  const d = F['date']!;
  // a.md was last reviewed "today" in Kiritimati; in Baker Island that date is still ahead (RB104).
  const kiritimati = recorded(d, ARGS, { TZ: KIRITIMATI });
  assert.doesNotMatch(kiritimati.out.out, /in the future/);
  const baker = run(ARGS, d.repo, { TZ: BAKER });
  assert.notEqual(recordId(recordFile(d.outer)), kiritimati.id);
  assert.match(baker.out, /is in the future/);
  same(baker, run(['--format', 'json'], d.repo, { TZ: BAKER }), 'Baker Island date');
  const a = F['argv']!;
  invalidates(a, () => {}, { args: ['--cache', '--cache-location', '../cache', '--format', 'sarif'] });
  invalidates(a, () => {}, { args: ['--cache', '--cache-location', '../cache', '--format', 'json', 'runbooks/platform'] });
  invalidates(a, () => {}, { args: ['--cache', '--cache-location', '../cache', '--format', 'json', '--rule', 'RB503'] });
});

test('with worker threads, what the workers looked at is recorded too (a link target only a check asks about)', () => {
  const f = F['workers']!;
  const args = [...ARGS, '--jobs', '2'];
  run(args, f.repo);
  const guide = `s${join(f.repo, 'docs/guide.md')}`;
  assert.ok(header(recordFile(f.outer)).deps.some(([k]) => k === guide), 'the link target asked about in a worker');
  invalidates(f, () => rmSync(join(f.repo, 'docs/guide.md')), { args });
});

test('a run over files changed less than 2 s ago leaves no record; a damaged record is ignored; a path holding a secret is never recorded', () => {
  const f = F['racy']!;
  const { out } = recorded(f);
  const c = join(f.repo, 'runbooks/platform/c.md');
  writeFileSync(c, cleanRunbook(3).replace('## Summary', '## Summry'));
  const fresh = run(ARGS, f.repo);
  assert.equal(recordId(recordFile(f.outer)), undefined, 'no record of a run over a fresh change (and the stale one is gone)');
  assert.notEqual(fresh.out, out.out);
  same(run(ARGS, f.repo), fresh, 'checked again');
  wait(OLD_ENOUGH_MS);
  run(ARGS, f.repo);
  assert.ok(recordId(recordFile(f.outer)), 'recorded once the change is old enough');
  // Damaged records: garbage, truncated, another key.
  const g = F['garbage']!;
  const good = recorded(g);
  const bytes = readFileSync(recordFile(g.outer));
  for (const bad of [Buffer.from('not a record'), bytes.subarray(0, bytes.length - 10), Buffer.from(bytes.toString('latin1').replace(/"key":"[0-9a-f]{8}/, '"key":"00000000'), 'latin1')]) {
    writeFileSync(recordFile(g.outer), bad);
    same(run(ARGS, g.repo), good.out, 'a damaged record is not used');
    assert.ok(!readFileSync(recordFile(g.outer)).equals(bad), 'and replaced');
  }
  // A runbook whose name holds a token: printed redacted, never written to a record.
  const s = F['secret']!;
  const r = run(ARGS, s.repo);
  assert.match(r.out, /<redacted path/);
  assert.equal(recordId(recordFile(s.outer)), undefined);
});

test('over a corpus, the replayed run prints what the recorded run printed', { skip: !existsSync(CORPORA) && 'no corpora' }, () => {
  const location = tempDir();
  made.push(location);
  const args = ['prometheus-operator-runbooks/content/runbooks', '--format', 'json', '--cache', '--cache-location', location];
  const cold = run(args, CORPORA);
  const id = recordId(join(location, RUN_RECORD_FILE));
  assert.ok(id, cold.err);
  const warm = run(args, CORPORA);
  same(warm, cold, 'warm vs cold');
  assert.equal(recordId(join(location, RUN_RECORD_FILE)), id, 'replayed');
  assert.ok((JSON.parse(warm.out) as { files: unknown[] }).files.length > 100);
});

test('the trace sees every way node:fs looks at a path (sync, callback, promises, real path) and every variable read; a recursive listing cannot be recorded', async () => {
  const dir = tempDir({ 'a.md': 'a', 'b.md': 'b', 'c.md': 'c', 'd.md': 'd', 'sub/e.md': 'e' });
  made.push(dir);
  const statSync = fs.statSync;
  const env = process.env;
  const t = new FsTrace().install();
  try {
    fs.readFileSync(join(dir, 'a.md'));
    await fs.promises.readFile(join(dir, 'b.md'));
    await new Promise((done) => fs.stat(join(dir, 'c.md'), done));
    fs.realpathSync.native(join(dir, 'd.md'));
    fs.existsSync(join(dir, 'missing.md'));
    fs.readdirSync(dir);
    void process.env['RUNBOOK_LINT_TRACE_PROBE'];
    assert.equal(t.broken, undefined);
    fs.readdirSync(dir, { recursive: true });
  } finally {
    t.uninstall();
  }
  assert.equal(fs.statSync, statSync, 'uninstalled');
  assert.equal(process.env, env);
  const deps = Object.fromEntries(t.deps);
  for (const f of ['a.md', 'b.md', 'c.md']) assert.match(deps[`s${join(dir, f)}`] ?? '', /^f:\d+:\d+:1:\d+:\d+$/, f);
  assert.equal(deps[`r${join(dir, 'd.md')}`], fs.realpathSync.native(join(dir, 'd.md')));
  assert.equal(deps[`s${join(dir, 'missing.md')}`], '-');
  assert.match(deps[`s${dir}`] ?? '', /^d:/);
  assert.ok(t.envNames.has('RUNBOOK_LINT_TRACE_PROBE'));
  assert.match(t.broken ?? '', /recursive/);
});

test('the key covers the values of the variables the run read, and only those', () => {
  const ctx = { argv: ['--cache'], cwd: '/r', env: { NO_COLOR: '', HOME: '/a' } };
  const k = runKey(ctx, ['NO_COLOR'], '2026-01-02');
  assert.equal(runKey({ ...ctx, env: { NO_COLOR: '', HOME: '/b' } }, ['NO_COLOR'], '2026-01-02'), k, 'a variable the run did not read');
  assert.notEqual(runKey({ ...ctx, env: { NO_COLOR: '1', HOME: '/a' } }, ['NO_COLOR'], '2026-01-02'), k);
  assert.notEqual(runKey({ ...ctx, env: { HOME: '/a' } }, ['NO_COLOR'], '2026-01-02'), k, 'unset vs empty');
  assert.notEqual(runKey(ctx, ['NO_COLOR'], '2026-01-03'), k, 'the date');
  assert.notEqual(runKey({ ...ctx, cwd: '/s' }, ['NO_COLOR'], '2026-01-02'), k, 'the working directory');
  assert.notEqual(runKey({ ...ctx, argv: ['--cache', '-q'] }, ['NO_COLOR'], '2026-01-02'), k, 'the arguments');
  assert.notEqual(runKey({ ...ctx, env: { ...ctx.env, LC_ALL: 'sv_SE.UTF-8' } }, ['NO_COLOR'], '2026-01-02'), k, 'the locale Node reads itself (localeCompare)');
});
