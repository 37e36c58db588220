// Language-server cases: a spawned dist/server.js --stdio driven through the JSON-RPC test client.
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp, type LspSession } from '../../test/helpers/lsp-client.js';
import { timedAsync } from './stats.js';

export function tempWorkspace(): { dir: string; uri: string; docUri(rel: string): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rb-bench-'));
  return {
    dir,
    uri: pathToFileURL(dir).href,
    docUri: (rel) => pathToFileURL(join(dir, rel)).href,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Waits for the diagnostics published for exactly `version` of `uri`. */
function published(s: LspSession, uri: string, version: number, timeoutMs = 60000): Promise<unknown> {
  return s.diagnostics(uri, (_d, p) => p.version === version, timeoutMs);
}

/** A prose line near the middle of the text (outside code fences), where a person types. */
export function proseLine(text: string): number {
  const lines = text.split('\n');
  let inFence = false;
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*(```|~~~)/.test(l)) inFence = !inFence;
    else if (!inFence && /^[A-Za-z].{20,}/.test(l)) return i;
  }
  return Math.floor(lines.length / 2);
}

/**
 * Keystroke latency: one-character edits (insert, then delete it again) through didChange; each sample is
 * the time from sending didChange to receiving publishDiagnostics for that version.
 */
export async function keystroke(text: string, iterations: number, warmup: number): Promise<number[]> {
  const ws = tempWorkspace();
  const s = await startLsp({ rootUri: ws.uri });
  try {
    const uri = ws.docUri('infra/runbooks/platform/bench-keystroke.md');
    let version = 1;
    s.open(uri, text, version);
    await published(s, uri, version, 180000);
    const line = proseLine(text);
    let inserted = false;
    const one = async () => {
      version++;
      const range = inserted
        ? { start: { line, character: 5 }, end: { line, character: 6 } }
        : { start: { line, character: 5 }, end: { line, character: 5 } };
      // An editor keeps only the latest diagnostics per document; the test client keeps every
      // publication, and holding ~1.5 MB of parsed diagnostics per keystroke made its own GC part of the sample.
      s.published.length = 0;
      const wait = published(s, uri, version);
      s.change(uri, version, [{ range, text: inserted ? '' : 'x' }]);
      inserted = !inserted;
      await wait;
    };
    const samples: number[] = [];
    for (let i = 0; i < warmup + iterations; i++) {
      const t = performance.now();
      await one();
      if (i >= warmup) samples.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 40)); // a typing pause
    }
    return samples;
  } finally {
    await s.close();
    ws.dispose();
  }
}

/** Front-matter completion in a 2,000-line runbook; undefined when the server offers no completion. */
export async function completion(text: string, iterations: number, warmup: number): Promise<number[] | undefined> {
  const ws = tempWorkspace();
  const s = await startLsp({ rootUri: ws.uri });
  try {
    if (!s.init.capabilities.completionProvider) return undefined;
    const uri = ws.docUri('infra/runbooks/platform/bench-completion.md');
    s.open(uri, text, 1);
    await published(s, uri, 1, 120000);
    const lines = text.split('\n');
    const sev = lines.findIndex((l) => l.startsWith('severity:'));
    const position = { line: sev >= 0 ? sev : 1, character: sev >= 0 ? 'severity: '.length : 0 };
    let items = 0;
    const samples = await timedAsync(
      async () => {
        const r = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as { items?: unknown[] } | unknown[] | null;
        items = Array.isArray(r) ? r.length : (r?.items?.length ?? 0);
      },
      iterations,
      warmup,
    );
    if (!items) throw new Error('completion returned no items at severity:');
    return samples;
  } finally {
    await s.close();
    ws.dispose();
  }
}

/** Spawn-to-initialize-result time of a fresh server process. */
export async function initialize(iterations: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations + 1; i++) {
    const t = performance.now();
    const s = await startLsp({ rootUri: null });
    const ms = performance.now() - t;
    if (i > 0) out.push(ms);
    await s.close();
  }
  return out;
}

/** Resident memory of the server with `total` runbooks in the workspace and `open` of them open. */
export async function rss(runbook: (i: number) => { rel: string; text: string }, total: number, open: number): Promise<{ rssMb: number; samples: number[] }> {
  const ws = tempWorkspace();
  const docs: { rel: string; text: string }[] = [];
  for (let i = 0; i < total; i++) {
    const d = runbook(i);
    mkdirSync(join(ws.dir, d.rel, '..'), { recursive: true });
    writeFileSync(join(ws.dir, d.rel), d.text);
    docs.push(d);
  }
  const s = await startLsp({ rootUri: ws.uri });
  try {
    const waits: Promise<unknown>[] = [];
    for (const d of docs.slice(0, open)) {
      const uri = ws.docUri(d.rel);
      s.open(uri, d.text, 1);
      waits.push(published(s, uri, 1, 120000));
    }
    await Promise.all(waits);
    // Give a workspace index time to finish, then sample a few times.
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 500));
      samples.push(vmRssMb(s.proc.pid!));
    }
    return { rssMb: Math.max(...samples), samples };
  } finally {
    await s.close();
    ws.dispose();
  }
}

function vmRssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
