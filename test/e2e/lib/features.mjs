// Which editor features the built extension has, read from what it declares: the manifest's
// contributes (commands, views), the server's initialize capabilities, the rules the CLI runs.
// A scenario whose feature is absent is reported as skipped instead of failed.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './workspace.mjs';

/** The initialize result of `node dist/server.js --stdio` (LSP framing by hand, no client). */
export function serverCapabilities(rootDir, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error('language server did not answer initialize'));
    }, timeoutMs);
    const send = (msg) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
      p.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      p.stdin.write(body);
    };
    p.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString());
        buf = buf.subarray(head + 4 + len);
        if (msg.id === 1) {
          clearTimeout(timer);
          send({ id: 2, method: 'shutdown' });
          send({ method: 'exit' });
          p.stdin.end();
          setTimeout(() => p.kill('SIGKILL'), 2000).unref();
          resolve(msg.result?.capabilities ?? {});
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: `file://${rootDir}`, workspaceFolders: [{ uri: `file://${rootDir}`, name: 'ws' }], capabilities: {} } });
  });
}

/** runbook-lint --format json over `paths`, run in `cwd`: findings by workspace-relative path. */
export function lintJson(cwd, paths) {
  const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), '--format', 'json', ...paths], { cwd, encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) throw new Error(`runbook-lint failed: ${r.stderr}`);
  const byPath = {};
  for (const f of JSON.parse(r.stdout).files) byPath[f.path] = f.findings;
  return byPath;
}

export function countIds(ids) {
  const m = {};
  for (const id of ids) m[id] = (m[id] ?? 0) + 1;
  return Object.fromEntries(Object.entries(m).sort());
}

export async function detectFeatures(workspaceDir, secretFile) {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const commands = new Set((manifest.contributes?.commands ?? []).map((c) => c.command));
  const views = new Set(Object.values(manifest.contributes?.views ?? {}).flat().map((v) => v.id));
  const caps = await serverCapabilities(workspaceDir);
  const extension = readFileSync(join(REPO, 'dist', 'extension.js'), 'utf8');
  const secretIds = (lintJson(workspaceDir, [secretFile])[secretFile] ?? []).map((f) => f.ruleId);
  return {
    commands,
    views,
    caps,
    completion: Boolean(caps.completionProvider),
    codeActions: Boolean(caps.codeActionProvider),
    newRunbook: commands.has('runbooks.newRunbook'),
    tree: views.has('runbooks.tree'),
    statusBar: extension.includes('createStatusBarItem') && extension.includes('DoD'),
    secrets: secretIds.includes('RB401'),
  };
}
