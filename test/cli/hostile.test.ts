// runbook-lint against hostile repository content (issue 21): backtracking globs in CODEOWNERS and in the
// config (D8), alias bombs and deep nesting in the config (D11, D1), control characters (D14).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, cleanRunbook, remove, tempDir } from './helpers.js';

const made: string[] = [];
after(() => made.forEach(remove));
const dirOf = (files: Record<string, string>) => {
  const d = tempDir(files);
  made.push(d);
  return d;
};
/** Runs the CLI with a hard bound: a hang fails the test instead of stalling the suite. */
function bounded(args: string[], cwd: string, ms = 60000) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: ms, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
const EVIL = '*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
const LONG = `infra/runbooks/security/${'a'.repeat(230)}.md`;

test('D8: a backtracking CODEOWNERS line and a long file name do not stall the run', () => {
  const dir = dirOf({ '.github/CODEOWNERS': `${EVIL} @team\n`, [LONG]: cleanRunbook(1) });
  const r = bounded(['infra', '--format', 'json'], dir);
  assert.equal(r.signal, null, 'the run finished');
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
  assert.match(r.out, /"RB503"/, 'the runbook is not covered by the odd rule, and says so');
});

test('D8: a backtracking exclude glob in the config does not stall the run', () => {
  const dir = dirOf({ '.runbook-lint.yaml': `exclude: ["${EVIL}"]\n`, [LONG]: cleanRunbook(1) });
  const r = bounded(['infra', '--format', 'json'], dir);
  assert.equal(r.signal, null, 'the run finished');
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
});

const BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n';

test('D11: a config with a YAML alias bomb or 5,000 levels of nesting is a positioned config error (exit 2), not an internal error', () => {
  for (const [name, config, line] of [['alias bomb', BOMB, 2], ['deep nesting', `rules: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 1]] as const) {
    const dir = dirOf({ '.runbook-lint.yaml': config, 'runbooks/platform/a.md': cleanRunbook(1) });
    const r = bounded(['runbooks'], dir);
    assert.equal(r.code, 2, `${name}: exit ${r.code} ${r.err}`);
    assert.match(r.err, new RegExp(`invalid config .*\\.runbook-lint\\.yaml:${line}:\\d+: `), `${name}: ${r.err}`);
    assert.doesNotMatch(r.err, /internal error/);
  }
});

test('D1: front matter nested 7,000 levels deep is reported (RB004), never a crash; the other files keep their results', () => {
  const deep = '---\nx: ' + '['.repeat(7000) + ']'.repeat(7000) + '\n' + cleanRunbook(1).slice(4);
  const seq = '---\nx:\n  ' + '- '.repeat(7000) + 'y\n' + cleanRunbook(2).slice(4);
  const dir = dirOf({ 'runbooks/platform/deep.md': deep, 'runbooks/platform/seq.md': seq, 'runbooks/platform/ok.md': cleanRunbook(3) });
  const r = bounded(['runbooks', '--format', 'json'], dir);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code} ${r.signal}: ${r.err.slice(0, 300)}`);
  const j = JSON.parse(r.out) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  assert.equal(j.files.length, 3, 'every file has its result');
  for (const name of ['deep.md', 'seq.md']) {
    const f = j.files.find((x) => x.path.endsWith(name))!;
    assert.ok(f.findings.some((x) => x.ruleId === 'RB004' && /front matter nests/.test(x.message)), `${name}: ${JSON.stringify(f.findings.map((x) => x.ruleId))}`);
    assert.ok(!f.findings.some((x) => x.ruleId === 'RB102' || x.ruleId === 'RB103'), `${name}: no YAML error or missing-key noise for what was not read`);
  }
});

test('D14: ESC and BEL from a YAML title, a heading or a file name never reach the terminal raw (text, github, dry-run diff, stderr, --print-config, migrate)', () => {
  const evil = 'Pod \x1b]0;owned\x07 \x1b[2J\x9b31m restarts \u202e';
  const base = cleanRunbook(1);
  const title = /^title: .*$/m.exec(base)![0];
  // The title no longer matches the H1 (RB109 quotes both) and a missing blank line gives a fix whose diff shows the heading as context.
  const text = base.replace(title, `title: "${evil.replaceAll('\x1b', '\\e').replaceAll('\x07', '\\a').replaceAll('\x9b', '\\x9b')}"`).replace(/^# (.*)$/m, `# $1 ${evil}`);
  const name = `runbooks/platform/bad\x1b[31mname\x07.md`;
  const dir = dirOf({ [name]: text, '.runbook-lint.yaml': `exclude: ["**/x\x1b[1m/**"]\n` });
  // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
  const raw = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]/;
  const runs = [['runbooks'], ['runbooks', '--format', 'github'], ['runbooks', '--fix', '--dry-run'], ['--print-config', name], ['runbooks/missing\x1b[2Jfile.md'], ['migrate', name], ['migrate', 'runbooks/missing\x1b[2Jfile.md']];
  let sawEscaped = false;
  for (const args of runs) {
    const r = bounded(args, dir);
    assert.doesNotMatch(r.out, raw, `stdout of ${JSON.stringify(args)}: ${JSON.stringify(r.out.slice(0, 400))}`);
    assert.doesNotMatch(r.err, raw, `stderr of ${JSON.stringify(args)}: ${JSON.stringify(r.err.slice(0, 400))}`);
    if (/\\x1b/.test(r.out + r.err)) sawEscaped = true;
  }
  assert.ok(sawEscaped, 'the control characters are shown as \\x1b-style escapes');
});
