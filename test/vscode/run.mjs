#!/usr/bin/env node
// npm run test:vscode — the mocha suites in test/vscode/suite run inside a VS Code extension
// host against the real `vscode` API, launched by @vscode/test-electron's runTests().
// Which VS Code:
//   1. VSCODE_EXECUTABLE (a VS Code / Electron build on this machine), else
//   2. a download by @vscode/test-electron (into the e2e cache folder, outside the repo), else
//   3. code-server's extension host through test/vscode/code-server-shim.mjs, when code-server
//      is installed in the e2e cache (npm run test:e2e installs it; RUNBOOK_VSCODE_INSTALL=1
//      installs it here), else
//   4. "skipped: no VS Code available", exit 0.
// RUNBOOK_VSCODE_VIA=code-server skips 1 and 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { CACHE, ensureCodeServer, SERVER_MAIN } from '../e2e/lib/codeserver.mjs';
import { countIds, lintJson, serverCapabilities } from '../e2e/lib/features.mjs';
import { REPO, makeWorkspace } from '../e2e/lib/workspace.mjs';

const t0 = Date.now();
const OUT = join(REPO, 'out', 'test', 'vscode');
const SHIM = join(REPO, 'test', 'vscode', 'code-server-shim.mjs');

async function findVSCode() {
  const via = process.env.RUNBOOK_VSCODE_VIA;
  if (via !== 'code-server') {
    if (process.env.VSCODE_EXECUTABLE) return { exe: process.env.VSCODE_EXECUTABLE, kind: 'VSCODE_EXECUTABLE' };
    try {
      const exe = await Promise.race([
        downloadAndUnzipVSCode({ timeout: 15_000, cachePath: join(CACHE, 'vscode') }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 60_000).unref()),
      ]);
      return { exe, kind: 'downloaded VS Code' };
    } catch (e) {
      console.log(`test:vscode: no VS Code download (${String(e.message ?? e).split('\n')[0]})`);
    }
  }
  if (process.env.RUNBOOK_VSCODE_INSTALL === '1') ensureCodeServer(console.log);
  if (existsSync(SERVER_MAIN)) return { exe: SHIM, kind: 'code-server extension host (shim)' };
  return undefined;
}

spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
rmSync(OUT, { recursive: true, force: true });
const suites = readdirSync(join(REPO, 'test', 'vscode', 'suite')).filter((f) => f.endsWith('.test.ts')).map((f) => join(REPO, 'test', 'vscode', 'suite', f));
await build({
  entryPoints: [join(REPO, 'test', 'vscode', 'index.ts'), ...suites],
  outdir: OUT,
  outbase: join(REPO, 'test', 'vscode'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const found = await findVSCode();
if (!found) {
  console.log('test:vscode: skipped: no VS Code available (set VSCODE_EXECUTABLE, or install code-server with npm run test:e2e)');
  console.log('0 passed, 0 failed, 1 skipped');
  process.exit(0);
}
console.log(`test:vscode: running the extension-host suites in ${found.kind}: ${found.exe}`);

const ws = makeWorkspace();
const resultsDir = join(REPO, 'test-results', 'vscode');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = join(resultsDir, 'results.json');
rmSync(resultsFile, { force: true });
const caps = await serverCapabilities(ws.dir);
const kinds = caps.codeActionProvider?.codeActionKinds ?? [];
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const features = {
  completion: Boolean(caps.completionProvider),
  codeActions: Boolean(caps.codeActionProvider),
  fixAllKind: kinds.some((k) => 'source.fixAll.runbooks'.startsWith(k) && k.startsWith('source')),
  commands: (manifest.contributes?.commands ?? []).map((c) => c.command),
};
const expected = Object.fromEntries(Object.entries(lintJson(ws.dir, ['infra/runbooks'])).map(([p, fs]) => [p, countIds(fs.map((f) => f.ruleId))]));

let runError;
try {
  await runTests({
    vscodeExecutablePath: found.exe,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: join(OUT, 'index.js'),
    launchArgs: [ws.dir, '--disable-extensions', `--user-data-dir=${join(ws.root, 'user-data')}`, `--extensions-dir=${join(ws.root, 'extensions')}`],
    extensionTestsEnv: {
      RUNBOOK_VSCODE_RESULTS: resultsFile,
      RUNBOOK_TEST_FEATURES: JSON.stringify(features),
      RUNBOOK_TEST_EXPECTED: JSON.stringify(expected),
      RUNBOOK_VSCODE_GREP: process.env.RUNBOOK_VSCODE_GREP ?? '',
    },
  });
} catch (e) {
  runError = e;
} finally {
  rmSync(ws.root, { recursive: true, force: true });
}

let r;
try {
  r = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error(`test:vscode: the suites wrote no results (${runError?.message ?? 'no error reported'})`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
for (const o of r.outcomes) console.log(`${{ passed: 'ok', failed: 'FAIL', skipped: 'skip' }[o.state]} - ${o.title}${o.error ? `\n    ${o.error.replace(/\n/g, '\n    ')}` : ''}`);
const n = (s) => r.outcomes.filter((o) => o.state === s).length;
const failed = n('failed') + (r.error ? 1 : 0);
console.log(`test:vscode: ${r.appName} ${r.vscodeVersion}, ${((Date.now() - t0) / 1000).toFixed(0)} s${r.error ? `; suite error: ${r.error}` : ''}`);
console.log(`${n('passed')} passed, ${failed} failed, ${n('skipped')} skipped`);
process.exit(failed || (runError && !r.outcomes.length) ? 1 : 0);
