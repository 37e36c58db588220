// What the npm package and the .vsix ship: only what runs (the bundles, schemas, rule docs,
// snippets and walkthrough pages, README, LICENSE), and the README says exactly that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

const BUNDLES = ['dist/cli.js', 'dist/cli-main.js', 'dist/extension.js', 'dist/server-core.js', 'dist/server.js'];
const FOLDERS = ['docs/', 'media/', 'schemas/', 'snippets/'];
/** Scripts that webviews load (not bundles of their own process, but shipped the same way). */
const WEBVIEW_SCRIPTS = ['dist/webview/step-graph.js'];

function npmPackFiles(): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
}

/** The paths named (as code spans) in the README's sentence that starts with `start`, up to its colon. */
function readmeClaim(start: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const i = readme.indexOf(start);
  assert.ok(i >= 0, `README has no sentence starting "${start}"`);
  const sentence = readme.slice(i + start.length, readme.indexOf(':', i + start.length));
  return [...sentence.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Which claimed entry a shipped file belongs to (a file named itself, or its folder). */
function coveredBy(file: string, claims: string[]): string | undefined {
  return claims.find((c) => c === file || (c.endsWith('/') && file.startsWith(c)));
}

test('the npm package ships the bundles, schemas, docs, snippets, walkthrough pages, README and LICENSE, and nothing else', () => {
  const files = npmPackFiles();
  for (const b of BUNDLES) assert.ok(files.includes(b), `${b} is not in the package`);
  for (const must of ['README.md', 'LICENSE', 'package.json', 'schemas/runbook.schema.json', 'docs/rules/RB101.md']) assert.ok(files.includes(must), must);
  for (const w of WEBVIEW_SCRIPTS) assert.ok(files.includes(w), `${w} is not in the package`);
  const allowed = [...BUNDLES, ...WEBVIEW_SCRIPTS, ...FOLDERS, 'README.md', 'LICENSE', 'package.json'];
  const stray = files.filter((f) => !coveredBy(f, allowed));
  assert.deepEqual(stray, [], 'files that do not run (tests, sources, benchmarks, source maps) are packed');
  assert.ok(!files.some((f) => f.endsWith('.map') || f.endsWith('.ts') || f.endsWith('.vsix')));
});

test('the README says which files the .vsix holds, and vsce packs exactly those', () => {
  const claims = readmeClaim('The `.vsix` holds');
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // vsce ls leaves out the README, which `npm run package` always adds (as extension/readme.md).
  const files = [...r.stdout.split('\n').map((l) => l.trim()).filter(Boolean), 'README.md'];
  const unclaimed = files.filter((f) => f !== 'package.json' && !coveredBy(f, claims));
  assert.deepEqual(unclaimed, [], `the .vsix holds files the README does not name (claims: ${claims.join(', ')})`);
  const unshipped = claims.filter((c) => !files.some((f) => coveredBy(f, [c])));
  assert.deepEqual(unshipped, [], 'the README names files the .vsix does not hold');
  for (const b of BUNDLES) assert.ok(files.includes(b), `${b} is not in the .vsix`);
});

test('every installed package with an install script is approved or denied in allowScripts, so npm ci prints no warning', (t) => {
  const r = spawnSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 && /Unknown command/i.test(r.stderr + r.stdout)) return t.skip(`npm ${spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim()} has no allowScripts (and no such warning)`);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /No packages with unreviewed install scripts/, r.stdout);
  const allow = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).allowScripts;
  // keytar (an optional part of vsce, for publishing) would build natively and download prebuilt binaries.
  assert.deepEqual(allow, { '@vscode/vsce-sign': true, esbuild: true, keytar: false });
});

test('installing the package runs nothing: no install-time scripts (the build runs on npm pack)', () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(scripts[s], undefined, `${s} would run (or ask allowScripts) in every project that installs the tarball`);
  assert.equal(scripts.prepack, 'node scripts/build.mjs');
});
