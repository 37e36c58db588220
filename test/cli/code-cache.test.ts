// The V8 code cache of the CLI bundle (cli/code-cache.ts, loaded by dist/cli.js = cli/entry.ts): only a
// --cache run writes it, into its cache folder; it never changes what a run prints; data of another
// build or garbage is not used and is replaced.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run, tempDir, tempRepo, remove, cleanRunbook, ROOT } from './helpers.js';
import { codeCacheDir } from '../../server/src/cli/entry.js';

const made: string[] = [];
after(() => made.forEach(remove));
const FOLDER = join('node_modules', '.cache', 'runbook-lint');
const CODE = join(FOLDER, 'v8-code-cache.bin');
const bundleDigest = () => createHash('sha256').update(readFileSync(join(ROOT, 'dist', 'cli-main.js'))).digest('hex');
const header = (dir: string, file = CODE) => readFileSync(join(dir, file)).subarray(0, 65).toString('latin1');

test('only a --cache run writes the code cache, beside results.json; it is reused, and output never changes', () => {
  const dir = tempDir({ 'runbooks/platform/a.md': cleanRunbook(1).replace('## Summary', '## Sumary'), 'runbooks/platform/b.md': cleanRunbook(2) });
  made.push(dir);
  const plain = run(['--format', 'json'], dir);
  assert.ok(!existsSync(join(dir, 'node_modules')), 'a run without --cache writes nothing');
  const cold = run(['--cache', '--format', 'json'], dir);
  assert.equal(header(dir), `${bundleDigest()}\n`, 'written by the first --cache run, with the bundle digest');
  const stored = readFileSync(join(dir, CODE));
  const warm = run(['--cache', '--format', 'json'], dir);
  const again = run(['--cache', '--format', 'json'], dir);
  assert.ok(readFileSync(join(dir, CODE)).equals(stored), 'runs that used it leave it alone');
  for (const r of [cold, warm, again]) {
    assert.equal(r.out, plain.out);
    assert.equal(r.code, plain.code);
    assert.equal(r.err, plain.err);
  }
  // Garbage after a right header (V8 rejects it), another build's digest, a truncated file: not used, replaced.
  for (const bad of [Buffer.concat([Buffer.from(`${bundleDigest()}\n`), Buffer.alloc(5000, 7)]), Buffer.concat([Buffer.from(`${'0'.repeat(64)}\n`), stored.subarray(65)]), stored.subarray(0, 40)]) {
    writeFileSync(join(dir, CODE), bad);
    // The same command over unchanged files would be replayed from its record without loading the bundle.
    rmSync(join(dir, FOLDER, 'run-record.bin'), { force: true });
    const r = run(['--cache', '--format', 'json'], dir);
    assert.equal(r.out, plain.out);
    assert.equal(r.err, '');
    assert.equal(header(dir), `${bundleDigest()}\n`);
    assert.ok(!readFileSync(join(dir, CODE)).equals(bad), 'replaced');
  }
  // --cache-location: there, and nowhere else.
  const fresh = tempDir({ 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(fresh);
  assert.equal(run(['--cache', '--cache-location', 'elsewhere'], fresh).code, 0);
  assert.equal(header(fresh, join('elsewhere', 'v8-code-cache.bin')), `${bundleDigest()}\n`);
  assert.ok(!existsSync(join(fresh, 'node_modules')));
  assert.equal(run(['--cache', '--fix'], fresh).code, 0);
  assert.ok(!existsSync(join(fresh, 'node_modules')), '--fix uses no cache');
});

test('the loader finds the folder the run uses from the command line, and none when it cannot tell', () => {
  const repo = tempRepo({ 'runbooks/platform/a.md': cleanRunbook(1) });
  made.push(repo);
  const sub = join(repo, 'runbooks');
  const env = { PATH: process.env['PATH'] };
  assert.equal(codeCacheDir(['--cache', '.'], sub, env), join(repo, FOLDER), 'the repository root, as the run chooses');
  assert.equal(codeCacheDir(['x.md', '--cache', '--cache-location', 'c'], sub, env), resolve(sub, 'c'));
  assert.equal(codeCacheDir(['--cache-location=/tmp/c', '--cache'], sub, env), '/tmp/c');
  assert.equal(codeCacheDir(['.'], sub, env), undefined, 'no --cache');
  assert.equal(codeCacheDir(['--cache', '--fix'], sub, env), undefined, '--fix');
  assert.equal(codeCacheDir(['--', '--cache'], sub, env), undefined, 'a file named --cache');
  assert.equal(codeCacheDir(['report', '--cache'], sub, env), undefined, 'a subcommand');
  assert.equal(codeCacheDir(['--cache'], sub, { ...env, GIT_DIR: join(repo, '.git') }), undefined, 'git decides the root');
});
