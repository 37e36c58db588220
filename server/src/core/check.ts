// The checking engine: text + config + workspace facts -> findings (each with its fix).
import { parseRunbook, type Runbook } from './model/runbook.js';
import { defaultConfig } from './config.js';
import { rules, ruleByIdOrName } from './rules/index.js';
import { parseSuppressions, applySuppressions } from './suppress.js';
import { categoryOf, isTemplatePath } from './paths.js';
import type { Finding, ResolvedConfig, Rule, RuleContext, WorkspaceFacts, Severity } from './types.js';
import { EMPTY_WORKSPACE } from './types.js';
import { scrubFindings } from './scrub.js';
import { withAliases } from './aliases.js';
import { eolOf } from './model/text.js';
import { inPieces, parseRunbookIncremental, PIECE_CHARS } from './incremental.js';
import type { Degradation } from './budget.js';
import type { OffsetRange } from './model/text.js';
import { localToday } from './today.js';

/** Files over this size get only the rules marked `runsOnLargeFiles` (secrets), and RB003 says so. */
export const MAX_FULL_CHECK_BYTES = 5 * 1024 * 1024;

/**
 * Findings one rule reports on one document (a 1 MB runbook of real text: at most ~850 per rule; the corpora: 20). Past it the
 * rest are left out and RB004 says how many from where: 11,000 step headings made 31,000 findings, whose
 * fingerprints, JSON and diagnostics cost more than the check (issue 21).
 */
export const MAX_FINDINGS_PER_RULE = 1000;

export interface CheckInput {
  text: string;
  /** Workspace-relative POSIX path (category, template and id rules use it). */
  path?: string;
  config?: ResolvedConfig;
  workspace?: WorkspaceFacts;
  /** `YYYY-MM-DD`; defaults to the local date. */
  today?: string;
  changed?: { lastReviewedChanged: boolean };
  /** Only run these rule ids. */
  only?: string[];
  /** A runbook model already parsed from `text` (the incremental path reuses it). */
  runbook?: Runbook;
}

export interface CheckResult {
  findings: Finding[];
  runbook: Runbook;
  /** Rules that threw: reported by the shells as internal errors, never as a crash. */
  internalErrors: { ruleId: string; message: string }[];
}

export { localToday };

export function check(input: CheckInput): CheckResult {
  return drain(checkSteps(input));
}

/** Runs a step generator to its end (the synchronous form of checkSteps, parseSteps, fixAllSteps). */
export function drain<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * check() one rule at a time: the generator yields after each rule, so a caller can give other work a
 * turn (an editor's next request) or stop when the result is no longer wanted (`return()`); nothing is
 * left half-done between two rules.
 */
export function* checkSteps(input: CheckInput): Generator<void, CheckResult, void> {
  const config = input.config ?? defaultConfig();
  const large = input.text.length > MAX_FULL_CHECK_BYTES;
  // A long text is parsed in pieces (incremental.ts, the same model): one micromark run over a large text
  // slows down more than linearly (a 300 KB runbook of step headings: 7 s whole, 2 s in pieces).
  // So is a shorter one that costs as much (inPieces). Only decided when there is no model yet: the editor's
  // IncrementalChecker passes its own, and the cost estimate is a scan of up to 128 KB per keystroke.
  const pieced = () => !large && input.text.length > PIECE_CHARS / 4 && inPieces(input.text, 0);
  const runbook = input.runbook ?? (pieced() ? parseRunbookIncremental(undefined, input.text, input.path) : parseRunbook(input.text, input.path, { skipMarkdown: large }));
  const template = input.path ? isTemplatePath(input.path) : false;
  const findings: Finding[] = [];
  const internalErrors: CheckResult['internalErrors'] = [];
  // Rules see aliased front-matter keys under their template names; the result keeps the model as parsed.
  const fm = withAliases(runbook.frontMatter, config.aliases);
  const base = {
    runbook: fm === runbook.frontMatter ? runbook : { ...runbook, frontMatter: fm },
    config,
    workspace: input.workspace ?? EMPTY_WORKSPACE,
    today: input.today ?? localToday(),
    category: input.path ? categoryOf(input.path, config.areas) : undefined,
    changed: input.changed,
  };
  const selected = rules.filter((r) => {
    if (r.appliesTo) return false; // alert rule files: core/alert-check.ts
    if ((config.rules[r.id]?.severity ?? r.defaultSeverity) === 'off') return false;
    if (input.only && !input.only.includes(r.id)) return false;
    if (large && !r.runsOnLargeFiles) return false;
    if (template && !r.runsOnTemplates) return false;
    return true;
  });
  const leftOut: Degradation[] = [];
  const run = (r: Rule, extra: Partial<RuleContext> = {}) => {
    const rc = config.rules[r.id];
    const severity = (rc?.severity ?? r.defaultSeverity) as Severity;
    let reported = 0;
    let over: { first: OffsetRange; count: number } | undefined;
    const ctx: RuleContext = {
      ...base,
      ...extra,
      options: rc?.options ?? {},
      report: (f) => {
        if (++reported > MAX_FINDINGS_PER_RULE) {
          if (over) over.count++;
          else over = { first: clampRange(f.range, runbook.text.length), count: 1 };
          return;
        }
        findings.push({
          ruleId: r.id,
          ruleName: r.name,
          severity: f.severity && severity === r.defaultSeverity ? f.severity : severity,
          message: f.message,
          range: clampRange(f.range, runbook.text.length),
          fix: f.fix,
          related: f.related,
          meta: f.meta,
        });
      },
    };
    try {
      r.check(ctx);
    } catch (e) {
      internalErrors.push({ ruleId: r.id, message: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
    }
    if (over) {
      const line = runbook.lines.positionAt(over.first.start).line + 1;
      leftOut.push({ message: `${r.id} (${r.name}) found more than ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} problems, the findings budget of one rule: ${over.count.toLocaleString('en-US')} more, from line ${line.toLocaleString('en-US')} on, are not reported`, range: over.first });
    }
  };
  for (const r of selected) {
    if (r.post || r.runsLast) continue;
    run(r);
    yield;
  }
  for (const r of selected) {
    if (r.post || !r.runsLast) continue;
    run(r, { leftOut });
    yield;
  }
  const sups = parseSuppressions(runbook, (x) => ruleByIdOrName(x)?.id);
  const kept = applySuppressions(findings, sups, runbook);
  findings.splice(0, findings.length, ...kept);
  for (const r of selected) {
    if (!r.post) continue;
    run(r, { suppressions: sups });
    yield;
  }
  scrubFindings(runbook, findings);
  sameLineBreaks(findings, eolOf(input.text));
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, runbook, internalErrors };
}

/** Text a fix inserts uses the document's own line break (rules write LF or the model's; a CR-only file reads as LF). */
function sameLineBreaks(findings: Finding[], eol: string): void {
  if (eol === '\n') return;
  for (const f of findings) for (const e of f.fix?.edits ?? []) if (/[\r\n]/.test(e.newText)) e.newText = e.newText.replace(/\r\n|\r|\n/g, eol);
}

function clampRange(r: { start: number; end: number }, len: number) {
  const start = Math.max(0, Math.min(r.start, len));
  return { start, end: Math.max(start, Math.min(r.end, len)) };
}

