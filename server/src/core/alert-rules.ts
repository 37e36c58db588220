// Prometheus alerting rules read from YAML text: plain rule files (`groups: [{rules: […]}]`),
// `PrometheusRule` objects, several documents in one file, and Helm-templated files, which are
// parsed after blanking every `{{ … }}` (same offsets, line breaks kept). Each alert keeps the
// ranges the rule-file findings, fixes and editor features point at. Pure: text in, facts out.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex, lfForLoneCr, type OffsetRange } from './model/text.js';
import { yamlTooDeep } from './budget.js';

/** Annotation keys that name the alert's runbook, in order of preference. */
export const RUNBOOK_KEYS = ['runbook_url', 'runbook', 'runbookURL', 'runbookUrl', 'runbook_link', 'playbook', 'playbook_url'];

export interface AlertAnnotation {
  key: string;
  /** The value as written (templates included). */
  value: string;
  keyRange: OffsetRange;
  /** The scalar's range, quotes included. */
  valueRange: OffsetRange;
  /** The value holds a `{{ … }}` template. */
  templated: boolean;
}

export interface AlertRule {
  name: string;
  /** The `alert` key (line of the rule). */
  keyRange: OffsetRange;
  /** The alert name scalar. */
  nameRange: OffsetRange;
  /** Column of the `alert` key: the indentation of the rule's keys. */
  indent: number;
  severity?: string;
  expr?: string;
  annotations: AlertAnnotation[];
  /** The `annotations:` key of the rule, when it has one (where a new annotation goes). */
  annotationsKey?: { range: OffsetRange; childIndent?: number; flow: boolean };
  /** Offset after the last line of the rule (where an `annotations:` block goes when there is none). */
  end: number;
}

export interface AlertRulesFile {
  alerts: AlertRule[];
  /** Some document is a `PrometheusRule` object. */
  prometheusRule: boolean;
  /** `{{ … }}` templates were blanked before parsing. */
  templated: boolean;
  /** Documents that still did not parse: their alerts were read line by line (names only). */
  errors: { message: string; range: OffsetRange }[];
  /** Alerts read line by line from documents that did not parse (no annotations known). */
  unparsed: { name: string; line: number }[];
}

const ALERT_KEY = /^[ \t]*(?:-[ \t]*)?alert[ \t]*:/m;
const ALERT_NAME = /^[A-Za-z_:][\w:.-]*$/;
const PROMETHEUS_RULE = /^kind:[ \t]*["']?PrometheusRule["']?[ \t]*(?:#|$)/m;

/** Whether a YAML text may hold alert rules (cheap prefilter before parsing). */
export function mayHoldAlerts(text: string): boolean {
  return ALERT_KEY.test(text);
}

/** Whether a YAML text declares a `PrometheusRule` object. */
export function isPrometheusRuleText(text: string): boolean {
  return PROMETHEUS_RULE.test(text);
}

/** The `{{ … }}` spans of a text (an unclosed `{{` ends the list), found with indexOf: linear whatever the text. */
export function templateSpans(text: string): OffsetRange[] {
  const out: OffsetRange[] = [];
  let at = text.indexOf('{{');
  while (at >= 0) {
    const close = text.indexOf('}}', at + 2);
    if (close < 0) break;
    out.push({ start: at, end: close + 2 });
    at = text.indexOf('{{', close + 2);
  }
  return out;
}

/** Replaces every `{{ … }}` by spaces (line breaks kept), so offsets stay those of the original text. */
export function blankTemplates(text: string): string {
  let out = '';
  let last = 0;
  for (const t of templateSpans(text)) {
    out += text.slice(last, t.start) + text.slice(t.start, t.end).replace(/[^\r\n]/g, ' ');
    last = t.end;
  }
  return out + text.slice(last);
}

/** The alert name of a line `- alert: Name` (comments and quotes allowed), read without a regex over the whole line. */
export function alertNameOfLine(line: string): string | undefined {
  let t = line.trim();
  if (t.startsWith('-')) t = t.slice(1).trimStart();
  if (!t.startsWith('alert')) return undefined;
  t = t.slice(5).trimStart();
  if (!t.startsWith(':')) return undefined;
  t = t.slice(1);
  const hash = t.indexOf(' #');
  t = (hash >= 0 ? t.slice(0, hash) : t).trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]!)) t = t.slice(1, -1);
  return ALERT_NAME.test(t) ? t : undefined;
}

export function parseAlertRules(text: string): AlertRulesFile {
  const out: AlertRulesFile = { alerts: [], prometheusRule: false, templated: false, errors: [], unparsed: [] };
  if (!mayHoldAlerts(text)) return out;
  const hasTemplates = text.includes('{{');
  const source = hasTemplates ? blankTemplates(text) : text;
  out.templated = hasTemplates;
  // Nesting over the budget never reaches the YAML parser (core/budget.ts): the alert lines are read instead.
  const deep = yamlTooDeep(source);
  if (deep) {
    out.errors.push({ message: `The file ${deep.message}: not read as YAML`, range: { start: deep.offset, end: deep.offset + 1 } });
    readByLine(text, 0, text.length, out);
    return out;
  }
  let docs;
  try {
    docs = parseAllDocuments(lfForLoneCr(source), { prettyErrors: false, keepSourceTokens: false });
  } catch (e) {
    out.errors.push({ message: e instanceof Error ? e.message.split('\n')[0]! : 'YAML could not be read', range: { start: 0, end: Math.min(1, text.length) } });
    readByLine(text, 0, text.length, out);
    return out;
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const lines = new LineIndex(text);
  const widen = hasTemplates ? templateWidener(text) : (r: OffsetRange) => r;
  for (const d of list) {
    const range = d.range ? { start: d.range[0], end: d.range[2] ?? d.range[1] } : { start: 0, end: text.length };
    if (d.errors.length) {
      const e = d.errors[0]!;
      const [s, en] = e.pos ?? [range.start, range.start + 1];
      out.errors.push({ message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), range: { start: s, end: Math.max(en, s + 1) } });
      readByLine(text, range.start, range.end, out);
      continue;
    }
    const root = d.contents as Node | null;
    if (isMap(root) && root.items.some((p) => scalarKey(p) === 'kind' && isScalar(p.value) && p.value.value === 'PrometheusRule')) out.prometheusRule = true;
    walk(root, text, lines, widen, out);
  }
  out.alerts.sort((a, b) => a.keyRange.start - b.keyRange.start);
  return out;
}

function scalarKey(p: Pair): string | undefined {
  return isScalar(p.key) && (typeof p.key.value === 'string' || typeof p.key.value === 'number') ? String(p.key.value) : undefined;
}

function plainRange(n: Node | null | undefined): OffsetRange | undefined {
  return n?.range ? { start: n.range[0], end: Math.max(n.range[0], n.range[1]) } : undefined;
}

function scalarText(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/**
 * A scalar next to a blanked template ends where the template starts (`runbook_url: {{ .Values.base }}/x`
 * parses as `/x`): the range grows over the templates it touches, so the value is seen as templated.
 */
function templateWidener(text: string): (r: OffsetRange) => OffsetRange {
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  for (const t of templateSpans(text)) {
    starts.set(t.start, t.end);
    ends.set(t.end, t.start);
  }
  return (r) => {
    let { start, end } = r;
    while (ends.has(start)) start = ends.get(start)!;
    while (starts.has(end)) end = starts.get(end)!;
    return { start, end };
  };
}

type Widen = (r: OffsetRange) => OffsetRange;

function walk(root: Node | null, text: string, lines: LineIndex, widen: Widen, out: AlertRulesFile): void {
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const n = stack.pop()!;
    if (isMap(n)) {
      const rule = readRule(n, text, lines, widen);
      if (rule) out.alerts.push(rule);
      else for (const p of n.items) if (p.value) stack.push(p.value as Node);
    } else if (isSeq(n)) {
      for (const it of n.items) if (it) stack.push(it as Node);
    }
  }
}

function readRule(n: YAMLMap, text: string, lines: LineIndex, widen: Widen): AlertRule | undefined {
  const rangeOf = (x: Node | null | undefined) => {
    const r = plainRange(x);
    return r && widen(r);
  };
  const pair = n.items.find((p) => scalarKey(p) === 'alert');
  if (!pair) return undefined;
  const nameNode = pair.value as Node | null;
  const nameRange = rangeOf(nameNode);
  const name = scalarText(nameNode)?.trim();
  // A name that was (partly) a template is no name this repository can refer to.
  if (!name || !nameRange || text.slice(nameRange.start, nameRange.end).includes('{{')) return undefined;
  const keyRange = rangeOf(pair.key as Node)!;
  const get = (k: string) => n.items.find((p) => scalarKey(p) === k);
  const labels = get('labels')?.value;
  const sevNode = isMap(labels) ? labels.items.find((p) => scalarKey(p) === 'severity')?.value : undefined;
  const sevRange = rangeOf(sevNode as Node | undefined);
  const severity = sevRange && !text.slice(sevRange.start, sevRange.end).includes('{{') ? scalarText(sevNode)?.trim() || undefined : undefined;
  const expr = scalarText(get('expr')?.value)?.trim();
  const annotations: AlertAnnotation[] = [];
  const annPair = get('annotations');
  let annotationsKey: AlertRule['annotationsKey'];
  if (annPair) {
    const ak = rangeOf(annPair.key as Node)!;
    const av = annPair.value;
    if (isMap(av)) {
      for (const p of av.items) {
        const key = scalarKey(p);
        const kr = rangeOf(p.key as Node);
        const vr = rangeOf(p.value as Node | null);
        const raw = vr ? text.slice(vr.start, vr.end) : '';
        const templated = raw.includes('{{');
        const value = templated ? unquote(raw) : scalarText(p.value);
        if (key === undefined || !kr || !vr || value === undefined) continue;
        annotations.push({ key, value, keyRange: kr, valueRange: vr, templated });
      }
      const first = annotations[0];
      annotationsKey = { range: ak, childIndent: first ? lines.positionAt(first.keyRange.start).character : undefined, flow: av.flow === true };
    } else annotationsKey = { range: ak, flow: false };
  }
  const end = rangeOf(n)?.end ?? nameRange.end;
  return { name, keyRange, nameRange, indent: lines.positionAt(keyRange.start).character, severity, expr, annotations, annotationsKey, end: trimEnd(text, end) };
}

/** The end of the last non-blank line at or before `end` (the map's range runs into the next item's indentation). */
function trimEnd(text: string, end: number): number {
  let e = Math.min(end, text.length);
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function unquote(raw: string): string {
  const t = raw.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** A document that does not parse even with templates blanked: its `alert:` lines give the names. */
function readByLine(text: string, start: number, end: number, out: AlertRulesFile): void {
  const lines = new LineIndex(text);
  const first = lines.positionAt(start).line;
  const last = lines.positionAt(Math.max(start, end - 1)).line;
  for (let i = first; i <= last; i++) {
    const name = alertNameOfLine(lines.lineText(i));
    if (name) out.unparsed.push({ name, line: i });
  }
}

/** The alert's runbook annotation: the first of RUNBOOK_KEYS present with a value. */
export function runbookAnnotation(rule: Pick<AlertRule, 'annotations'>): AlertAnnotation | undefined {
  for (const k of RUNBOOK_KEYS) {
    const a = rule.annotations.find((x) => x.key === k && x.value.trim());
    if (a) return a;
  }
  return undefined;
}

/** The text of an annotation (summary, description, message), if any. */
export function annotationText(rule: Pick<AlertRule, 'annotations'>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const a = rule.annotations.find((x) => x.key === k && x.value.trim());
    if (a) return a.value.trim();
  }
  return undefined;
}
