// bench/results.json, bench/results.md and the ratio bar chart bench/ratios.svg (hand-written SVG).
import { writeFileSync } from 'node:fs';
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
