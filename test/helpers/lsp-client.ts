// A real JSON-RPC client for protocol tests: spawns dist/server.js --stdio and speaks LSP.
import { before, after } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, InitializeResult } from 'vscode-languageserver-protocol';

export const SERVER_JS = join(import.meta.dirname, '..', '..', 'dist', 'server.js');

export interface LspSession {
  conn: MessageConnection;
  proc: ChildProcess;
  init: InitializeResult;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  stderr: string[];
  logs: string[];
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): void;
  /** Resolves with the first diagnostics for `uri` (optionally of `version`) matching `pred`. */
  diagnostics(uri: string, pred?: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

/** One server for a whole test file: started before its tests, closed after them; used like a session. */
export function sharedLsp(opts: Parameters<typeof startLsp>[0] = {}): LspSession {
  let session: LspSession | undefined;
  before(async () => {
    session = await startLsp(opts);
  });
  after(async () => {
    await session?.close();
  });
  return new Proxy({} as LspSession, {
    get(_, key) {
      if (!session) throw new Error('sharedLsp: the session is used before its `before` hook ran');
      const v: unknown = Reflect.get(session, key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(session) : v;
    },
  });
}

/** sharedLsp on a fresh temporary workspace folder, removed after the file's tests (once the server is closed). */
export function sharedLspInTempDir(prefix: string): { s: LspSession; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const s = sharedLsp({ rootUri: pathToFileURL(dir).href });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return { s, dir };
}

export async function startLsp(opts: { rootUri?: string | null; settings?: Record<string, unknown>; capabilities?: Record<string, unknown> } = {}): Promise<LspSession> {
  // LSP_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`) profiles the spawned server.
  const nodeArgs = process.env.LSP_NODE_ARGS ? process.env.LSP_NODE_ARGS.split(' ') : [];
  const proc = spawn(process.execPath, [...nodeArgs, SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  proc.stderr!.on('data', (b: Buffer) => stderr.push(b.toString()));
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) w();
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.onNotification('window/showMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  conn.onRequest('window/showMessageRequest', (p: { message: string }) => {
    logs.push(p.message);
    return null;
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings ?? {}));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const init = (await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: opts.rootUri ?? null,
    workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'ws' }] : null,
    capabilities: opts.capabilities ?? { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
  })) as InitializeResult;
  await conn.sendNotification('initialized', {});
  const session: LspSession = {
    conn,
    proc,
    init,
    published,
    stderr,
    logs,
    open(uri, text, version = 1) {
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    },
    change(uri, version, changes) {
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    diagnostics(uri, pred = () => true, timeoutMs = 15000) {
      return new Promise((resolve, reject) => {
        const tryNow = () => {
          for (let i = published.length - 1; i >= 0; i--) {
            const p = published[i]!;
            if (p.uri === uri) {
              if (pred(p.diagnostics, p)) {
                cleanup();
                resolve(p.diagnostics);
                return true;
              }
              break; // only the latest publication for the uri counts
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(published.filter((p) => p.uri === uri).slice(-1)[0]?.diagnostics.map((d) => d.code))}`));
        }, timeoutMs);
        const w = () => void tryNow();
        const cleanup = () => {
          clearTimeout(timer);
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
        };
        waiters.push(w);
        tryNow();
      });
    },
    async close() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        void conn.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((r) => {
        if (proc.exitCode !== null) return r();
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          r();
        }, 3000);
        proc.on('exit', () => {
          clearTimeout(t);
          r();
        });
      });
      conn.dispose();
    },
  };
  return session;
}

/** Applies LSP text edits (line/character) to a text. */
export function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line]! + p.character, text.length));
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
