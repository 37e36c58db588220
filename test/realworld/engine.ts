// The engine over real runbooks written by others (../shared/corpora and ../shared/team-runbooks),
// for the labelled precision/recall set in labels.json: every file of each repository checked with
// its repository as the workspace (links resolve there, static-site generators are detected there),
// and the template-independent findings (RB3xx, RB4xx, RB505, RB207, RB211) kept.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { check } from '../../server/src/core/check.js';
import { resolveConfig } from '../../server/src/core/config.js';
import { detectSecrets } from '../../server/src/core/secrets/index.js';
import { stepScope } from '../../server/src/core/commands/index.js';
import type { Finding, WorkspaceFacts } from '../../server/src/core/types.js';
import { runbookFact } from '../../server/src/workspace/index.js';
import { SHARED } from '../helpers/corpus.js';

export { SHARED };

/** The repositories, relative to the shared folder; each is one workspace. */
export const REPOS = [
  'corpora/openshift-runbooks',
  'corpora/prometheus-operator-runbooks',
  'team-runbooks/longhorn-kb',
  'team-runbooks/cloud-gov-ops',
  'team-runbooks/govwifi-dev-docs',
  'team-runbooks/agglayer-runbooks',
];

/** The rules that hold whatever the template. */
export const IN_SCOPE = ['RB207', 'RB211', 'RB301', 'RB302', 'RB303', 'RB304', 'RB401', 'RB402', 'RB403', 'RB404', 'RB405', 'RB505'];

export const available = (): boolean => REPOS.every((r) => existsSync(join(SHARED, r)));

export interface RealFinding {
  /** Relative to the shared folder. */
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
  col: number;
  rule: string;
  /** The part of a rule with several findings per line (RB211: `why` or `expect`). */
  kind?: string;
  message: string;
  /** RB301/RB302 report one write per step: the lines of that step (1-based, inclusive). */
  step?: { from: number; to: number };
  finding: Finding;
}

const isDoc = (name: string) => name !== 'LICENSE.md' && (name.endsWith('.md') || name.endsWith('.md.erb') || !name.includes('.') && name !== 'LICENSE');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (isDoc(e)) out.push(p);
  }
  return out;
}

const config = resolveConfig({ include: ['**/*.md', '**/*.md.erb', '**/*'], exclude: ['!**/README.md'] });

export interface RepoFile {
  /** Relative to the shared folder. */
  file: string;
  /** Relative to the repository (what the core sees). */
  path: string;
  text: string;
}

/** Every checked file of one repository. */
export function repoFiles(repo: string): RepoFile[] {
  const root = join(SHARED, repo);
  return walk(root).map((abs) => ({ file: relative(SHARED, abs), path: relative(root, abs), text: readFileSync(abs, 'utf8') }));
}

/** Findings of the in-scope rules over every repository (or only the files `keep` accepts). */
export function realworldFindings(keep: (file: string) => boolean = () => true): RealFinding[] {
  const out: RealFinding[] = [];
  for (const repo of REPOS) {
    const root = join(SHARED, repo);
    const files = repoFiles(repo);
    const workspace: WorkspaceFacts = {
      runbooks: files.map((f) => runbookFact(f.path, f.text)),
      alerts: [],
      exists: (p: string) => existsSync(join(root, p)),
    };
    for (const f of files) {
      if (!keep(f.file)) continue;
      const r = check({ text: f.text, path: f.path, config, workspace, today: '2026-12-01', only: IN_SCOPE });
      for (const x of r.findings) {
        const lines = r.runbook.lines;
        const pos = lines.positionAt(x.range.start);
        const kind = typeof x.meta?.['part'] === 'string' ? x.meta['part'] : undefined;
        let step: RealFinding['step'];
        if (x.ruleId === 'RB301' || x.ruleId === 'RB302') {
          const sc = stepScope(r.runbook, x.range.start).range;
          step = { from: lines.positionAt(sc.start).line + 1, to: lines.positionAt(Math.max(sc.start, sc.end - 1)).line + 1 };
        }
        out.push({ file: f.file, line: pos.line + 1, col: pos.character + 1, rule: x.ruleId, kind, message: x.message, step, finding: x });
      }
    }
  }
  return out;
}

/** A file's lines with every detected secret value replaced by `<REDACTED:kind>` (for listings);
 *  a value's line breaks are kept, so line numbers stay those of the file. */
export function redactedLines(text: string): string[] {
  const secrets = detectSecrets(text).sort((a, b) => b.start - a.start);
  let t = text;
  for (const s of secrets) {
    const breaks = text.slice(s.start, s.end).match(/\r\n|\r|\n/g) ?? [];
    t = t.slice(0, s.start) + `<REDACTED:${s.kind}>` + breaks.join('') + t.slice(s.end);
  }
  return t.split(/\r\n|\r|\n/);
}
