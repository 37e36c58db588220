// bench/results.json, bench/results.md and the ratio bar chart bench/ratios.svg (hand-written SVG).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CaseResult {
  median_ms?: number;
  p95_ms?: number;
  samples?: number;
  peer?: string;
  peer_median_ms?: number;
  /** median / peer median (time: lower is better). */
  ratio?: number;
  /** Memory cases. */
  median_mb?: number;
  max_mb?: number;
  target?: string;
  met?: boolean;
  note?: string;
}

export interface Results {
  machine: Record<string, string | number>;
  started: string;
  duration_s: number;
  cases: Record<string, CaseResult>;
}

export function writeResults(dir: string, r: Results): void {
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r, null, 2) + '\n');
  writeFileSync(join(dir, 'results.md'), markdown(r));
  writeFileSync(join(dir, 'ratios.svg'), svg(r));
  // The README's tables come from the same results (scripts/gen.mts checks they still do).
  const readme = join(dir, '..', 'README.md');
  if (existsSync(readme)) writeFileSync(readme, withReadmeTables(readFileSync(readme, 'utf8'), r));
}

/** Replaces what lies between <!-- bench:start --> and <!-- bench:end --> with readmeTables(r). */
export function withReadmeTables(readme: string, r: Results): string {
  return readme.replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, (_m, a: string, b: string) => `${a}${readmeTables(r)}\n${b}`);
}

/** Rows of the README's comparison table: case, what it compares (the peer's median and the ratio come from the case). */
const COMPARED: [string, string][] = [
  ['corpus.check', 'corpus.check vs markdownlint ({corpus})'],
  ['corpus.check.vs.parseFloor', 'corpus.check vs parse floor (remark-parse + gfm + yaml)'],
  ['100kb.check', '100 KB runbook: check vs markdownlint'],
  ['seed.check', 'seed-sized runbook: check vs markdownlint'],
  ['secrets.1mib', 'secrets, 1 MiB vs secretlint'],
  ['cli.corpus', 'runbook-lint CLI vs markdownlint-cli2 (corpus, whole process)'],
  ['lsp.open.100kb', 'open a 100 KB real-text runbook: first diagnostics vs markdownlint on the same text'],
  ['lsp.open.1mb', 'open a 1 MB real-text runbook: first diagnostics vs markdownlint on the same text'],
];

/** Rows of the README's latency table: case, label, the issue's target (shown when the case was not run). */
const LATENCY: [string, string, string?][] = [
  ['lsp.keystroke.10kb', 'keystroke → diagnostics, 10 KB runbook, nothing else in flight'],
  ['lsp.keystroke.100kb', 'keystroke → diagnostics, 100 KB'],
  ['lsp.keystroke.1mb', 'keystroke → diagnostics, 1 MB'],
  ['lsp.editor.10kb', "keystroke → diagnostics with the editor's requests, 10 KB real text", 'p95 ≤ 50 ms'],
  ['lsp.editor.100kb', "keystroke → diagnostics with the editor's requests, 100 KB real text", 'p95 ≤ 80 ms'],
  ['lsp.editor.1mb', "keystroke → diagnostics with the editor's requests, 1 MB real text", 'p95 ≤ 150 ms'],
  ['lsp.editor.10kb.cursor', 'code actions, outline, completion at the cursor while typing, 10 KB', 'p95 ≤ 30 ms'],
  ['lsp.editor.100kb.cursor', 'code actions, outline, completion at the cursor while typing, 100 KB', 'p95 ≤ 30 ms'],
  ['lsp.editor.1mb.cursor', 'code actions, outline, completion at the cursor while typing, 1 MB', 'p95 ≤ 30 ms'],
  ['lsp.open.100kb', 'open → first diagnostics, 100 KB real text (fresh server)', 'p95 ≤ 300 ms'],
  ['lsp.open.1mb', 'open → first diagnostics, 1 MB real text (fresh server)', 'p95 ≤ 1500 ms'],
  ['core.incremental.1mb', 'core only: one edit of a 1 MB runbook (parse + all rules)'],
  ['lsp.completion.2000lines', 'front-matter completion, 2,000 lines'],
  ['server.initialize', 'server start to `initialize` result'],
  ['cli.report.corpora', '`runbook-lint report` over the corpora and team runbooks (whole process)', 'median ≤ 5000 ms'],
  ['server.rss', 'server memory, 1,000 runbooks and 50 open (median peak of the servers)'],
];

const verdict = (c: CaseResult) => (c.target ? `${c.target} ${c.met ? '✅' : '❌'}` : '  ');

/** The README's performance tables, rendered from a results.json. */
export function readmeTables(r: Results): string {
  const c = r.cases;
  const m = r.machine;
  const files = /^(\d+) files/.exec(String(m.corpus ?? ''))?.[1];
  const out: string[] = [
    `Numbers below: \`npm run bench\` of ${r.started.slice(0, 16).replace('T', ' ')} UTC on ${m.cpu} (${m.cores} cores), Node ${m.node}, load average ${m.loadavg} at start, ${r.duration_s} s (bench/results.json; this block is rendered from it).`,
    '',
    '| comparison | ours (median) | peer (median) | ratio | target |',
    '|---|---|---|---|---|',
  ];
  for (const [name, label] of COMPARED) {
    const k = c[name];
    if (!k?.ratio) continue;
    out.push(`| ${label.replace('{corpus}', files ? `${files} files` : 'corpora')} | ${fmt(k.median_ms)} ms | ${fmt(k.peer_median_ms)} ms | ${fmt(k.ratio, 2)}× | ${k.target?.startsWith('ratio') ? verdict(k) : '  '} |`);
  }
  out.push('', '| latency / memory | median | p95 | target |', '|---|---|---|---|');
  for (const [name, label, target] of LATENCY) {
    const k = c[name];
    if (!k) {
      out.push(`| ${label} | not in this run |   | ${target ?? '  '} |`);
      continue;
    }
    if (k.median_mb !== undefined) out.push(`| ${label} | ${fmt(k.median_mb)} MB |   | ${verdict(k)} |`);
    else out.push(`| ${label} | ${fmt(k.median_ms)} ms | ${fmt(k.p95_ms)} ms | ${k.target?.startsWith('ratio') ? '  ' : verdict(k)} |`);
  }
  const samples = c['secrets.samples']?.note;
  if (samples) out.push('', `Secret detection on the labelled samples in \`../shared/secrets-samples\` (same run): ${samples}.`);
  const missed = Object.entries(c).filter(([, k]) => k.met === false).map(([n, k]) => `${n} (${k.target}: ${k.ratio !== undefined && k.target?.startsWith('ratio') ? `${fmt(k.ratio, 2)}×` : k.target?.startsWith('median') ? `median ${fmt(k.median_ms)} ms` : k.p95_ms !== undefined ? `p95 ${fmt(k.p95_ms)} ms` : `${fmt(k.median_mb)} MB`})`);
  out.push('', missed.length ? `Targets not met in this run: ${missed.join('; ')}.` : 'Every target was met in this run.');
  return out.join('\n');
}

const fmt = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(d));

export function markdown(r: Results): string {
  const rows = Object.entries(r.cases).map(([name, c]) => {
    const value = c.median_mb !== undefined ? `${fmt(c.median_mb)} MB (max ${fmt(c.max_mb)})` : `${fmt(c.median_ms)} ms`;
    const p95 = c.p95_ms !== undefined ? `${fmt(c.p95_ms)} ms` : '';
    const peer = c.peer ? `${c.peer} ${fmt(c.peer_median_ms)} ms` : '';
    const ratio = c.ratio !== undefined ? `${fmt(c.ratio, 2)}×` : '';
    const target = c.target ? `${c.target} ${c.met ? '✅' : '❌'}` : '';
    return `| ${name} | ${value} | ${p95} | ${peer} | ${ratio} | ${target}${c.note ? ` ${c.note}` : ''} |`;
  });
  const m = r.machine;
  return [
    '# Benchmark results',
    '',
    `Run ${r.started} on ${m.cpu} (${m.cores} cores), Node ${m.node}, load average ${m.loadavg} at start; ${r.duration_s} s. ` +
      'Medians and p95 over ≥ 10 iterations after warm-up; compared cases ran interleaved in the same process, ' +
      'so ratios are from the same run. Regenerate with `npm run bench`.',
    '',
    '| case | median | p95 | peer (median) | ratio | target |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '![ratios](ratios.svg)',
    '',
  ].join('\n');
}

/** Horizontal bars: each ratio against its peer, with the target as a dashed mark. */
export function svg(r: Results): string {
  const bars = Object.entries(r.cases)
    .filter(([, c]) => c.ratio !== undefined)
    .map(([name, c]) => ({ name, ratio: c.ratio!, limit: limitOf(c.target), met: c.met }));
  const W = 760;
  const left = 300;
  const barH = 22;
  const gap = 10;
  const top = 40;
  const H = top + bars.length * (barH + gap) + 40;
  const max = Math.max(1.5, ...bars.map((b) => Math.max(b.ratio, b.limit ?? 0))) * 1.1;
  const x = (v: number) => left + (v / max) * (W - left - 60);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">Time relative to the peer (lower is better; dashed: target)</text>`,
  ];
  for (const t of [0, 0.5, 1, 1.5, 2, 3, 4, 5].filter((t) => t <= max)) {
    out.push(`<line x1="${x(t)}" y1="${top - 6}" x2="${x(t)}" y2="${H - 30}" stroke="${t === 1 ? '#888' : '#e5e5e5'}"/>`);
    out.push(`<text x="${x(t)}" y="${H - 16}" text-anchor="middle" fill="#555">${t}×</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * (barH + gap);
    const color = b.met === false ? '#d9534f' : b.met ? '#2e8b57' : '#8c9bab';
    out.push(`<text x="${left - 8}" y="${y + barH / 2 + 4}" text-anchor="end">${esc(b.name)}</text>`);
    out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(b.ratio) - left)}" height="${barH}" fill="${color}"/>`);
    out.push(`<text x="${x(b.ratio) + 4}" y="${y + barH / 2 + 4}">${b.ratio.toFixed(2)}×</text>`);
    if (b.limit !== undefined) out.push(`<line x1="${x(b.limit)}" y1="${y - 3}" x2="${x(b.limit)}" y2="${y + barH + 3}" stroke="#000" stroke-width="2" stroke-dasharray="4 3"/>`);
  });
  out.push('</svg>', '');
  return out.join('\n');
}

function limitOf(target: string | undefined): number | undefined {
  const m = target && /ratio ≤ ([\d.]+)/.exec(target);
  return m ? Number(m[1]) : undefined;
}
