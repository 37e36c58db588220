// The health report's charts as inline SVG: average DoD score by category (horizontal bars) and
// review age (a histogram of days since last_reviewed with the review limit marked). Each chart has
// a <title>, axis labels (class "axis-label") and colours from the page's CSS variables.
import { DOD_BEST } from '../core/dod.js';
import { escapeXml } from '../core/graph/index.js';
import type { ReportData } from './data.js';

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

/** Round tick step for a maximum (1, 2, 5 × 10^k) giving at most ~6 ticks. */
function tickStep(max: number): number {
  const raw = Math.max(1, max) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return Math.max(1, [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!);
}

function frame(id: string, title: string, w: number, h: number, body: string): string {
  return `<svg class="chart-svg" role="img" aria-labelledby="${id}-title" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><title id="${id}-title">${escapeXml(title)}</title>${body}</svg>`;
}

export function dodByCategoryChart(data: ReportData): string {
  const rows = data.categories;
  const total = data.files[0]?.dod.total ?? 7;
  const left = 30 + Math.max(60, ...rows.map((r) => Math.min(24, r.category.length) * 7.5));
  const plotW = 380;
  const rowH = 26;
  const top = 12;
  const plotH = Math.max(1, rows.length) * rowH;
  const w = left + plotW + 130;
  const h = top + plotH + 48;
  const x = (v: number) => left + (v / total) * plotW;
  const parts: string[] = [];
  for (let t = 0; t <= total; t++) {
    parts.push(`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${top + plotH}"/><text class="tick" x="${x(t)}" y="${top + plotH + 16}" text-anchor="middle">${t}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const bw = Math.max(1, x(r.dodAverage) - left);
    parts.push(
      `<g class="bar-row" data-category="${escapeXml(r.category)}" data-value="${r.dodAverage}"><title>${escapeXml(`${r.category}: average DoD ${f1(r.dodAverage)}/${total} over ${r.runbooks} runbook${r.runbooks === 1 ? '' : 's'}`)}</title>` +
        `<text class="cat" x="${left - 8}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="central">${escapeXml(r.category.length > 24 ? `${r.category.slice(0, 23)}…` : r.category)}</text>` +
        `<rect class="bar ${r.dodAverage >= DOD_BEST - 0.05 ? 'bar-ok' : r.dodAverage < total / 2 ? 'bar-bad' : 'bar-mid'}" x="${left}" y="${y + 5}" width="${bw.toFixed(1)}" height="${rowH - 10}" rx="2"/>` +
        `<text class="val" x="${(left + bw + 6).toFixed(1)}" y="${y + rowH / 2}" dominant-baseline="central">${f1(r.dodAverage)} · ${r.runbooks} runbook${r.runbooks === 1 ? '' : 's'}</text></g>`,
    );
  });
  parts.push(`<line class="axis" x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}"/><line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}"/>`);
  parts.push(`<text class="axis-label" x="${left + plotW / 2}" y="${h - 6}" text-anchor="middle">average DoD score (of ${total})</text>`);
  parts.push(`<text class="axis-label" transform="translate(12 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">category</text>`);
  return frame('chart-dod', 'Average DoD score by category', w, h, parts.join(''));
}

const BIN = 30;
const BINS = 24; // 0–719 days, then "720+"

export function reviewAgeChart(data: ReportData): string {
  const limit = data.summary.maxAgeDays;
  const counts = Array.from({ length: BINS + 1 }, () => 0);
  for (const f of data.files) if (f.reviewAgeDays !== undefined) counts[Math.min(BINS, Math.max(0, Math.floor(f.reviewAgeDays / BIN)))]!++;
  const noDate = data.summary.noReviewDate;
  const max = Math.max(1, ...counts, noDate);
  const step = tickStep(max);
  const yMax = Math.ceil(max / step) * step;
  const left = 52;
  const top = 22;
  const plotH = 180;
  const binW = 20;
  const plotW = (BINS + 1) * binW;
  const gap = 26;
  const w = left + plotW + gap + binW + 70;
  const h = top + plotH + 52;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const xDays = (d: number) => left + (Math.min(d, BINS * BIN + BIN) / BIN) * binW;
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) parts.push(`<line class="grid" x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${left - 6}" y="${y(v)}" text-anchor="end" dominant-baseline="central">${v}</text>`);
  counts.forEach((c, i) => {
    if (!c) return;
    const from = i * BIN;
    const label = i === BINS ? `${from}+ days` : `${from}–${from + BIN - 1} days`;
    parts.push(`<rect class="bar ${from + BIN - 1 > limit ? 'bar-bad' : 'bar-ok'}" x="${left + i * binW + 1}" y="${y(c).toFixed(1)}" width="${binW - 2}" height="${(top + plotH - y(c)).toFixed(1)}"><title>${escapeXml(`${label}: ${c} runbook${c === 1 ? '' : 's'}`)}</title></rect>`);
  });
  for (let d = 0; d <= BINS * BIN; d += 90) parts.push(`<text class="tick" x="${xDays(d)}" y="${top + plotH + 16}" text-anchor="middle">${d === BINS * BIN ? `${d}+` : d}</text>`);
  const nx = left + plotW + gap;
  if (noDate) parts.push(`<rect class="bar bar-none" x="${nx}" y="${y(noDate).toFixed(1)}" width="${binW}" height="${(top + plotH - y(noDate)).toFixed(1)}"><title>${escapeXml(`no valid last_reviewed: ${noDate} runbook${noDate === 1 ? '' : 's'}`)}</title></rect>`);
  parts.push(`<text class="tick" x="${nx + binW / 2}" y="${top + plotH + 16}" text-anchor="middle">no date</text>`);
  const lx = xDays(limit);
  parts.push(`<line class="threshold" x1="${lx}" x2="${lx}" y1="${top - 8}" y2="${top + plotH}"/><text class="threshold-label" x="${lx + 4}" y="${top - 10}">review limit: ${limit} days</text>`);
  parts.push(`<line class="axis" x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}"/><line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}"/>`);
  parts.push(`<text class="axis-label" x="${left + plotW / 2}" y="${h - 6}" text-anchor="middle">days since last_reviewed</text>`);
  parts.push(`<text class="axis-label" transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">runbooks</text>`);
  return frame('chart-review', `Review age (days since last_reviewed, limit ${limit} days)`, w, h, parts.join(''));
}

/** The DoD distribution as a small column chart for its card (runbooks per score 0–7). */
export function dodSpark(data: ReportData): string {
  const d = data.summary.dodDistribution;
  const max = Math.max(1, ...d);
  const w = d.length * 16;
  const bars = d
    .map((c, i) => `<rect class="bar ${i >= DOD_BEST ? 'bar-ok' : i < d.length / 2 ? 'bar-bad' : 'bar-mid'}" x="${i * 16 + 2}" y="${(34 - (c / max) * 30).toFixed(1)}" width="12" height="${Math.max(c ? 1 : 0, (c / max) * 30).toFixed(1)}"><title>DoD ${i}/${d.length - 1}: ${c} runbook${c === 1 ? '' : 's'}</title></rect><text class="tick" x="${i * 16 + 8}" y="46" text-anchor="middle">${i}</text>`)
    .join('');
  return `<svg class="spark" role="img" aria-label="Runbooks by DoD score" width="${w}" height="50" viewBox="0 0 ${w} 50"><title>Runbooks by DoD score (0–${d.length - 1})</title>${bars}</svg>`;
}
