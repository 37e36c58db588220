// The hostile inputs at full size (issue 21 "Done when": every input ≤ 5 MB checks in ≤ 2 s and ≤ 500 MB
// RSS in the CLI and the server, or is degraded with a finding; the server never stops answering for more
// than 1 s on any single document change). Each input of test/helpers/hostile-inputs.ts, built at 4.9 MB:
//   CLI: one whole `runbook-lint <file> --format json` process: wall time, peak RSS (GNU time), RB004 or not;
//   server: open it, then one edit at the end: time to the diagnostics of each, and the longest a hover
//   sent every 50 ms in the meantime waited for its answer (the event loop's longest stall), peak VmRSS.
// Cases hostile.cli (the slowest input) and hostile.lsp (the longest stall); the per-input table is in the
// note. Called by bench/run.ts (group `hostile`); alone: node --import tsx bench/hostile.ts
// (BENCH_HOSTILE_SIZE=1000000 and BENCH_HOSTILE_ONLY=blank-lines,step-chain for a quicker look).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE } from '../test/helpers/hostile-inputs.js';
import { startLsp } from '../test/helpers/lsp-client.js';
import { ROOT } from './lib/inputs.js';
import { tempWorkspace } from './lib/lsp.js';
import { round } from './lib/stats.js';
import { runWhenMain } from './lib/standalone.js';

const CLI = join(ROOT, 'dist', 'cli.js');
const SIZE = Number(process.env.BENCH_HOSTILE_SIZE ?? 4_900_000);
const ONLY = process.env.BENCH_HOSTILE_ONLY?.split(',');
const REL = (name: string) => `infra/runbooks/platform/${name}.md`;

const vmRssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

export async function benchHostile(): Promise<{ cases: Record<string, Record<string, unknown>>; rows: Record<string, unknown>[] }> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const ws = tempWorkspace();
  const rows: { name: string; cliMs: number; cliMb?: number; degraded: boolean; openMs: number; editMs: number; stallMs: number; serverMb: number }[] = [];
  try {
    mkdirSync(join(ws.dir, 'infra/runbooks/platform'), { recursive: true });
    const s = await startLsp({ rootUri: ws.uri });
    try {
      for (const h of HOSTILE.filter((x) => !ONLY || ONLY.includes(x.name))) {
        const text = h.build(SIZE);
        writeFileSync(join(ws.dir, REL(h.name)), text);
        const t0 = performance.now();
        const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, REL(h.name), '--format', 'json'], { cwd: ws.dir, encoding: 'utf8', maxBuffer: 1 << 28 });
        const cliMs = performance.now() - t0;
        const kb = Number(r.stderr.trim().split('\n').pop());
        let degraded = false;
        try {
          degraded = (JSON.parse(r.stdout) as { files: { findings: { ruleId: string }[] }[] }).files[0]!.findings.some((f) => f.ruleId === 'RB004');
        } catch {
          throw new Error(`${h.name}: the CLI printed no JSON (exit ${r.status}): ${r.stderr.slice(0, 200)}`);
        }
        // The server: the longest wait for a hover answer while the document is opened, then edited.
        const uri = ws.docUri(REL(h.name));
        let stallMs = 0;
        let peak = 0;
        const probe = async (until: Promise<unknown>) => {
          let done = false;
          void until.then(() => (done = true));
          while (!done) {
            const q = performance.now();
            await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
            stallMs = Math.max(stallMs, performance.now() - q);
            peak = Math.max(peak, vmRssMb(s.proc.pid!));
            await new Promise((res) => setTimeout(res, 50));
          }
        };
        const o0 = performance.now();
        s.open(uri, text, 1);
        const opened = s.diagnostics(uri, (_d, p) => p.version === 1, 600_000);
        await probe(opened);
        const openMs = performance.now() - o0;
        const last = text.split(/\r\n|\r|\n/).length;
        const e0 = performance.now();
        s.change(uri, 2, [{ range: { start: { line: last, character: 0 }, end: { line: last, character: 0 } }, text: '\nmore\n' }]);
        const edited = s.diagnostics(uri, (_d, p) => p.version === 2, 600_000);
        await probe(edited);
        const editMs = performance.now() - e0;
        void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        const row = { name: h.name, cliMs: round(cliMs), ...(Number.isFinite(kb) ? { cliMb: round(kb / 1024) } : {}), degraded, openMs: round(openMs), editMs: round(editMs), stallMs: round(stallMs), serverMb: round(peak) };
        rows.push(row);
        process.stderr.write(`hostile ${JSON.stringify(row)}\n`);
      }
    } finally {
      await s.close();
    }
  } finally {
    ws.dispose();
  }
  const worst = <K extends 'cliMs' | 'stallMs'>(k: K) => rows.reduce((a, b) => (b[k] > a[k] ? b : a));
  const cli = worst('cliMs');
  const lsp = worst('stallMs');
  const maxMb = Math.max(...rows.map((r) => Math.max(r.cliMb ?? 0, r.serverMb)));
  return {
    rows,
    cases: {
      'hostile.cli': { median_ms: cli.cliMs, p95_ms: cli.cliMs, samples: rows.length, max_mb: maxMb, target: '≤ 2,000 ms and ≤ 500 MB per input (or RB004)', met: cli.cliMs <= 2000 && maxMb <= 500, note: `slowest of ${rows.length} inputs at ${SIZE} bytes: ${cli.name}${cli.degraded ? ' (RB004)' : ''}; ${rows.map((r) => `${r.name} ${r.cliMs} ms/${r.cliMb ?? '?'} MB${r.degraded ? '*' : ''}`).join(', ')} (* = RB004)` },
      'hostile.lsp': { median_ms: lsp.stallMs, p95_ms: lsp.stallMs, samples: rows.length, target: 'longest stall ≤ 1,000 ms', met: lsp.stallMs <= 1000, note: `longest wait for a hover answer while an input was opened or edited: ${lsp.name}; open/edit/stall ms: ${rows.map((r) => `${r.name} ${r.openMs}/${r.editMs}/${r.stallMs}`).join(', ')}` },
    },
  };
}

runWhenMain(import.meta.url, benchHostile);
