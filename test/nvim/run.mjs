#!/usr/bin/env node
// npm run test:nvim — headless Neovim (0.7+, `apt-get install -y neovim`) with its built-in LSP
// client attaches `node dist/server.js --stdio` to a runbook with the README's setup
// (runbooks-lsp.lua as lua/runbooks-lsp.lua on the runtimepath); check.lua asserts diagnostics, a
// code action and completion as typed. Exits non-zero when a check fails or none ran.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countIds, lintJson } from '../e2e/lib/features.mjs';
import { FILES, REPO, makeWorkspace } from '../e2e/lib/workspace.mjs';

const t0 = Date.now();
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (nvim.status !== 0) {
  console.error('test:nvim: nvim not found; install it with: apt-get install -y neovim');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log(`test:nvim: ${nvim.stdout.split('\n')[0]}`);
if (!existsSync(join(REPO, 'dist', 'server.js')) || process.env.RUNBOOK_NVIM_SKIP_BUILD !== '1') {
  const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const ws = makeWorkspace();
// A git repo, as projects are: runbooks-lsp.lua takes the folder holding .git as the root.
spawnSync('git', ['init', '-q', ws.dir]);
const results = join(ws.root, 'nvim-results.txt');
const rtp = join(ws.root, 'nvim-config');
mkdirSync(join(rtp, 'lua'), { recursive: true });
copyFileSync(join(REPO, 'test', 'nvim', 'runbooks-lsp.lua'), join(rtp, 'lua', 'runbooks-lsp.lua'));
const expected = countIds((lintJson(ws.dir, [FILES.defects])[FILES.defects] ?? []).map((f) => f.ruleId));
const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(REPO, 'test', 'nvim', 'check.lua')}`, '-c', 'cquit 3'], {
  cwd: ws.dir,
  encoding: 'utf8',
  timeout: 90_000,
  killSignal: 'SIGKILL',
  env: {
    ...process.env,
    RUNBOOK_NVIM_SERVER: join(REPO, 'dist', 'server.js'),
    RUNBOOK_NVIM_ROOT: ws.dir,
    RUNBOOK_NVIM_RTP: rtp,
    RUNBOOK_NVIM_FILE: join(ws.dir, FILES.defects),
    RUNBOOK_NVIM_EXPECTED: JSON.stringify(expected),
    RUNBOOK_NVIM_RESULTS: results,
  },
});
const lines = existsSync(results) ? readFileSync(results, 'utf8').split('\n').filter(Boolean) : [];
rmSync(ws.root, { recursive: true, force: true });
for (const l of lines) console.log(l);
if (r.error || r.status !== 0) console.error(`test:nvim: nvim ${r.error ? r.error.message : `exited ${r.status}`}\n${(r.stderr || r.stdout || '').slice(-2000)}`);
const passed = lines.filter((l) => l.startsWith('ok')).length;
const failed = lines.filter((l) => l.startsWith('FAIL')).length + (lines.length ? 0 : 1);
console.log(`test:nvim: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
