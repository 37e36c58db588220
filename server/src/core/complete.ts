// Front-matter completion, driven by schemas/runbook.schema.json and the workspace facts:
// missing keys as snippets, enum values with what they mean, the next free runbook id, today's
// date, owners/systems seen elsewhere, CODEOWNERS teams and Prometheus alert names. Reads the
// lines around the cursor (frontmatter-lines.ts), so it works while the YAML does not parse.
// Also completes step labels after "go to Step " in the body.
//
// Public API: complete(input) -> CompletionEntry[]  (the LSP layer maps entries 1:1 to items)
import type { Position } from './model/text.js';
import type { ResolvedConfig, WorkspaceFacts } from './types.js';
import { defaultConfig } from './config.js';
import { localToday } from './check.js';
import { nextFreeId } from './ids.js';
import { categoryOf } from './paths.js';
import { ownersOf } from './rules/rb503-codeowners.js';
import { REQUIRED_KEYS, keyLines, safetyLines } from './frontmatter-edit.js';
import { lineEndAt } from './model/frontmatter.js';
import { STEP_HEADING } from './model/runbook.js';
import { isTemplatePlaceholder } from './placeholders.js';
import {
  enumOf,
  frontMatterBlock,
  isListKey,
  keysAt,
  listValuesAt,
  placeAt,
  schemaAt,
  type FmBlock,
  type FmPlace,
} from './frontmatter-lines.js';

export interface CompleteInput {
  text: string;
  position: Position;
  /** Workspace-relative POSIX path (category → id area). */
  path?: string;
  config?: ResolvedConfig;
  workspace?: WorkspaceFacts;
  /** `YYYY-MM-DD`; defaults to the local date. */
  today?: string;
  /** `runbooks.defaultOwner`: offered first for `owner`. */
  defaultOwner?: string;
  /**
   * The client inserts snippets (LSP `completionItem.snippetSupport`); default true. Without them a
   * key completes to `key: ` only, never with a value the author did not pick.
   */
  snippets?: boolean;
}

export type CompletionKind = 'key' | 'value' | 'enum' | 'reference' | 'date' | 'id' | 'step';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range` on the cursor line; a snippet (`${1:x}`) when `snippet`. */
  insertText: string;
  snippet: boolean;
  range: { line: number; start: number; end: number };
  filterText?: string;
  sortText: string;
  preselect?: boolean;
  /** A key whose value is picked from candidates: a client may open completion again after inserting it. */
  suggestValues?: boolean;
  /** Other edits on other lines (closing an unclosed front matter). */
  additionalEdits?: { line: number; start: number; end: number; newText: string }[];
}

const SAFETY_ORDER = ['impact', 'rollback'];

/** Completion entries at a position; empty outside the front matter (and outside "go to Step"). */
export function complete(input: CompleteInput): CompletionEntry[] {
  const fm = frontMatterBlock(input.text);
  if (input.position.line === 0) {
    // Starting a runbook: an empty first line or a `---` with nothing under it yet.
    const line0 = fm ? fm.lines[0]! : (lineAt(input.text, 0) ?? '');
    const fresh = !fm || (!fm.closed && keysAt(fm, []).size === 0);
    if (fresh && /^-{0,3}$/.test(line0) && input.position.character <= line0.length) {
      return skeletonEntries(new Ctx(input, fm ?? { lines: [line0], closeLine: 0, closed: false }), input.position, line0);
    }
    return [];
  }
  if (fm && input.position.line < fm.closeLine) {
    const place = placeAt(fm, input.position);
    if (!place) return [];
    const ctx = new Ctx(input, fm);
    switch (place.kind) {
      case 'key':
        return place.existing ? [] : keyEntries(ctx, place);
      case 'value':
        return valueEntries(ctx, place);
      case 'item':
        return itemEntries(ctx, place);
    }
  }
  return stepEntries(input);
}

class Ctx {
  readonly config: ResolvedConfig;
  readonly ws: WorkspaceFacts;
  readonly today: string;
  constructor(
    readonly input: CompleteInput,
    readonly fm: FmBlock,
  ) {
    this.config = input.config ?? defaultConfig();
    this.ws = input.workspace ?? { runbooks: [], alerts: [] };
    this.today = input.today ?? localToday();
  }

  /** Candidate values (with detail/doc) for a key or its list items. */
  candidates(path: string[]): Candidate[] {
    const key = path.join('.');
    const e = enumOf(path);
    if (e) return e.values.map((v, i) => ({ value: v, kind: 'enum', detail: e.descriptions[i]?.split(':')[0], documentation: e.descriptions[i] }));
    switch (key) {
      case 'runbook_id': {
        const category = this.input.path ? categoryOf(this.input.path) : undefined;
        const id = nextFreeId(category, this.config, this.ws, this.input.path);
        return [{ value: id, kind: 'id', detail: category ? `next free id in ${category}/` : 'next free id', documentation: schemaAt(path)?.description, preselect: true }];
      }
      case 'last_reviewed':
        return [{ value: this.today, kind: 'date', detail: 'today', documentation: schemaAt(path)?.description, preselect: true }];
      case 'title': {
        const h1 = firstH1(this.input.text, this.fm.closeLine);
        return h1 ? [{ value: h1, kind: 'value', detail: 'the H1 of this runbook' }] : [];
      }
      case 'owner':
        return this.owners();
      case 'systems_affected':
        return this.systems();
      case 'related_alerts':
        return this.ws.alerts.map((a) => ({
          value: a.name,
          kind: 'reference' as const,
          detail: `alert${a.severity ? ` (${a.severity})` : ''} — ${a.path}`,
          documentation: a.expr ? `\`\`\`promql\n${a.expr}\n\`\`\`` : undefined,
        }));
      default:
        return [];
    }
  }

  /**
   * Owners in the order the author most likely means: the configured default, the CODEOWNERS owner
   * of this file, owners of runbooks in the same category folder, other runbooks' owners, then
   * CODEOWNERS teams. Only the first two are preselected: they are the author's or the repo's choice.
   */
  private owners(): Candidate[] {
    const out = new Map<string, Candidate & { rank: number }>();
    const add = (v: string | undefined, detail: string, rank: number) => {
      const value = v?.trim();
      if (!value || /^<.*>$/.test(value)) return;
      const prev = out.get(value);
      if (prev) {
        prev.count = (prev.count ?? 1) + 1;
        if (rank < prev.rank) Object.assign(prev, { rank, detail });
      } else out.set(value, { value, kind: 'value', detail, count: 1, rank });
    };
    const team = (o: string) => (o.includes('/') ? o.replace(/^@/, '').split('/').pop() : undefined);
    add(this.input.defaultOwner, 'runbooks.defaultOwner', 0);
    const rules = this.ws.codeowners?.rules ?? [];
    const path = this.input.path;
    for (const o of (path && ownersOf(rules, path)) || []) add(team(o), `CODEOWNERS owner of this file (${o})`, 1);
    const category = path ? categoryOf(path) : undefined;
    for (const r of this.ws.runbooks) {
      if (r.path === path) continue;
      const same = !!category && categoryOf(r.path) === category;
      add(r.owner, same ? `owner of runbooks in ${category}/` : 'owner of other runbooks', same ? 2 : 3);
    }
    for (const rule of rules) for (const o of rule.owners) add(team(o), `CODEOWNERS team ${o}`, 4);
    const sorted = [...out.values()].sort((a, b) => a.rank - b.rank || (b.count ?? 0) - (a.count ?? 0));
    return sorted.map(({ rank, ...c }, i) => ({ ...c, preselect: i === 0 && rank <= 1 }));
  }

  private systems(): Candidate[] {
    const counts = new Map<string, number>();
    for (const r of this.ws.runbooks) {
      if (r.path === this.input.path) continue;
      for (const s of r.systems ?? []) if (s && !/^<.*>$/.test(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    // The seed's own examples, after what the workspace uses.
    for (const s of ['cluster', 'gitops', 'api', 'storage']) if (!counts.has(s)) counts.set(s, 0);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([value, n]) => ({ value, kind: 'value' as const, detail: n ? `used by ${n} runbook${n === 1 ? '' : 's'}` : 'common system', count: n }));
  }
}

interface Candidate {
  value: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  preselect?: boolean;
  count?: number;
}

function keyEntries(ctx: Ctx, place: Extract<FmPlace, { kind: 'key' }>): CompletionEntry[] {
  const order = place.parent.length === 0 ? [...REQUIRED_KEYS] : place.parent.join('.') === 'safety' ? SAFETY_ORDER : [];
  const present = keysAt(ctx.fm, place.parent, place.line);
  const range = { line: place.line, start: place.start, end: place.end };
  const snippets = ctx.input.snippets !== false;
  // Without snippets the text goes in as a completion word, which cannot hold a line break.
  const close = closing(ctx.fm, place.line, snippets);
  return order
    .filter((k) => !present.has(k))
    .map((k, i) => {
      const path = [...place.parent, k];
      const s = schemaAt(path);
      const suggestValues = snippets && ctx.candidates(path).length > 0;
      return {
        label: k,
        kind: 'key' as const,
        detail: place.parent.length ? `${place.parent.join('.')}.${k}` : s?.type === 'array' ? 'list' : s?.type,
        documentation: keyDoc(path),
        insertText: (snippets ? keyWithValue(path) : `${k}: `) + (close?.inline ?? ''),
        snippet: snippets,
        range,
        sortText: String(i).padStart(2, '0'),
        preselect: i === 0,
        suggestValues: suggestValues || undefined,
        additionalEdits: close?.edit ? [close.edit] : undefined,
      };
    });
}

/**
 * In a front matter that is not closed yet: the closing `---`, either appended to the key being
 * inserted (the cursor is on the block's last line; `inline` clients only) or inserted after the
 * block's last content line.
 */
function closing(fm: FmBlock, line: number, inline: boolean): { inline?: string; edit?: NonNullable<CompletionEntry['additionalEdits']>[number] } | undefined {
  if (fm.closed) return undefined;
  let at = fm.closeLine;
  while (at - 1 > line && fm.lines[at - 1]!.trim() === '') at--;
  if (at < fm.lines.length) return { edit: { line: at, start: 0, end: 0, newText: '---\n' } }; // on the blank line after the content
  if (at - 1 === line) return inline ? { inline: '\n---' } : undefined;
  const last = fm.lines[at - 1]!;
  return { edit: { line: at - 1, start: last.length, end: last.length, newText: '\n---' } };
}

/** Markdown for a key: its description, allowed values and whether it is required. */
export function keyDoc(path: string[]): string | undefined {
  const s = schemaAt(path);
  if (!s) return undefined;
  const parts = [`**${path.join('.')}**${s.type ? ` — ${s.type === 'array' ? 'list' : s.type}` : ''}`, s.description ?? ''];
  const e = enumOf(path);
  if (e) parts.push(e.values.map((v, i) => `- \`${v}\`${e.descriptions[i] ? ` — ${e.descriptions[i]!.replace(/^\S+ — /, '')}` : ''}`).join('\n'));
  const example = s['x-placeholder'] ?? s.items?.['x-placeholder'];
  if (example) parts.push(`Example: \`${example}\``);
  return parts.filter(Boolean).join('\n\n');
}

/**
 * A key with an empty tab stop for its value, where the author types or picks (completion opens
 * again on the candidates): never a value the author did not choose.
 */
function keyWithValue(path: string[]): string {
  const key = path[path.length - 1]!;
  if (key === 'safety' && path.length === 1) return ['safety:', ...SAFETY_ORDER.map((k, i) => `  ${k}: "$${i + 1}"`)].join('\n');
  if (schemaAt(path)?.type === 'array') return `${key}:\n  - "$1"`;
  if (key === 'runbook_id') return 'runbook_id: $1';
  return `${key}: "$1"`;
}

/**
 * A key of the front-matter skeleton, tab stops numbered from `n`: the seed's placeholder as the
 * text the author types over (reported until replaced), a choice list whose first entry is that
 * placeholder, and only the facts the item promises (next free id, today) or the configured owner.
 */
function skeletonKey(ctx: Ctx, path: string[], n: number): string {
  const key = path[path.length - 1]!;
  const e = enumOf(path);
  const field = (i: number, p: string[]) => {
    const placeholder = seedPlaceholder(p);
    const en = enumOf(p);
    return en ? `\${${i}|${[placeholder, ...en.values].map(escChoice).join(',')}|}` : `\${${i}:${escSnippet(placeholder)}}`;
  };
  if (key === 'safety' && path.length === 1) return ['safety:', ...SAFETY_ORDER.map((k, i) => `  ${k}: "${field(n + i, ['safety', k])}"`)].join('\n');
  if (key === 'runbook_id') return `runbook_id: \${${n}:${escSnippet(ctx.candidates(path)[0]?.value ?? seedPlaceholder(path))}}`;
  if (key === 'last_reviewed') return `last_reviewed: "\${${n}:${ctx.today}}"`;
  if (key === 'title' || key === 'owner') {
    // The runbook's own H1; the configured owner or the CODEOWNERS owner of this file (preselected ones).
    const chosen = ctx.candidates(path).find((c) => key === 'title' || c.preselect)?.value;
    return `${key}: "\${${n}:${escSnippet(chosen ?? seedPlaceholder(path))}}"`;
  }
  if (schemaAt(path)?.type === 'array') return `${key}:\n  - "${e ? field(n, path) : `\${${n}:${escSnippet(seedPlaceholder(path))}}`}"`;
  return `${key}: "${field(n, path)}"`;
}

/** The seed template's placeholder for a key (`<required access/tools>`), as the RB103 fix writes it. */
function seedPlaceholder(path: string[]): string {
  const lines = path.length === 2 && path[0] === 'safety' ? safetyLines(path[1]!) : keyLines(path[0]!, { id: '', today: '' });
  return /"((?:[^"\\]|\\.)*)"\s*$/.exec(lines[lines.length - 1]!)?.[1] ?? `<${path[path.length - 1]}>`;
}

/** On the first line of a file without front matter: the whole block, every key a tab stop. */
function skeletonEntries(ctx: Ctx, position: Position, line0: string): CompletionEntry[] {
  const snippets = ctx.input.snippets !== false;
  let n = 1;
  const body = REQUIRED_KEYS.map((k) => {
    if (!snippets) return k === 'safety' ? ['safety:', ...SAFETY_ORDER.map((s) => `  ${s}: `)].join('\n') : `${k}: `;
    const text = skeletonKey(ctx, [k], n);
    n += k === 'safety' ? SAFETY_ORDER.length : 1;
    return text;
  });
  return [
    {
      label: '--- runbook front matter',
      kind: 'key',
      detail: snippets ? 'every required key, next free id, last_reviewed today' : 'every required key',
      documentation: snippets
        ? "Inserts the front matter of the seed's runbook template with the next free `runbook_id` and today's date; Tab moves from placeholder to placeholder."
        : 'Inserts every required key of the front matter, for you to fill in.',
      insertText: ['---', ...body, '---', snippets ? '$0' : ''].join('\n'),
      snippet: snippets,
      range: { line: position.line, start: 0, end: line0.length },
      filterText: '---',
      sortText: '00',
      preselect: true,
    },
  ];
}

function valueEntries(ctx: Ctx, place: Extract<FmPlace, { kind: 'value' }>): CompletionEntry[] {
  const list = isListKey(place.path);
  const inside = insideQuotes(ctx, place);
  const range = { line: place.line, start: place.start, end: place.end };
  return ctx.candidates(place.path).map((c, i) => {
    if (inside) return entry(c, inside.text(c.value), inside.range, i, inside.filter ?? c.value);
    const v = quoteAs(c.value, place.quote, c.kind, place.typed);
    return entry(c, (place.spaceNeeded ? ' ' : '') + (list ? `[${v}]` : v), range, i, place.quote ? place.quote + c.value : list ? `[${c.value}` : c.value);
  });
}

function itemEntries(ctx: Ctx, place: Extract<FmPlace, { kind: 'item' }>): CompletionEntry[] {
  const present = new Set(listValuesAt(ctx.fm, place.path, place.flow ? undefined : place.line));
  if (place.flow) {
    // The token under the cursor is being replaced; it is not "already listed".
    const t = place.typed.replace(/^["']/, '');
    if (t) present.delete(t);
  }
  // Lists whose items must be unique leave out what is listed; others offer it last.
  const unique = schemaAt(place.path)?.uniqueItems === true;
  const range = { line: place.line, start: place.start, end: place.end };
  const inside = insideQuotes(ctx, place);
  const cands = ctx.candidates(place.path).filter((c) => !unique || !present.has(c.value));
  const ordered = [...cands.filter((c) => !present.has(c.value)), ...cands.filter((c) => present.has(c.value)).map((c) => ({ ...c, detail: 'already listed', preselect: false }))];
  return ordered.map((c, i) => {
    if (inside) return entry(c, inside.text(c.value), inside.range, i, inside.filter ?? c.value);
    const v = quoteAs(c.value, place.quote, place.flow ? 'flow' : c.kind, place.typed);
    const text = (place.dash ? '- ' : place.spaceNeeded ? ' ' : '') + v;
    return entry(c, text, range, i, (place.dash ? '' : place.quote) + c.value);
  });
}

/**
 * When the cursor is inside the quotes the author opened (`"P|"`, `"P|`): the range of the quoted
 * content only, so a client that inserts the new text as it is (Neovim's omnifunc) neither doubles
 * the quotes nor loses the prefix typed after the quote; an open quote is closed.
 */
function insideQuotes(ctx: Ctx, place: { line: number; start: number; end: number; quote: string }): { range: CompletionEntry['range']; text: (v: string) => string; filter?: string } | undefined {
  const q = place.quote;
  const ch = ctx.input.position.character;
  if (!q || ch <= place.start) return undefined;
  const line = ctx.fm.lines[place.line]!;
  let close = -1;
  for (let i = place.start + 1; i < place.end; i++) {
    if (q === '"' && line[i] === '\\') i++;
    else if (line[i] === q) {
      if (q === "'" && line[i + 1] === "'") i++;
      else {
        close = i;
        break;
      }
    }
  }
  if (close >= 0 && ch > close) return undefined; // after the closing quote: the whole scalar is replaced
  const escape = (v: string) => (q === '"' ? JSON.stringify(v).slice(1, -1) : v.replace(/'/g, "''"));
  // Over a template placeholder (a snippet's `<Team or role>`, selected): every value replaces it,
  // so the placeholder is what each entry is filtered by, not the value.
  const typed = line.slice(place.start + 1, ch);
  return {
    range: { line: place.line, start: place.start + 1, end: close >= 0 ? close : place.end },
    text: (v) => escape(v) + (close >= 0 ? '' : q),
    filter: typed && isTemplatePlaceholder(typed) ? typed : undefined,
  };
}

function entry(c: Candidate, insertText: string, range: CompletionEntry['range'], i: number, filterText: string): CompletionEntry {
  return {
    label: c.value,
    kind: c.kind,
    detail: c.detail,
    documentation: c.documentation,
    insertText,
    snippet: false,
    range,
    filterText,
    sortText: String(i).padStart(3, '0'),
    preselect: c.preselect || undefined,
  };
}

/**
 * A YAML scalar in the quote style the author started with: the quote typed, no quotes after an
 * unquoted prefix (ids, flow items and plain words stay plain), else double quotes as the template.
 */
function quoteAs(v: string, quote: string, kind: CompletionKind | 'flow', typed = ''): string {
  if (quote === "'") return `'${v.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(v);
  if ((kind === 'id' || kind === 'flow' || typed.trim() !== '') && /^[A-Za-z0-9][\w./@-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~|\d[\d.:-]*)$/i.test(v)) return v;
  return JSON.stringify(v);
}

function escSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

function escChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, (c) => '\\' + c);
}

/** The first `# ` heading after the front matter (scanned lazily: stops at the first one). */
function firstH1(text: string, fromLine: number): string | undefined {
  let pos = 0;
  let line = 0;
  let fence = false;
  while (pos < text.length) {
    const l = lineEndAt(text, pos);
    if (line > fromLine) {
      const t = text.slice(pos, l.contentEnd);
      if (/^\s{0,3}(```|~~~)/.test(t)) fence = !fence;
      const m = !fence ? /^#\s+(.+?)\s*#*\s*$/.exec(t) : null;
      if (m) return m[1]!.includes('<') ? undefined : m[1];
    }
    pos = l.next;
    line++;
  }
  return undefined;
}

/** After "go to Step " (or "→ Step "): the step labels of this runbook's headings. */
function stepEntries(input: CompleteInput): CompletionEntry[] {
  const { text, position } = input;
  const lineText = lineAt(text, position.line);
  if (lineText === undefined) return [];
  const before = lineText.slice(0, position.character);
  const m = /(?:→|->|=>|\bgo\s*to|\bcontinue\s+(?:with|at|to)|\bproceed\s+to|\bskip\s+to|\bback\s+to)\s*Step\s+(\d{0,4}[A-Za-z]?)$/i.exec(before);
  if (!m) return [];
  const start = position.character - m[1]!.length;
  const end = start + /^\d{0,4}[A-Za-z]?/.exec(lineText.slice(start))![0].length;
  const out: CompletionEntry[] = [];
  let pos = 0;
  let fence = false;
  while (pos < text.length) {
    const l = lineEndAt(text, pos);
    const t = text.slice(pos, l.contentEnd);
    if (/^\s{0,3}(```|~~~)/.test(t)) fence = !fence;
    const h = !fence ? /^#{2,6}\s+(.*?)\s*#*\s*$/.exec(t) : null;
    const s = h ? STEP_HEADING.exec(h[1]!) : null;
    if (s) {
      const label = s[1]! + (s[2] ?? '');
      out.push({ label, kind: 'step', detail: h![1], insertText: label, snippet: false, range: { line: position.line, start, end }, sortText: String(out.length).padStart(3, '0') });
    }
    pos = l.next;
  }
  return out;
}

function lineAt(text: string, line: number): string | undefined {
  let pos = 0;
  for (let i = 0; i < line; i++) {
    const l = lineEndAt(text, pos);
    if (l.next === l.contentEnd) return undefined; // no line break: there is no next line
    pos = l.next;
  }
  return text.slice(pos, lineEndAt(text, pos).contentEnd);
}
