// Output formats: text, json, sarif, github. Each gets the files one by one (streaming) and a
// summary at the end. No format prints source lines, so no detected secret can leak through them.
import { pathToFileURL } from 'node:url';
import { ruleDocUrl } from '../core/docs.js';
import { escapeControls } from '../core/controls.js';
import { rules } from '../core/rules/index.js';
import type { Severity } from '../core/types.js';
import { VERSION, type Format } from './args.js';
import type { FilterMode } from './filter-mode.js';
import type { FileResult, OutFinding } from './check-file.js';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings with a safe fix: what `--fix` applies. */
  fixable: number;
  /** Findings whose fix is a suggestion: a quick fix in the editor, or `--fix --rule <id>`. */
  suggestions: number;
  /** Findings about a placeholder a person still has to replace ("fill in …"), e.g. one a fix inserted. */
  placeholders: number;
  /** With --fix: findings whose fix was applied (or would be, with --dry-run). */
  fixed?: number;
  /** Files changed (or that would change) by --fix. */
  filesFixed?: number;
  /** Findings left out because runbook-lint-suppressions.json lists them. */
  suppressed: number;
  /** Findings of the checked files left out by `--filter-mode` (not on the lines the change touched). */
  filtered: number;
  /** Files that could not be read or written. */
  ioErrors: number;
}

export interface FormatContext {
  out: NodeJS.WritableStream;
  color: boolean;
  quiet: boolean;
  fix: boolean;
  dryRun: boolean;
  /** Repository root (SARIF uri base). */
  root: string;
  /** Total files in the run (text shows clean files' DoD only in small runs). */
  total: number;
  /** What was compared against in --changed mode. */
  changedBase?: string;
  filterMode?: FilterMode;
}

export interface Formatter {
  file(r: FileResult): void;
  end(s: Summary): void;
}

/** Findings the output shows (`--quiet`: errors only). */
export function visible(r: FileResult, quiet: boolean): OutFinding[] {
  return quiet ? r.findings.filter((f) => f.severity === 'error') : r.findings;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export function summaryLine(s: Summary): string {
  const fixes = [...(s.fixable ? [`${s.fixable} fixable with --fix`] : []), ...(s.suggestions ? [`${s.suggestions} with a suggested fix`] : []), ...(s.suppressed ? [`${s.suppressed} suppressed`] : []), ...(s.filtered ? [`${s.filtered} on unchanged lines not shown`] : [])];
  return `${plural(s.files, 'file')} checked: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}${fixes.length ? ` (${fixes.join(', ')})` : ''}`;
}

// ---------------------------------------------------------------------------- text

/** Clean files still get their header line (with the DoD score) in runs up to this size. */
export const TEXT_LIST_CLEAN_UP_TO = 50;

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;

function textFormatter(ctx: FormatContext): Formatter {
  const paint = (code: keyof typeof ANSI, s: string) => (ctx.color ? `\x1b[${ANSI[code]}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };
  const w = (s: string) => ctx.out.write(s + '\n');
  const shows: Record<FilterMode, string> = { added: 'findings on added or changed lines', diff_context: 'findings in the changed hunks', file: 'every finding', nofilter: 'every runbook' };
  // Repository text (paths, titles in messages, diff lines) is printed with its control characters escaped (D14).
  const safe = escapeControls;
  if (ctx.changedBase) w(paint('dim', `Runbooks changed against ${safe(ctx.changedBase)}${ctx.filterMode ? ` (--filter-mode ${ctx.filterMode}: ${shows[ctx.filterMode]})` : ''}:`));
  return {
    file(r) {
      if (r.error) return; // IO problems go to stderr
      const shown = visible(r, ctx.quiet);
      if (r.diff) ctx.out.write(safe(r.diff));
      if (!shown.length && (ctx.quiet || ctx.total > TEXT_LIST_CLEAN_UP_TO) && !r.fixed) return;
      // The header has no `:line:col severity RBxxx` part, so the $runbook-lint problem matcher skips it.
      const failing = r.dod?.items.filter((i) => i.status === 'fail').map((i) => i.item) ?? [];
      const confirm = r.dod?.items.filter((i) => i.status === 'manual').map((i) => i.item) ?? [];
      const notes = [failing.length ? `open: ${failing.join(', ')}` : '', confirm.length ? `a person confirms: ${confirm.join(', ')}` : ''].filter(Boolean);
      const dod = r.dod ? `  DoD ${r.dod.score}/${r.dod.total}${notes.length ? ` (${notes.join('; ')})` : ''}` : '';
      const fixed = r.fixed ? `  (${ctx.dryRun ? 'would fix' : 'fixed'} ${r.fixed})` : '';
      w(paint('bold', safe(r.display)) + paint(r.dod && !failing.length ? 'green' : 'dim', dod) + fixed);
      for (const f of shown) {
        // One finding per line, `path:line:col severity RBxxx message`: the problem matcher's regexp.
        w(`${safe(r.display)}:${f.start.line + 1}:${f.start.character + 1} ${paint(sevColor[f.severity], f.severity)} ${f.ruleId} ${safe(f.message)}`);
      }
    },
    end(s) {
      if (ctx.fix && s.fixed !== undefined) {
        // A fix that inserts a placeholder leaves a "fill in" finding: it is counted as remaining, and said so.
        const fill = s.placeholders ? ` (${plural(s.placeholders, 'placeholder')} to fill in)` : '';
        w(`${ctx.dryRun ? 'Would fix' : 'Fixed'} ${plural(s.fixed, 'problem')} in ${plural(s.filesFixed ?? 0, 'file')}; ${s.errors + s.warnings + s.infos} remaining${fill}.`);
      }
      w(summaryLine(s));
    },
  };
}

// ---------------------------------------------------------------------------- json

/** One file of the JSON output (docs/cli-json.md documents this shape). */
export function jsonFile(r: FileResult, quiet: boolean) {
  return {
    path: r.display,
    findings: visible(r, quiet).map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      message: f.message,
      range: { start: { line: f.start.line + 1, column: f.start.character + 1 }, end: { line: f.end.line + 1, column: f.end.character + 1 } },
      fixable: f.fixable,
      ...(f.fix ? { fix: f.fix } : {}),
      docsUrl: ruleDocUrl(f.ruleId),
      ...(f.related ? { related: f.related.map((x) => ({ message: x.message, ...(x.path ? { path: x.path } : {}), ...(x.line !== undefined ? { line: x.line + 1, column: (x.character ?? 0) + 1 } : {}) })) } : {}),
      ...(f.meta ? { meta: f.meta } : {}),
    })),
    ...(r.dod ? { dod: r.dod } : {}),
    ...(r.fixed !== undefined ? { fixed: r.fixed } : {}),
    ...(r.suppressed ? { suppressed: r.suppressed } : {}),
    ...(r.filtered ? { filtered: r.filtered } : {}),
    ...(r.diff !== undefined ? { diff: r.diff } : {}),
  };
}

/**
 * Streams `{"version":1,"files":[...],"summary":{...}}`, byte-identical to JSON.stringify(whole, null, 2),
 * in writes of about 64 KB (one write per file cost a warm --cache run over 390 files ~5% of its time).
 */
function jsonFormatter(ctx: FormatContext): Formatter {
  let first = true;
  const io: { path: string; message: string }[] = [];
  let pending = `{\n  "version": 1,\n  "tool": ${nested({ name: 'runbook-lint', version: VERSION }, 1)},\n  "files": [`;
  return {
    file(r) {
      if (r.error) {
        io.push({ path: r.display, message: r.error });
        return;
      }
      pending += `${first ? '' : ','}\n    ${nested(jsonFile(r, ctx.quiet), 2)}`;
      first = false;
      if (pending.length >= 65536) {
        ctx.out.write(pending);
        pending = '';
      }
    },
    end(s) {
      ctx.out.write(`${pending}${first ? '' : '\n  '}],\n  "ioErrors": ${nested(io, 1)},\n  "summary": ${nested(s, 1)}\n}\n`);
    },
  };
}

/**
 * JSON.stringify(value, null, 2) as it reads `depth` levels deep inside an indented document: the value
 * is stringified inside `depth` arrays and the brackets cut off (no second pass to indent the text).
 */
function nested(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Level k (1-based) opens with "[\n" + 2k spaces and closes with "\n" + 2(k-1) spaces + "]".
  const open = depth * (depth + 3);
  const close = depth * (depth + 1);
  return text.slice(open, text.length - close);
}

// ---------------------------------------------------------------------------- sarif

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function sarifRules() {
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.description },
    fullDescription: { text: r.rationale ?? r.description },
    helpUri: ruleDocUrl(r.id),
    help: { text: `${r.description} See ${ruleDocUrl(r.id)}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
    properties: { tags: ['runbook', ...(r.dod ? [`dod:${r.dod}`] : [])], fixable: r.fixable, ...(r.dod ? { dod: r.dod } : {}) },
  }));
}

/**
 * SARIF 2.1.0: the whole rule registry as `tool.driver.rules` (written first), then results as
 * they come, then the artifacts (one a file, with its DoD score) and the invocation.
 * Regions carry positions only, never snippets.
 */
function sarifFormatter(ctx: FormatContext): Formatter {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts: unknown[] = [];
  const notifications: unknown[] = [];
  let first = true;
  const rootUri = pathToFileURL(ctx.root.endsWith('/') ? ctx.root : ctx.root + '/').href;
  const head = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
  };
  const driver = { name: 'runbook-lint', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/runbook-authoring/runbook-authoring', rules: sarifRules() };
  ctx.out.write(`${JSON.stringify(head).slice(0, -1)},"runs":[{"tool":{"driver":${JSON.stringify(driver)}},"columnKind":"utf16CodeUnits","originalUriBaseIds":{"SRCROOT":{"uri":${JSON.stringify(rootUri)}}},"results":[`);
  const uri = (p: string) => encodeURI(p).replace(/[?#]/g, encodeURIComponent);
  return {
    file(r) {
      if (r.error) {
        notifications.push({ level: 'error', message: { text: `${r.path} ${r.error}` }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path), uriBaseId: 'SRCROOT' } } }] });
        return;
      }
      const index = artifacts.length;
      artifacts.push({
        location: { uri: uri(r.path), uriBaseId: 'SRCROOT' },
        ...(r.dod ? { properties: { dodScore: r.dod.score, dodTotal: r.dod.total, dodMissing: r.dod.items.filter((i) => i.status === 'fail').map((i) => i.item) } } : {}),
      });
      for (const f of visible(r, ctx.quiet)) {
        const result = {
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(r.path), uriBaseId: 'SRCROOT', index },
                region: { startLine: f.start.line + 1, startColumn: f.start.character + 1, endLine: f.end.line + 1, endColumn: f.end.character + 1 },
              },
            },
          ],
          ...(f.related ? { relatedLocations: f.related.map((x, id) => ({ id, message: { text: x.message }, ...(x.line !== undefined ? { physicalLocation: { artifactLocation: { uri: uri(x.path ?? r.path), uriBaseId: 'SRCROOT' }, region: { startLine: x.line + 1, startColumn: (x.character ?? 0) + 1 } } } : {}) })) } : {}),
          properties: { fixable: f.fixable, ...(f.fix ? { fix: f.fix } : {}), ...(f.meta ?? {}) },
        };
        ctx.out.write((first ? '' : ',') + JSON.stringify(result));
        first = false;
      }
    },
    end(s) {
      const invocation = { executionSuccessful: s.ioErrors === 0, toolExecutionNotifications: notifications };
      ctx.out.write(`],"artifacts":${JSON.stringify(artifacts)},"invocations":[${JSON.stringify(invocation)}],"properties":{"summary":${JSON.stringify(s)}}}]}\n`);
    },
  };
}

// ---------------------------------------------------------------------------- github

/** Workflow-command escaping: data escapes %, CR, LF; property values also `:` and `,`. Other control
 *  characters (ESC, BEL: terminal escapes in the log) are shown as `\x1b`-style text first (D14). */
export function escapeData(s: string): string {
  return escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GH_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One workflow-command annotation line for a finding in `path`. */
export function githubAnnotation(path: string, f: Pick<OutFinding, 'ruleId' | 'ruleName' | 'severity' | 'message' | 'start' | 'end'>): string {
  const props = [
    `file=${escapeProperty(path)}`,
    `line=${f.start.line + 1}`,
    `col=${f.start.character + 1}`,
    `endLine=${f.end.line + 1}`,
    ...(f.end.line === f.start.line ? [`endColumn=${f.end.character + 1}`] : []),
    `title=${escapeProperty(`${f.ruleId} ${f.ruleName}`)}`,
  ];
  return `::${GH_LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
}

function githubFormatter(ctx: FormatContext): Formatter {
  return {
    file(r) {
      if (r.error) {
        ctx.out.write(`::error file=${escapeProperty(r.path)},title=runbook-lint::${escapeData(`${r.path} ${r.error}`)}\n`);
        return;
      }
      for (const f of visible(r, ctx.quiet)) ctx.out.write(githubAnnotation(r.path, f));
    },
    end(s) {
      ctx.out.write(summaryLine(s) + '\n');
    },
  };
}

export function makeFormatter(format: Format, ctx: FormatContext): Formatter {
  switch (format) {
    case 'json':
      return jsonFormatter(ctx);
    case 'sarif':
      return sarifFormatter(ctx);
    case 'github':
      return githubFormatter(ctx);
    default:
      return textFormatter(ctx);
  }
}
