// runbook-lint as a user runs it: the bundled dist/cli.js in a child process.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { run, tempDir, remove, CLEAN, CLI, ROOT, cleanRunbook } from './helpers.js';
import { freeCores, workerCount } from '../../server/src/cli/workers.js';
import { availableParallelism } from 'node:os';

const made: string[] = [];
after(() => made.forEach(remove));
function tempRepo(files: Record<string, string | Buffer>): string {
  const d = tempDir(files);
  made.push(d);
  return d;
}

/** A copy of examples/ as its own repository, with the CODEOWNERS that RB503 asks for. */
function examplesRepo(): string {
  const dir = tempRepo({ '.github/CODEOWNERS': '/infra/runbooks/gitops/ @kfm/gitops\n/infra/runbooks/storage/ @kfm/storage\n/infra/runbooks/security/ @kfm/security\n' });
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

test('examples/: prints path:line:col severity RBxxx message lines and a summary, exits 1 on errors', () => {
  const r = run(['.'], examplesRepo());
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0]!, /^infra\/runbooks\/\S+\.md {2}DoD \d\/7 \((open: [a-z-]+(, [a-z-]+)*(; )?)?(a person confirms: owner-review)?\)$/, 'a header line per file with its DoD score');
  assert.match(lines[1]!, /^infra\/runbooks\/\S+\.md:\d+:\d+ (error|warning|info) RB\d{3} \S/);
  assert.ok(r.out.includes('storage/object-store-restore.md:1:1 error RB103 Front matter is missing `owner`'));
  assert.match(lines[lines.length - 1]!, /^4 files checked: \d+ errors, \d+ warnings?, \d+ infos?/);
  assert.ok(!r.out.includes('platform/pod-crashloopbackoff.md:'), 'the clean example has no findings');
  assert.ok(!r.out.includes('gitops/argocd-sync-stuck.md:'), 'the clean example has no findings');
});

test('clean runbooks exit 0', () => {
  const r = run(['infra/runbooks/platform', 'infra/runbooks/gitops'], examplesRepo());
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^2 files checked: 0 errors, 0 warnings, 0 infos$/m);
});

test('workspace facts come from the repository around the files: CODEOWNERS (RB503) and duplicate ids (RB106)', () => {
  const dir = examplesRepo();
  writeFileSync(join(dir, '.github/CODEOWNERS'), '/infra/runbooks/storage/ @kfm/storage\n');
  const r = run(['infra/runbooks/gitops', '--format', 'json'], dir);
  assert.match(r.out, /"ruleId": "RB503"/, 'gitops/ is not covered by CODEOWNERS any more');
  // A second runbook elsewhere in the repo with the same id: RB106 points at it even when only one file is checked.
  const other = tempRepo({ 'runbooks/platform/a.md': cleanRunbook(1), 'runbooks/platform/b.md': cleanRunbook(1) });
  const one = run(['runbooks/platform/a.md', '--format', 'json', '--rule', 'RB106'], other);
  const j = JSON.parse(one.out) as { files: { findings: { ruleId: string; related?: { path?: string }[] }[] }[] };
  const f = j.files[0]!.findings.find((x) => x.ruleId === 'RB106');
  assert.ok(f, one.out);
  assert.equal(f.related?.[0]?.path, 'runbooks/platform/b.md');
});

test('--format json has the documented shape with 1-based positions and fixability', () => {
  const r = run(['examples', '--format', 'json']);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out) as { version: number; files: { path: string; findings: { ruleId: string; severity: string; range: { start: { line: number; column: number } }; fixable: boolean; message: string }[] }[]; summary: { errors: number; files: number } };
  assert.equal(j.version, 1);
  assert.equal(j.summary.files, 4);
  const storage = j.files.find((f) => f.path.endsWith('object-store-restore.md'))!;
  const owner = storage.findings.find((f) => f.ruleId === 'RB103' && f.message.includes('owner'))!;
  assert.deepEqual(owner.range.start, { line: 1, column: 1 });
  assert.equal(owner.fixable, true);
  assert.equal(j.summary.errors, j.files.flatMap((f) => f.findings).filter((f) => f.severity === 'error').length);
});

test('usage errors exit 2 with a one-line reason', () => {
  for (const args of [['--format', 'xml', 'examples'], ['--bogus'], ['does/not/exist.md'], ['nothing-*.md']]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /^runbook-lint: /);
  }
});

test('an invalid .runbook-lint.yaml is a positioned error with exit 2, never a silent default', () => {
  const dir = tempRepo({
    '.runbook-lint.yaml': 'review:\n  maxAgeDays: soon\nrules:\n  RB999: off\n',
    'runbooks/platform/a.md': CLEAN,
  });
  const r = run(['.'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /invalid config .*\.runbook-lint\.yaml:2:\d+: `review\.maxAgeDays` should be a whole number/);
});

test('a valid config changes severities (rules: RB103: warning) and --config points at one', () => {
  const dir = tempRepo({
    'cfg/custom.yaml': 'rules:\n  front-matter-required: warning\n',
    'runbooks/platform/a.md': CLEAN.replace('owner: "platform-sre"\n', ''),
  });
  const without = run(['runbooks'], dir);
  assert.equal(without.code, 1);
  const withCfg = run(['runbooks', '--config', 'cfg/custom.yaml'], dir);
  assert.equal(withCfg.code, 0, withCfg.out + withCfg.err);
  assert.match(withCfg.out, /warning RB103/);
});

test('binary and non-UTF-8 files get a clear message and exit 2; other files are still checked', () => {
  const dir = tempRepo({
    'runbooks/platform/a.md': CLEAN,
    'runbooks/platform/bin.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    'runbooks/platform/latin1.md': Buffer.from('# Caf\xe9\n', 'latin1'),
  });
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /bin\.md looks binary/);
  assert.match(r.err, /latin1\.md is not valid UTF-8 \(first bad byte at offset 5\)/);
  assert.match(r.out, /1 file checked/);
});

test('a directory without runbooks is a clear usage error', () => {
  const dir = tempRepo({ 'docs/notes.md': '# Notes\n' });
  const r = run(['docs'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /no runbooks under docs/);
});

test('bad input: a broken symlink named on the command line, an empty glob, a folder without runbooks: exit 2, one line each', () => {
  const dir = tempRepo({ 'runbooks/platform/a.md': CLEAN, 'notes/readme.md': '# notes\n' });
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'runbooks/platform/dangling.md'));
  for (const [args, reason] of [
    [['runbooks/platform/dangling.md'], /^runbook-lint: cannot read runbooks\/platform\/dangling\.md: no such file or directory$/],
    [['runbooks/**/*.txt'], /^runbook-lint: no files match runbooks\/\*\*\/\*\.txt$/],
    [['notes'], /^runbook-lint: no runbooks under notes \(include: \*\*\/runbooks\/\*\*\/\*\.md\)$/],
    [['--config', 'missing.yaml', 'runbooks'], /^runbook-lint: invalid config .*missing\.yaml:1:1: Cannot read the config file: ENOENT$/],
    [['--jobs', 'x', 'runbooks'], /^runbook-lint: --jobs needs a whole number, got "x"$/],
    [['--dry-run', 'runbooks'], /^runbook-lint: --dry-run goes with --fix$/],
  ] as const) {
    const r = run([...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err.trimEnd(), reason);
    assert.equal(r.err.trim().split('\n').length, 1);
  }
});

test('an unreadable file is reported and the others are still checked (skipped as root, who reads everything)', (t) => {
  if (process.getuid?.() === 0) {
    t.skip('root can read a chmod 000 file');
    return;
  }
  const dir = tempRepo({ 'runbooks/platform/a.md': CLEAN, 'runbooks/platform/locked.md': CLEAN });
  spawnSync('chmod', ['000', join(dir, 'runbooks/platform/locked.md')]);
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /locked\.md cannot be read \(permission denied\)/);
  assert.match(r.out, /^1 file checked/m);
});

test('--fix with an unreadable (binary) file: the others are fixed, the bad one is untouched, exit 2', () => {
  const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]);
  const dir = tempRepo({ 'runbooks/platform/a.md': CLEAN.replace('environments:', 'environment:'), 'runbooks/platform/bin.md': bin });
  const r = run(['runbooks', '--fix'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /bin\.md looks binary/);
  assert.match(readFileSync(join(dir, 'runbooks/platform/a.md'), 'utf8'), /^environments:$/m);
  assert.deepEqual(readFileSync(join(dir, 'runbooks/platform/bin.md')), bin);
});

test('progress: a bar on stderr when it is a terminal and the run has more than 50 files; nothing when piped', (t) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 52; i++) files[`runbooks/platform/r${String(i).padStart(2, '0')}.md`] = cleanRunbook(i);
  const dir = tempRepo(files);
  const piped = run(['runbooks', '--jobs', '1'], dir);
  assert.equal(piped.err, '', 'nothing extra on a piped stderr');
  assert.match(piped.out, /^52 files checked/m);
  // A pseudo-terminal via util-linux `script` (stdout and stderr both on it).
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    t.skip('`script` (util-linux) is not installed');
    return;
  }
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} runbooks --jobs 1`;
  const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', NO_COLOR: '1' } });
  assert.match(tty.stdout, /\r\[[#-]+\] \d+\/52 /, 'the bar is drawn');
  assert.match(tty.stdout, /52 files checked/);
  const small = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} runbooks/platform/r0*.md`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
  assert.doesNotMatch(small.stdout, /\r\[[#-]+\]/, 'no bar for 10 files');
  assert.ok(small.stdout.includes('\x1b['), 'colours on a terminal');
  const noColor = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} runbooks/platform/r0*.md`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', NO_COLOR: '1' } });
  assert.ok(!noColor.stdout.includes('\x1b['), 'NO_COLOR is respected');
});

test('.pre-commit-hooks.yaml declares the runbook-lint hook (node, entry runbook-lint, runbook files only)', async () => {
  const { parse } = await import('yaml');
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; exclude: string }[];
  const h = hooks.find((x) => x.id === 'runbook-lint')!;
  assert.equal(h.entry, 'runbook-lint');
  assert.equal(h.language, 'node');
  const files = new RegExp(h.files);
  const exclude = new RegExp(h.exclude);
  const picked = (p: string) => files.test(p) && !exclude.test(p);
  assert.ok(picked('infra/runbooks/storage/object-store-restore.md'));
  assert.ok(!picked('infra/runbooks/README.md'));
  assert.ok(!picked('infra/runbooks/_assets/diagram.md'));
  assert.ok(!picked('docs/guide.md'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.equal(pkg.bin[h.entry], 'dist/cli.js', 'the entry is the package bin');
});

test('worker threads (--jobs 2) give the same output, in the same order, as one thread; --fix works through them', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`runbooks/platform/r${String(i).padStart(2, '0')}.md`] = i % 3 ? cleanRunbook(i) : cleanRunbook(i).replace('environments:', 'environment:');
  const dir = tempRepo(files);
  const one = run(['runbooks', '--jobs', '1', '--format', 'json'], dir);
  const two = run(['runbooks', '--jobs', '2', '--format', 'json'], dir);
  assert.equal(one.code, 1, one.err);
  assert.equal(two.out, one.out);
  assert.equal(two.code, one.code);
  const fixed = run(['runbooks', '--jobs', '2', '--fix', '--format', 'json'], dir);
  assert.equal((JSON.parse(fixed.out) as { summary: { filesFixed: number } }).summary.filesFixed, 4);
  assert.match(readFileSync(join(dir, 'runbooks/platform/r09.md'), 'utf8'), /^environments:$/m);
});

test('worker count: none below 150 files; else one per core the run can have (measured free cores, else the load average), at least 2, at most 8', () => {
  assert.equal(workerCount(149, undefined, 2, 0, 2), 0);
  // Measured free cores (idle time of every core plus the run's own CPU, over the scan's wall time).
  assert.equal(workerCount(20000, undefined, 1.9, 1.7, 2), 2, 'a quiet 2-core machine: the load average of what ran before does not count');
  assert.equal(workerCount(20000, undefined, 0.15, 0, 2), 0, 'a busy machine: one thread, whatever the load average said');
  assert.equal(workerCount(500, undefined, 1.4, 9, 2), 0);
  assert.equal(workerCount(500, undefined, 5.6, 0, 8), 6);
  assert.equal(workerCount(20000, undefined, 15.8, 0, 16), 8);
  assert.equal(workerCount(20000, undefined, 1, 0, 1), 0);
  // No measurement (the scan was too short): idle cores by the load average, plus the run's own.
  assert.equal(workerCount(500, undefined, undefined, 0.2, 2), 2);
  assert.equal(workerCount(500, undefined, undefined, 1.7, 2), 0);
  assert.equal(workerCount(500, undefined, undefined, 1.5, 8), 7);
  // --jobs wins either way.
  assert.equal(workerCount(20000, 1, 2, 0, 2), 0);
  assert.equal(workerCount(10, 4, 0, 9, 2), 4);
});

test('freeCores measures nothing over a stretch too short to tell, and a share of the machine over a longer one', () => {
  assert.equal(freeCores().measure(), undefined);
  const probe = freeCores();
  const t0 = performance.now();
  while (performance.now() - t0 < 150) Math.sqrt(Math.random()); // this thread busy, as during the scan
  const free = probe.measure();
  assert.ok(free !== undefined && free >= 0 && free <= availableParallelism() + 0.5, String(free));
});

test('a folder outside the current repository is matched against its own root, and its runbooks are checked', () => {
  const here = tempRepo({ 'notes.txt': 'x\n' });
  spawnSync('git', ['init', '-q'], { cwd: here });
  const elsewhere = tempRepo({ 'infra/runbooks/platform/a.md': cleanRunbook(1), 'infra/runbooks/platform/b.md': cleanRunbook(1) });
  const r = run([elsewhere, '--format', 'json', '--rule', 'RB106'], here);
  assert.equal(r.code, 1, r.err);
  const j = JSON.parse(r.out) as { files: { path: string; findings: { ruleId: string; related?: { path?: string }[] }[] }[] };
  assert.equal(j.files.length, 2);
  // No git, no config there: the index is built from the folder above runbooks/, so the
  // duplicate id points at the other file relative to it.
  assert.equal(j.files[0]!.findings[0]!.related?.[0]?.path, 'runbooks/platform/b.md');
});

test('every subcommand answers an unknown option with exit 2 and points at its own --help', () => {
  for (const name of ['init', 'migrate', 'coverage', 'graph', 'report']) {
    const r = run([name, '--no-such-option']);
    assert.equal(r.code, 2, `${name}: exit ${r.code}`);
    assert.match(r.err, new RegExp(`^runbook-lint: ${name}: .*no-such-option.*\\(see runbook-lint ${name} --help\\)`, 'm'), `${name}: ${r.err}`);
  }
});
