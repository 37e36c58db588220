// runbook-lint at the edges of what it reads: over the read limit, over the full-check limit, binary
// content past the probe, invalid UTF-8 far into a file, UTF-16. (Basic binary / latin-1 cases: cli.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, closeSync, ftruncateSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run, tempDir, CLEAN, CLI } from './helpers.js';

test('a file over the 50 MB read limit is refused with its size, exit 2; the other files are still checked', () => {
  const dir = tempDir({ 'runbooks/platform/ok.md': CLEAN });
  const fd = openSync(join(dir, 'runbooks/platform/huge.md'), 'w');
  ftruncateSync(fd, 51 * 1024 * 1024); // sparse: no 51 MB write needed
  closeSync(fd);
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /huge\.md is 51 MB, over the 50 MB read limit/);
  assert.match(r.out, /1 file checked/);
});

test('a 6 MB runbook gets RB003 and only the secret check: a secret near the end is still found, no structure findings', () => {
  const filler = 'Pasted output line that goes on and on, kubectl get pods -A -o wide.\n'.repeat(Math.ceil((6 * 1024 * 1024) / 70));
  const text = CLEAN + '\n' + filler + 'export GITHUB_TOKEN=ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' + '\n';
  const dir = tempDir({ 'runbooks/platform/big.md': text });
  const r = run(['runbooks', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.err);
  const ids = new Set([...r.out.matchAll(/"ruleId":\s*"(RB\d{3})"/g)].map((m) => m[1]));
  assert.ok(ids.has('RB003'), `RB003 in ${[...ids].join(',')}`);
  assert.ok(ids.has('RB401'), 'the secret past 5 MB is reported');
  assert.ok(![...ids].some((id) => /^RB[12]/.test(id!) && id !== 'RB003'), `only large-file rules: ${[...ids].join(',')}`);
  assert.ok(!r.out.includes('a1B2c3D4e5F6'), 'the secret value is not printed');
});

test('a NUL byte after the 8 KB binary probe does not crash the check', () => {
  const text = CLEAN + '\n' + 'x'.repeat(9000) + '\u0000\n';
  const dir = tempDir({ 'runbooks/platform/nul.md': text });
  const r = run(['runbooks'], dir);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`);
  assert.doesNotMatch(r.err, /internal error|TypeError|RangeError/i);
  assert.match(r.out, /1 file checked/);
});

test('invalid UTF-8 after 1 MB of valid text names the offset of the first bad byte, exit 2', () => {
  const good = Buffer.from(CLEAN + 'é'.repeat(600_000), 'utf8');
  const bad = Buffer.concat([good, Buffer.from([0xc3, 0x28]), Buffer.from(' tail\n')]);
  const dir = tempDir({ 'runbooks/platform/late.md': bad });
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(`late\\.md is not valid UTF-8 \\(first bad byte at offset ${good.length}\\)`));
});

test('a UTF-16 file (with BOM) is reported as binary-looking, not checked as mojibake', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')]);
  const dir = tempDir({ 'runbooks/platform/wide.md': utf16, 'runbooks/platform/ok.md': CLEAN });
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /wide\.md looks binary/);
  assert.match(r.out, /1 file checked/);
});

test('an empty file and a BOM-only file are checked (findings, exit 1), not refused', () => {
  const dir = tempDir({ 'runbooks/platform/empty.md': '', 'runbooks/platform/bom.md': '\uFEFF' });
  const r = run(['runbooks'], dir);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /2 files checked/);
  assert.match(r.out, /RB101/);
});

test('D10: --config naming a FIFO or /dev/zero is refused at once with exit 2, not read forever', () => {
  const dir = tempDir({ 'runbooks/platform/ok.md': CLEAN });
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  for (const config of ['fifo.yaml', '/dev/zero']) {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [CLI, 'runbooks', '--config', config], { cwd: dir, encoding: 'utf8', timeout: 20000 });
    assert.equal(r.status, 2, `${config}: exit ${r.status} signal ${r.signal} ${r.stderr}`);
    assert.match(r.stderr, /Cannot read the config file: it is a (named pipe|device)/);
    assert.ok(Date.now() - t0 < 15000);
  }
});
