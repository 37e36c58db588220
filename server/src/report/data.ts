// The health report of a runbook tree as data: summary cards, DoD by category, review ages,
// owners and one line per runbook (./facts.ts). `runbook-lint report --format json` prints it
// (without the SVGs); ./html.ts draws it. Pure: the shells (CLI, language server) collect the files.
import type { ReportFile } from './facts.js';
import { coverageReport, type CoverageContext } from '../core/coverage.js';

export interface ReportData {
  version: 1;
  tool: { name: 'runbook-lint'; version: string };
  /** The day the ages are counted to (YYYY-MM-DD). */
  today: string;
  summary: {
    runbooks: number;
    errors: number;
    warnings: number;
    infos: number;
    /** Runbooks by DoD score: index = score (0–7). */
    dodDistribution: number[];
    dodAverage: number;
    /** Runbooks whose last_reviewed is older than their review.maxAgeDays. */
    staleReviews: number;
    /** Runbooks without a valid last_reviewed date. */
    noReviewDate: number;
    /** The review limit most runbooks use (the chart's threshold line). */
    maxAgeDays: number;
    /**
     * Alerts in the repository's rule files that no runbook covers. `null` while the build has no
     * alert-coverage feature (issue 19): the card is then left out. This is the extension point.
     */
    alertsWithoutRunbooks: number | null;
    /** Files that could not be read. */
    ioErrors: number;
  };
  categories: { category: string; runbooks: number; dodAverage: number; errors: number }[];
  owners: { owner: string; runbooks: string[] }[];
  files: ReportFile[];
  ioErrors: { path: string; message: string }[];
}

export const NO_CATEGORY = '(no category)';
export const NO_OWNER = '(no owner)';

const round1 = (n: number) => Math.round(n * 10) / 10;

function mostCommon(values: number[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** Folder groups for files outside a category: the second folder below the one all of them share (else the first). */
function fillAreas(files: ReportFile[]): void {
  const loose = files.filter((f) => !f.category);
  if (!loose.length) return;
  const dirs = loose.map((f) => f.path.split('/').slice(0, -1));
  let common = 0;
  while (dirs.every((d) => d.length > common && d[common] === dirs[0]![common])) common++;
  loose.forEach((f, i) => {
    const below = dirs[i]!.slice(common, common + 2).filter((s) => s !== '..' && s !== '.');
    f.area = below.length ? `${below[below.length - 1]}/` : NO_CATEGORY;
  });
}

/** Alerts of the repository's rule files with no runbook (none, or a link to nothing); null without alert rules. */
export function alertsWithoutRunbooks(ctx: CoverageContext): number | null {
  const r = coverageReport(ctx);
  return r.hasAlerts ? r.summary.missing + r.summary.dangling : null;
}

export function buildReport(files: ReportFile[], opts: { today: string; version: string; ioErrors?: { path: string; message: string }[]; alertsWithoutRunbooks?: number | null }): ReportData {
  fillAreas(files);
  const total = files[0]?.dod.total ?? 7;
  const dodDistribution = Array.from({ length: total + 1 }, () => 0);
  for (const f of files) dodDistribution[Math.min(total, f.dod.score)]!++;
  const sum = (pick: (f: ReportFile) => number, of = files) => of.reduce((a, f) => a + pick(f), 0);
  const byCategory = new Map<string, ReportFile[]>();
  const byOwner = new Map<string, string[]>();
  for (const f of files) {
    const c = f.area;
    byCategory.set(c, [...(byCategory.get(c) ?? []), f]);
    const o = f.owner?.trim() || NO_OWNER;
    byOwner.set(o, [...(byOwner.get(o) ?? []), f.path]);
  }
  const ioErrors = opts.ioErrors ?? [];
  return {
    version: 1,
    tool: { name: 'runbook-lint', version: opts.version },
    today: opts.today,
    summary: {
      runbooks: files.length,
      errors: sum((f) => f.counts.errors),
      warnings: sum((f) => f.counts.warnings),
      infos: sum((f) => f.counts.infos),
      dodDistribution,
      dodAverage: files.length ? round1(sum((f) => f.dod.score) / files.length) : 0,
      staleReviews: files.filter((f) => f.stale).length,
      noReviewDate: files.filter((f) => f.reviewAgeDays === undefined).length,
      maxAgeDays: mostCommon(files.map((f) => f.maxAgeDays), 180),
      alertsWithoutRunbooks: opts.alertsWithoutRunbooks ?? null,
      ioErrors: ioErrors.length,
    },
    categories: [...byCategory.entries()]
      .map(([category, fs]) => ({ category, runbooks: fs.length, dodAverage: round1(sum((f) => f.dod.score, fs) / fs.length), errors: sum((f) => f.counts.errors, fs) }))
      .sort((a, b) => (a.category === NO_CATEGORY ? 1 : b.category === NO_CATEGORY ? -1 : a.category.localeCompare(b.category))),
    owners: [...byOwner.entries()].map(([owner, runbooks]) => ({ owner, runbooks })).sort((a, b) => b.runbooks.length - a.runbooks.length || a.owner.localeCompare(b.owner)),
    files,
    ioErrors,
  };
}

/** The JSON document of `report --format json`: everything but the SVG drawings. */
export function reportJson(data: ReportData): string {
  return JSON.stringify({ ...data, files: data.files.map((f) => ({ ...f, graph: { ...f.graph, svg: undefined } })) }, null, 2) + '\n';
}
