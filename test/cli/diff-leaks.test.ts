// `--fix --dry-run` and file names never print a secret (issue 21 D5, D6, D18): CR-only line endings,
// a secret the detector misses printed as context, a suppressed secret, a secret in a file's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanRunbook, run, tempDirsRemovedAfter } from './helpers.js';
import { leakedSubstring } from '../helpers/leak.js';
import { unifiedDiff } from '../../server/src/cli/diff.js';

const dirOf = tempDirsRemovedAfter();
// Built from pieces so the repository itself holds no secret-looking literal.
const GH = ['ghp_', 'aB3dE6gH9jK2', 'mN5pQ8sT1vW4', 'yZ7bC0eF3hJ6'].join('');
const AWS = ['wJalrXUtnFEMI', 'K7MDENGbPxRfi', 'CYzq8sLmN3vT2Q'].join('/').slice(0, 40);
/** A runbook whose H1 differs from its title (RB109's safe fix rewrites the H1), `extra` right below it. */
const nearFix = (extra: string) => cleanRunbook(1).replace(/^# .*$/m, '# Some other heading\n\n' + extra);

function outputs(dir: string, args: string[][]): string {
  return args.map((a) => {
    const r = run(a, dir);
    return r.out + r.err;
  }).join('\n');
}
const DRY = [['runbooks', '--fix', '--dry-run'], ['runbooks', '--fix', '--dry-run', '--format', 'json']];
const EVERY = [...DRY, ['runbooks'], ['runbooks', '--format', 'json'], ['runbooks', '--format', 'sarif'], ['runbooks', '--format', 'github'], ['runbooks', '--fix']];

test('D5: a CR-only runbook: the dry-run diff masks the secret line in text and JSON', () => {
  const text = nearFix(`Deploy token: ${GH} (from the vault).\n`).replace(/\r?\n/g, '\r');
  const dir = dirOf({ 'runbooks/platform/a.md': text });
  const out = outputs(dir, DRY);
  assert.match(out, /^[-+]Some|^-# Some other heading/m, 'the diff shows the fixed heading');
  assert.equal(leakedSubstring(out, GH), undefined, 'no piece of the token');
  assert.match(out, /<line redacted: secret>/);
});

test('D6: a secret the detector misses is masked in the diff context (and changed lines), not printed', () => {
  const text = nearFix(`| aws_secret_access_key | ${AWS} |\n|---|---|\n| region | eu-west-1 |\n`);
  const dir = dirOf({ 'runbooks/platform/a.md': text });
  const out = outputs(dir, DRY);
  assert.match(out, /^-# Some other heading/m, 'the fix lands within 3 lines of the row');
  assert.equal(leakedSubstring(out, AWS), undefined);
  assert.match(out, /^ \| aws_secret_access_key \| <masked> \|$/m, 'the row is shown with the value masked');
});

test('D6: the context mask keeps ordinary words, paths, URLs and identifiers readable', () => {
  const old = 'CrashLoopBackOff in NodeFilesystemSpaceFillingUp\nSee https://grafana.example.com/d/node-exporter for infra/runbooks/platform/x.md\nkubectl get pods -n kube-system\nold\n';
  const d = unifiedDiff('a', 'b', old, old.replace('old\n', 'new\n'));
  for (const keep of ['CrashLoopBackOff', 'NodeFilesystemSpaceFillingUp', 'https://grafana.example.com/d/node-exporter', 'infra/runbooks/platform/x.md', 'kube-system']) assert.ok(d.includes(keep), `${keep} kept in ${d}`);
});

test('D18: a secret suppressed with runbook-lint-disable-file RB401 is still masked in the diff', () => {
  const text = nearFix(`Deploy token: ${GH} (from the vault).\n`) + '\n<!-- runbook-lint-disable-file RB401 -- training lab -->\n';
  const dir = dirOf({ 'runbooks/platform/a.md': text, '.runbook-lint.yaml': `allow:\n  secrets: []\n` });
  const out = outputs(dir, DRY);
  assert.match(out, /^-# Some other heading/m);
  assert.equal(leakedSubstring(out, GH), undefined);
});

test('D18: a secret in a file name is printed as <redacted path …> in every format, diff and message', () => {
  const name = `runbooks/platform/${GH}.md`;
  const dir = dirOf({ [name]: nearFix('') });
  const out = outputs(dir, EVERY);
  assert.equal(leakedSubstring(out, GH), undefined, 'no piece of the token in any output');
  assert.match(out, /<redacted path [0-9a-f]{12}>/);
});
