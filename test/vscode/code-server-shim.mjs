#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() spawns
// (vscodeExecutablePath): it takes the same arguments (workspace folder, --extensionTestsPath,
// --extensionDevelopmentPath, --user-data-dir, --extensions-dir) and runs the tests in
// code-server's extension host instead of Electron's:
//   1. starts code-server's VS Code server (lib/vscode/out/server-main.js, on Node 24) on a free
//      127.0.0.1 port, in its own process group;
//   2. opens the workbench in headless Chromium with `payload` carrying extensionDevelopmentPath
//      and extensionTestsPath as vscode-remote:// URIs, so the server's extension host loads the
//      extension under development and calls the tests' run();
//   3. waits for the result file the tests write (RUNBOOK_VSCODE_RESULTS), ends the process
//      group, and exits 0 when every test passed, 1 otherwise — which runTests() reports.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, SERVER_MAIN, freePort, processesMentioning, startDetached } from '../e2e/lib/codeserver.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const folder = argv.find((a) => !a.startsWith('-') && existsSync(a));
const testsPath = opt('extensionTestsPath');
const devPath = opt('extensionDevelopmentPath');
const resultsFile = process.env.RUNBOOK_VSCODE_RESULTS;
if (!testsPath || !devPath || !resultsFile) {
  console.error('code-server-shim: needs --extensionTestsPath, --extensionDevelopmentPath and RUNBOOK_VSCODE_RESULTS');
  process.exit(2);
}
const timeoutMs = Number(process.env.RUNBOOK_VSCODE_TIMEOUT_MS ?? 300_000);
const root = mkdtempSync(join(tmpdir(), 'runbook-vscode-'));
const userData = resolve(opt('user-data-dir') ?? join(root, 'user-data'));
const extensions = resolve(opt('extensions-dir') ?? join(root, 'extensions'));
const serverData = join(root, 'server-data');
for (const d of [userData, extensions, serverData]) mkdirSync(d, { recursive: true });

const port = await freePort();
const server = startDetached(SERVER_MAIN, [
  '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
  '--enable-smoke-test-driver', '--disable-telemetry', '--user-data-dir', userData, '--server-data-dir', serverData,
  '--extensions-dir', extensions,
], { env: { RUNBOOK_VSCODE_RESULTS: resultsFile, RUNBOOK_VSCODE_RUN: root }, ready: /Extension host agent listening on/, logFile: join(root, 'server.log') });

const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
const tests = testsPath.endsWith('.js') ? testsPath : join(testsPath, 'index.js');
const payload = JSON.stringify([['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(tests.replace(/\.js$/, ''))]]);
const url = `http://127.0.0.1:${port}/?${folder ? `folder=${encodeURIComponent(resolve(folder))}&` : ''}payload=${encodeURIComponent(payload)}`;

let browser;
let code = 1;
try {
  await server.started;
  console.log(`code-server-shim: VS Code server on 127.0.0.1:${port}, extension host runs ${tests}`);
  const finished = new Promise((resolveDone, reject) => {
    const timer = setTimeout(() => reject(new Error(`no test results after ${timeoutMs / 1000} s`)), timeoutMs);
    const check = () => {
      try {
        const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
        if (r.done) {
          clearTimeout(timer);
          watcher.close();
          resolveDone(r);
        }
      } catch {
        /* not written (completely) yet */
      }
    };
    const watcher = watch(dirname(resultsFile), check);
    check();
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`code-server-shim: page error: ${e.message}`));
  await page.goto(url);
  const r = await finished;
  code = r.outcomes.some((o) => o.state === 'failed') || r.error ? 1 : 0;
} catch (e) {
  console.error(`code-server-shim: ${e.message}\n--- server log (tail) ---\n${server.log().slice(-4000)}`);
} finally {
  await browser?.close().catch(() => {});
  await server.stop();
  const left = processesMentioning(root);
  if (left.length) {
    console.error(`code-server-shim: processes left behind:\n${left.join('\n')}`);
    code = 1;
  }
}
rmSync(root, { recursive: true, force: true });
process.exit(code);
