// Placeholders: text that stands where the author still has to write something. Every rule treats a
// placeholder as absent, so a copied template, a snippet's defaults or a fix's inserted stub never
// passes a check: the finding stays, worded "fill in …", until a person writes real content.
//
// A placeholder is
// - a template placeholder as a whole (`<Team or role>`, `YYYY-MM-DD`, `...`), or a value that still
//   contains one of the seed template's own placeholder texts (`RB-<AREA>-<NNN>`, `<condition>`);
// - a to-do marker (`TODO`, `TBD`, `FIXME`);
// - the seed template's own wording, word for word: the generic checklist items ("Smoke checks",
//   "Add/adjust alert") and audit note a copied template carries until someone makes them specific.
//   "Smoke checks: the service answers its health endpoint" is real content.
// `<n>`-style parameters inside a longer command (`--to-revision=<n>`) are how runbooks name
// inputs, not leftovers.

// Regular expressions at module level: these run per line, list item and value of every check.
const WHOLE: RegExp[] = [
  /^<[^<>\n]{1,120}>$/,
  /^YYYY-MM-DD$/,
  /^P0\|P1\|P2\|/,
  /^<?dev\|staging\|prod>?$/,
  /^(?:\.\.\.|…)$/,
  /^(?:tbd|todo|tba|fixme)(?:\s*[:.!]|$)/i,
  /^(?:TBD|TODO|FIXME)\b/,
];

const CONTAINED = [
  '<AREA>', '<NNN>', 'YYYY-MM-DD', '<Short, action-oriented title>', '<Team or role>', '<system/component>',
  '<alert name/id>', '<required access/tools>', '<what can go wrong>', '<how to revert>', '<Title>',
  '<condition>', '<cause A>', '<cause B>', '<reason>', '<P0|P1|P2|P3|P4>',
];

/** The seed template's wording (and the snippets' default text), normalized by `wording()`. */
const TEMPLATE_WORDING = new Set([
  'lowest-risk mitigation first',
  'rollback path known before changes',
  'smoke checks',
  'metrics trending back to baseline',
  'no policy boundary violations introduced',
  'add/adjust alert',
  'add test / gate / validation',
  'update this runbook with what you learned',
  'record incident id / run id / deployment sha / dataset version id as applicable',
  'this changes the running workload in the target environment',
  'confirm the environment, the namespace and the target with the incident lead',
]);

/** Only used with replace. */
const MARKUP = /\*\*|__|`/g;
const SPACES = /\s+/g;

/** Without trailing blanks and `.:;!` (a loop: `/[\s.:;!]+$/` is quadratic on a long run of them). */
function trimTrailingPunct(v: string): string {
  let end = v.length;
  while (end > 0 && ' \t\n\r.:;!'.includes(v[end - 1]!)) end--;
  return v.slice(0, end);
}

function wording(v: string): string {
  return trimTrailingPunct(v.replace(MARKUP, '').replace(SPACES, ' ')).trim().toLowerCase();
}

/** True when a value still holds a template placeholder, a to-do marker or the template's own wording. */
export function isTemplatePlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '').trim();
  if (v === '') return false;
  return WHOLE.some((p) => p.test(v)) || CONTAINED.some((c) => v.includes(c)) || TEMPLATE_WORDING.has(wording(v));
}

/** A list marker, block quote markers and a task box at the start of a line. */
const LINE_PREFIX = /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s*)?/;
/** A short label before a colon ("Why:", "Expected output:", "Rollback:", "**Impact:**"). */
const LABEL = /^[A-Za-z][\w /()'-]{0,40}?:\s*/;
const EMPTY_WORDS = /^(?:\.\.\.|…|tbd|todo|tba|n\/a|-+)$/i;
/** Only used with replace. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/**
 * `s` with each closed `<!-- … -->` replaced by `by`, in linear time: the regular expression
 * /<!--[\s\S]*?-->/g scans to the end of the text from every unclosed `<!--` (quadratic: a megabyte of
 * `<!-- x` lines took 20 s). Once a `<!--` finds no `-->`, no later one can.
 */
export function replaceClosedHtmlComments(s: string, by: string): string {
  let at = s.indexOf('<!--');
  if (at < 0) return s;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    const close = s.indexOf('-->', at + 4);
    if (close < 0) break;
    out += s.slice(copied, at) + by;
    copied = close + 3;
    at = s.indexOf('<!--', copied);
  }
  return copied ? out + s.slice(copied) : s;
}

/**
 * True when a line of Markdown (or a list item's text) says nothing real: empty, a label with
 * nothing after it, or a label followed by a placeholder ("Why: <why>", "Rollback: <how to revert
 * this change>", "- [ ] Smoke checks").
 */
export function isPlaceholderText(line: string): boolean {
  let t = line.replace(HTML_COMMENT, ' ').replace(LINE_PREFIX, '').replace(MARKUP, '').trim();
  if (t === '' || EMPTY_WORDS.test(t) || isTemplatePlaceholder(t)) return true;
  const label = LABEL.exec(t);
  if (!label) return false;
  t = t.slice(label[0].length).trim();
  return t === '' || EMPTY_WORDS.test(t) || isTemplatePlaceholder(t);
}

/** Only used with split. */
const LINE_BREAK = /\r\n|\r|\n/;

/** True when every line of a piece of Markdown (a list item as written, sub-items included) is a placeholder. */
export function isPlaceholderBlock(text: string): boolean {
  return text.split(LINE_BREAK).every(isPlaceholderText);
}

const HEADING_LINE = /^#{1,6}\s/;
const FENCE_LINE = /^(?:>\s*)*(?:```|~~~)\s*\w*$/;

/**
 * True when [start, end) of a Markdown text holds no real content: every line is blank, a heading,
 * a bare fence line, an HTML comment or a placeholder. Line by line from the top, stopping at the
 * first real content, so a large section costs only as much as its leading placeholders.
 */
export function onlyPlaceholdersIn(text: string, start: number, end: number): boolean {
  let pos = start;
  let inComment = false;
  while (pos < end) {
    let eol = pos;
    while (eol < end && text.charCodeAt(eol) !== 10 && text.charCodeAt(eol) !== 13) eol++;
    let raw = text.slice(pos, eol);
    pos = eol + (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? 2 : 1);
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) continue;
      raw = raw.slice(close + 3);
      inComment = false;
    }
    raw = replaceClosedHtmlComments(raw, ' ');
    const open = raw.indexOf('<!--');
    if (open >= 0) {
      raw = raw.slice(0, open);
      inComment = true;
    }
    const t = raw.trim();
    if (!t || HEADING_LINE.test(t) || FENCE_LINE.test(t) || isPlaceholderText(t)) continue;
    return false;
  }
  return true;
}
