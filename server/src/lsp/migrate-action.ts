// "Convert to the runbook template (migrate)": the editor's side of `runbook-lint migrate`.
//
// Offered (kind refactor.rewrite, never preferred, never in fix-all) on a checked runbook that core
// migrate can convert and that is not already template-shaped. The offer reads only the model of the
// server's stored check (no parse, no migration: the lightbulb asks at every cursor move); the edit
// is computed in codeAction/resolve by core/migrate.ts (the CLI's own conversion, with its
// guarantees: nothing invented, placeholders reported, commands byte for byte) and sent as the
// line diff between the document and its migrated text, not as a whole-document replacement.
// Where the client supports change annotations the edits carry one with needsConfirmation, so the
// editor shows the result as a diff (VS Code: Refactor Preview) before anything is written.
import { CodeActionKind, type AnnotatedTextEdit, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { detectFormat, followsTemplate, migrate, type SourceFormat } from '../core/migrate.js';
import { composedEdits } from '../core/fix.js';
import { categoryOf } from '../core/paths.js';
import type { Runbook } from '../core/model/runbook.js';
import type { CheckResult } from '../core/check.js';
import type { ResolvedConfig, TextEdit as CoreEdit } from '../core/types.js';
import { myers, splitLines } from '../core/line-diff.js';
import { toRange } from './convert.js';

export const MIGRATE_KIND = CodeActionKind.RefactorRewrite;
/** The one change annotation the migration's edits carry. */
export const MIGRATE_ANNOTATION = 'runbook-lint.migrate';

/** What the client can do with a workspace edit (from its initialize capabilities). */
export interface EditSupport {
  /** `workspace.workspaceEdit.documentChanges`: versioned TextDocumentEdits. */
  documentChanges: boolean;
  /** `workspace.workspaceEdit.changeAnnotationSupport`: annotated edits (needsConfirmation). */
  changeAnnotations: boolean;
}

/** What a lazily resolved migrate action carries: which document, at which version. */
export interface MigrateData {
  migrate: { uri: string; version: number };
}

const FORMAT_NAME: Record<Exclude<SourceFormat, 'other'>, string> = {
  'alert-runbook': 'alert runbook',
  'docs-site': 'docs-site page',
  'how-to': 'how-to',
};

/**
 * Already the template's shape: a runbook_id in the front matter, or the template's Summary with its
 * Inputs or numbered steps (a draft from the template that lacks a key is fixed by the quick fixes,
 * not converted again).
 */
export function templateShaped(rb: Runbook): boolean {
  if (followsTemplate(rb)) return true;
  const data = rb.frontMatter?.data;
  if (data && typeof data === 'object' && 'runbook_id' in data) return true;
  const h2 = rb.sections.filter((s) => s.heading.depth === 2);
  return h2.some((s) => s.kind === 'summary') && h2.some((s) => s.kind === 'inputs' || /^step\s+\d/i.test(s.heading.text.trim()));
}

/** The format core migrate would convert `rb` from, or undefined when the action is not offered. */
export function migratableFormat(result: CheckResult): Exclude<SourceFormat, 'other'> | undefined {
  const rb = result.runbook;
  // A document a budget degraded (RB004) is not converted from a partial model.
  if (templateShaped(rb) || result.findings.some((f) => f.ruleId === 'RB004')) return undefined;
  const format = detectFormat(rb);
  return format === 'other' ? undefined : format;
}

/**
 * Does an automatic (lightbulb) request at `range` get the offer? Only on the lines that name the
 * runbook's shape: the front matter, the H1 and the H2 headings (or line 0 of a headingless page);
 * an explicit request (Ctrl+., Refactor…, Neovim's code_action) gets it anywhere.
 */
export function onShapeLine(rb: Runbook, range: Range): boolean {
  const { start, end } = range;
  const hit = (line: number) => line >= start.line && line <= end.line;
  if (hit(0)) return true;
  if (rb.frontMatter && start.line <= rb.lines.positionAt(rb.frontMatter.range.end).line) return true;
  return rb.headings.some((h) => h.depth <= 2 && hit(rb.lines.positionAt(h.range.start).line));
}

export function migrateOffer(uri: string, version: number, format: Exclude<SourceFormat, 'other'>): CodeAction {
  const data: MigrateData = { migrate: { uri, version } };
  // The title names the format only: nothing of the document's text (a heading may hold a secret).
  return { title: `Convert this ${FORMAT_NAME[format]} to the runbook template (migrate)`, kind: MIGRATE_KIND, isPreferred: false, data };
}

/** The migration of `rb` (the text of `uri` at `version`) as a workspace edit (undefined when core migrate changes nothing). */
export function migrateEdit(uri: string, version: number, rb: Runbook, path: string | undefined, config: ResolvedConfig, support: EditSupport): WorkspaceEdit | undefined {
  const text = rb.text;
  const m = migrate(text, path, { category: path ? categoryOf(path, config.areas) : undefined, config });
  if (m.text === text) return undefined;
  const edits: TextEdit[] = lineDiffEdits(text, m.text).map((e) => ({ range: toRange(rb.lines, e.range), newText: e.newText }));
  if (!support.documentChanges) return { changes: { [uri]: edits } };
  const textDocument = { uri, version };
  if (!support.changeAnnotations) return { documentChanges: [{ textDocument, edits }] };
  const annotated: AnnotatedTextEdit[] = edits.map((e) => ({ ...e, annotationId: MIGRATE_ANNOTATION }));
  return {
    documentChanges: [{ textDocument, edits: annotated }],
    changeAnnotations: {
      [MIGRATE_ANNOTATION]: {
        label: 'Convert to the runbook template',
        needsConfirmation: true,
        description: 'Every line of the original is kept and every command byte for byte; what the source does not say stays a placeholder to fill in.',
      },
    },
  };
}


/** A line of the author's text: not blank, not a heading (the migration renames those), not a bare fence. */
function contentLine(line: string): string | undefined {
  const t = line.trim();
  return t && !/^#{1,6}(?:\s|$)/.test(t) && !/^(?:`{3,}|~{3,})$/.test(t) ? t : undefined;
}

/**
 * Offset edits that turn `a` into `b`: one per changed run of lines, trimmed to what differs. Runs are
 * joined until each edit is whole on its own: text the migration moves (removed by one run, inserted
 * by another) is one edit, so applying some of the edits and not others (the Refactor Preview lets a
 * person untick any) never drops a line of the author's text.
 */
export function lineDiffEdits(a: string, b: string): CoreEdit[] {
  const al = splitLines(a);
  const bl = splitLines(b);
  const starts = [0];
  for (const l of al) starts.push(starts[starts.length - 1]! + l.length);
  type Hunk = { a0: number; a1: number; b0: number; b1: number };
  const hunks: Hunk[] = [];
  let hunk: Hunk | undefined;
  for (const op of myers(al, bl)) {
    if (op.kind === ' ') {
      if (hunk) hunks.push(hunk);
      hunk = undefined;
      continue;
    }
    hunk ??= { a0: op.a, a1: op.a, b0: op.b, b1: op.b };
    if (op.kind === '-') hunk.a1 = op.a + 1;
    else hunk.b1 = op.b + 1;
  }
  if (hunk) hunks.push(hunk);
  const original = new Set<string>();
  for (const l of al) {
    const c = contentLine(l);
    if (c) original.add(c);
  }
  const edits: CoreEdit[] = [];
  for (let i = 0; i < hunks.length; ) {
    // The author's lines this group removes minus those it inserts: zero for every line when whole.
    const net = new Map<string, number>();
    const add = (h: Hunk) => {
      for (let k = h.a0; k < h.a1; k++) {
        const c = contentLine(al[k]!);
        if (c) net.set(c, (net.get(c) ?? 0) - 1);
      }
      for (let k = h.b0; k < h.b1; k++) {
        const c = contentLine(bl[k]!);
        if (c && original.has(c)) net.set(c, (net.get(c) ?? 0) + 1);
      }
    };
    let j = i;
    add(hunks[j]!);
    while (j + 1 < hunks.length && [...net.values()].some((n) => n !== 0)) add(hunks[++j]!);
    const first = hunks[i]!;
    const last = hunks[j]!;
    edits.push({ range: { start: starts[first.a0]!, end: starts[last.a1]! }, newText: bl.slice(first.b0, last.b1).join('') });
    i = j + 1;
  }
  // One pass of disjoint edits: composedEdits trims each to the characters that differ.
  return composedEdits(a, [edits]);
}
