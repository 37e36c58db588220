// RB211: each command block says why it runs (text right before it, or a leading `#` comment) and
// its step says what output to expect.
import type { Rule } from '../types.js';
import type { Runbook } from '../model/runbook.js';
import { runbookCommands, stepScope } from '../commands/index.js';
import { regions, scanRegions } from '../regions.js';
import { firstIndex, perModel } from '../model/cover.js';
import { hasPrompts, isPromptLine } from '../commands/shell.js';
import { isPlaceholderText, replaceClosedHtmlComments } from '../placeholders.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
/** Only used with replace. */
const COMMENT_FIRST_LINE = /^\s*#\s*\S/;
const COMMENT_LINE = /^<!--[\s\S]*-->$/;
const HEADING_OR_FENCE = /^(?:#{1,6}\s|```|~~~)/;

/**
 * What makes text an expectation about a command's output, not only an instruction to run it:
 * an explicit expectation or example ("Expected output", "similar to", "you should see"), a modal
 * statement about the result ("should be", "must show", "will list"), a condition on what was
 * observed ("if the log shows …", "if any pod is `Pending`", "in case the OSDs are down"), a goal
 * state to confirm ("make sure the pods are running", "healthy when …") or a specific thing to look
 * for ("look for warnings related to …"). "Check the logs" alone says nothing about the output.
 */
const EXPECTATIONS: readonly RegExp[] = [
  /\bexpect(?:s|ed|ing)?\b/i,
  /\b(?:example|sample|typical)\s+(?:output|result|response|log|entry|entries)\b/i,
  /\boutput(?: shape)?:/i,
  /\b(?:similar to|looks? like|resembles?)\b/i,
  /\b(?:you(?:'ll| will| should)?|we) (?:should |will )?see\b/i,
  /\b(?:should|must)\s+(?:also\s+|now\s+|still\s+|only\s+)?(?:show|print|return|list|display|contain|report|log|include|read|say|output|indicate|match|have\s+(?:the|a|no|only|\d)|be\s+(?:`|"|'|\d|the same|empty|present|absent|running|ready|healthy|available|active|listed|shown|logged|visible|printed|returned|(?:set|equal) to|in\b|at least|at most|greater|less|between|true|false|zero|none|one of|either|resolved|gone))/i,
  /\bwill\s+(?:also\s+)?(?:show|print|return|list|display|contain|report|log|include|tell|output|indicate|retrieve|be\s+(?:logged|shown|printed|returned|listed|displayed|raised|reported|recreated|restarted|marked|in\b|`))/i,
  /\b(?:shows?|returns?|reports?|prints?|displays?|lists?|contains?|logs?|records?|indicates?)\s+(?:the following|something like|a (?:line|message|table|list|value|result))/i,
  /\b(?:the )?(?:output|result|response|command)\s+(?:displays?|shows?|lists?|contains?|includes?|returns?|prints?|outputs?|has)\b/i,
  /\breturns? (?:a )?results? (?:when|if)\b/i,
  /\b(?:value|result|output|status|state)\b[^.\n]{0,50}\b(?:is|are|equals?)\s+`/i,
  /\bif\b[^.\n]{0,60}\b(?:shows?|says?|contains?|returns?|reports?|lists?|indicates?|displays?|prints?|logs?)\b(?! (?:in|into|on|out)\b)/i,
  /\bif\b[^.\n]{0,60}\b(?:is|are)\s+(?:not\s+)?(?:in\s+)?(?:the\s+)?(?:a\s+)?(?:[`*"]|(?:not\s+)?(?:running|ready|healthy|available|up|down|empty|missing|pending|degraded|failed|failing|notready|unhealthy|progress)\b)/i,
  /\bif (?:all|any|none|no|some|every|only|more than|fewer than)\b/i,
  /\bif you (?:see|get|receive|find|notice|observe|determine)\b/i,
  /\bin case\b[^.\n]{0,60}\b(?:is|are)\b/i,
  /\buntil\b[^.\n]{0,80}\b(?:reports?|shows?|returns?|prints?|lists?|is|are)\b/i,
  /\b(?:is|are)\s+(?:considered\s+)?(?:healthy|complete|done|ready|successful|working)\s+(?:if|when)\b/i,
  /\b(?:make sure|ensure|verify|confirm|check)\b[^.\n]{0,140}\b(?:is|are)\s+(?:up|running|ready|healthy|available|active|present|in\b|the same|not)\b/i,
  /\b(?:look|check|search|scan|examine)\b[^.\n]{0,80}\bfor\b[^.\n]{0,80}\b(?:related to|when|about|such as|like|containing|that|with|in the)\b/i,
  /\b(?:check|verify|confirm) (?:whether|if)\b/i,
  // A named value to look for ("Look for `GuestPanicked` or `Stopped` events").
  /\blook (?:out )?for\s+(?:the\s+|any\s+)?[`"*]/i,
  // A removal or creation to confirm ("Verify cleanup of both volume attachments").
  /\b(?:verify|confirm|ensure|check)\s+(?:the\s+)?(?:cleanup|clean-up|removal|deletion|absence|presence|existence|creation)\s+of\b/i,
  // "Check that allocation was reenabled": a that-clause is the state to confirm.
  /\b(?:check|verify|confirm|ensure|make sure)\s+that\b[^.\n]{0,80}\b(?:is|are|was|were|has been|have been)\b/i,
  // A field of the output to read ("take a look at `.status.conditions`").
  /\b(?:look at|check|inspect|review|examine|read|note)\b[^.\n]{0,80}`\.[A-Za-z][\w-]*/i,
  // A comment in the block on what the system does next ("# The VMI controller will recreate it").
  // (From the last `#` before the words: `[^#\n]*` keeps a line full of `#` linear.)
  /#[^#\n]*\bwill\s+(?:automatically\s+|then\s+|eventually\s+|soon\s+)?(?:re-?create|restart|reschedule|reconcile|recover|come back|appear|disappear|become)\b/i,
  // A result to wait for ("monitor the creation and readiness of the new pods").
  /\b(?:monitor|watch|wait (?:for|until))\b[^.\n]{0,80}\b(?:creation|readiness|ready|running|healthy|completion|complete|available|to (?:become|be|finish|complete|appear|disappear|come up|start))\b/i,
  // What a value in the output means ("Snapshots with state `bound` have a VolumeSnapshotContent").
  /\b(?:state|status|phase|condition|reason)\s+(?:of\s+)?`[^`\n]{1,40}`/i,
  // What the printed data holds ("the JSON containing the variables includes `host`").
  /\b(?:output|result|response|json|yaml|table)\b[^.\n]{0,60}?\b(?:includes?|contains?|lists?|shows?|has)\s+(?:the\s+|a\s+|an\s+)?`/i,
  /\bto see (?:how many|how much|whether|if|which|what|when)\b/i,
  /\bdepending on (?:the )?(?:output|result|available|value|which)\b/i,
];

/** A line break inside a paragraph (prose is wrapped at any word): read as a space. */
const SOFT_BREAK = /([^\n])\r?\n(?=[ \t]*[^\s#>|`-])/g;

/** An "Expected output: …" line with a value; only these are tested for a placeholder (`Expected output: <…>`). */
const EXPECT_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?expected output(?:\*\*|__)?:(?:\*\*|__)?[ \t]*\S[^\n]*$/gim;

/** Whether a text says what output to expect (HTML comments and placeholders such as "Expected output: <shape>" do not count). */
export function saysExpectation(text: string): boolean {
  const t = replaceClosedHtmlComments(text, ' ').replace(EXPECT_LINE, (l) => (isPlaceholderText(l) ? ' ' : l)).replace(SOFT_BREAK, '$1 ');
  return EXPECTATIONS.some((re) => re.test(t));
}

const says = saysExpectation;

/** The first `Expected output: <…>` placeholder line in [start, end), if any. */
function placeholderExpectation(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(EXPECT_LINE)) if (isPlaceholderText(m[0])) return { start: start + m.index, end: start + m.index + m[0].trimEnd().length };
  return undefined;
}

/** Start offsets of the regions that say it, ascending (once per model). */
const sayingRegions = perModel((rb: Runbook) => scanRegions(rb, 'RB211-expect', (t) => (says(t) ? [0] : []), (_x, by: number) => by));

/**
 * Whether [start, end) says what output to expect. A step's range is usually whole regions (it starts
 * and ends at heading lines, where core/regions.ts cuts; an HTML comment never spans a cut), and each
 * region's answer is memoized, so a keystroke rereads one section instead of every step.
 */
export function expectsOutput(rb: Runbook, start: number, end: number): boolean {
  const rs = regions(rb);
  const lineStart = rb.text.lastIndexOf('\n', start - 1) + 1;
  const i = firstIndex(rs.length, (k) => rs[k]!.at >= lineStart);
  const j = end === rb.text.length ? rs.length : firstIndex(rs.length, (k) => rs[k]!.at >= end);
  if (rs[i]?.at !== lineStart || (j < rs.length && rs[j]!.at !== end)) return says(rb.text.slice(start, end));
  const saying = sayingRegions(rb);
  const k = firstIndex(saying.length, (x) => saying[x]! >= lineStart);
  return k < saying.length && saying[k]! < (j < rs.length ? rs[j]!.at : rb.text.length);
}

/** The template's part labels: a heading that names the part, not what the command is for. */
const STRUCTURAL_HEADING = /^(?:commands?(?:\s*[/&]\s*checks?)?|checks?|steps?|procedure|usage|examples?|code|output|interpret(?:ing)? (?:the )?results?)\s*:?$/i;
/** Languages of blocks that show output rather than run it. */
const OUTPUT_LANGS = new Set(['text', 'txt', 'output', 'out', 'log', 'logs', 'plaintext', 'plain', 'stdout']);
/** A column header of tabular command output (`NAME   READY   STATUS`). */
const TABLE_HEADER = /^[ \t]*[A-Z][A-Z0-9_.()/-]*(?:[ \t]{2,}[A-Z][A-Z0-9_.()/-]*){2,}[ \t]*$/m;

/** The last line of every code block -> its first line (0-based). */
function blockEndLines(rb: Runbook): Map<number, number> {
  const m = new Map<number, number>();
  for (const c of rb.codeBlocks) m.set(rb.lines.positionAt(Math.max(c.range.start, c.range.end - 1)).line, rb.lines.positionAt(c.range.start).line);
  return m;
}

/**
 * The text that says why a block runs: the nearest non-blank line above it. Blocks that follow
 * each other with nothing between share the why of the first (one lead sentence or list item for a
 * group of commands); a heading right above is the why unless it is only a part label
 * ("Commands/checks").
 */
function hasWhyAbove(rb: Runbook, first: number, blockEnds: Map<number, number>, memo: Map<number, boolean>): boolean {
  // Blocks right above are skipped to the text above them; the answer for each block passed is remembered,
  // so a run of thousands of adjacent blocks is walked once, not once per block (quadratic).
  const passed = [first];
  let result = false;
  for (let l = first - 1; l >= 0; l--) {
    const t = rb.lines.lineText(l).trim();
    if (t === '' || COMMENT_LINE.test(t)) continue;
    const start = blockEnds.get(l);
    if (start !== undefined && start < l) {
      const known = memo.get(start);
      if (known !== undefined) {
        result = known;
        break;
      }
      passed.push(start);
      l = start;
      continue;
    }
    if (t.startsWith('#')) result = !STRUCTURAL_HEADING.test(t.replace(/^#+\s*/, '').replace(/[*_`]/g, '').trim());
    else result = !HEADING_OR_FENCE.test(t);
    break;
  }
  for (const p of passed) memo.set(p, result);
  return result;
}

/**
 * Whether [start, end) shows sample output: an output block (```text), a table in a block, or
 * lines after a `$ ` command that are neither a prompt, a continuation nor a heredoc body.
 */
function showsOutput(rb: Runbook, start: number, end: number): boolean {
  let previous: string | undefined;
  for (const c of rb.codeBlocks) {
    if (c.range.start < start || c.range.start >= end) continue;
    const lang = (c.lang ?? '').toLowerCase();
    if (OUTPUT_LANGS.has(lang) || TABLE_HEADER.test(c.value) || printsAfterPrompt(c.value)) return true;
    if (previous !== undefined && DATA_LANGS.has(lang) && PRINTS_DATA.test(previous)) return true;
    previous = c.value;
  }
  return false;
}

/** Languages of data a read command prints. */
const DATA_LANGS = new Set(['yaml', 'yml', 'json']);
/** A command that prints a resource (`-o yaml`, `describe`): a YAML or JSON block after it is its output. */
const PRINTS_DATA = /(?:-o|--output)[ =]?(?:yaml|json)\b|\bdescribe\b/;

const HEREDOC_OPEN = /<<-?[ \t]*['"]?([A-Za-z_]\w*)/;

function printsAfterPrompt(value: string): boolean {
  if (!hasPrompts(value)) return false;
  let seenPrompt = false;
  let continued = false;
  let heredoc: string | undefined;
  for (const line of value.split(LINE_BREAK)) {
    const t = line.trim();
    if (heredoc !== undefined) {
      if (t === heredoc) heredoc = undefined;
      continue;
    }
    if (isPromptLine(line)) {
      seenPrompt = true;
      heredoc = HEREDOC_OPEN.exec(line)?.[1];
    } else if (seenPrompt && !continued && t !== '' && !t.startsWith('#')) return true;
    continued = t.endsWith('\\');
  }
  return false;
}
const LINE_BREAK = /\r?\n/;
const CONTINUATION = /\\\r?\n/g;
/** A command line whose standard output goes to a file (`> tmp/pipeline.yml`, `>> log`). */
const TO_FILE = /(?:^|[ \t])>>?[ \t]*[^\s&>|;]+[ \t]*$/;

/** Whether every command of a block writes its output to a file: there is nothing on screen to expect. */
function outputToFile(value: string): boolean {
  const lines = value.replace(CONTINUATION, ' ').split(LINE_BREAK).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => TO_FILE.test(l));
}

const rule: Rule = {
  id: 'RB211',
  name: 'command-explained',
  description: 'A command block has a "why" next to it (text or a heading just before it or its group of blocks, or a leading comment) and its step says what output to expect.',
  rationale: 'The seed: "each command has a why and expected output shape". Without them an operator cannot tell a good result from a bad one.',
  dod: 'structure',
  defaultSeverity: 'info',
  group: 'structure',
  presets: { strict: 'warning', 'existing-repo': 'off' },
  fixable: false,
  check(ctx) {
    const rb = ctx.runbook;
    const blocks = [...new Set(runbookCommands(rb).filter((c) => c.block && c.cls.tool !== 'sql').map((c) => c.block!))];
    /** Per step (by start): does it say what to expect? Each step's text is read once. */
    const expects = new Map<number, boolean>();
    const reported = new Set<number>();
    let blockEnds: Map<number, number> | undefined;
    const whyMemo = new Map<number, boolean>();
    for (const b of blocks) {
      const first = rb.lines.positionAt(b.range.start).line;
      const nl = b.value.indexOf('\n');
      let why = COMMENT_FIRST_LINE.test(nl < 0 ? b.value : b.value.slice(0, nl));
      if (!why) why = hasWhyAbove(rb, first, (blockEnds ??= blockEndLines(rb)), whyMemo);
      if (!why) ctx.report({ range: { start: b.range.start, end: rb.lines.lineEnd(first) }, message: 'This command block has no "why": say in a line before it what it checks or changes.', meta: { part: 'why' } });
      if (outputToFile(b.value)) continue;
      const scope = stepScope(rb, b.range.start);
      let expect = expects.get(scope.range.start);
      if (expect === undefined) {
        expect = expectsOutput(rb, scope.range.start, scope.range.end) || showsOutput(rb, scope.range.start, scope.range.end);
        expects.set(scope.range.start, expect);
      }
      if (expect || reported.has(scope.range.start)) continue;
      reported.add(scope.range.start);
      // A template's (or a migration's) "Expected output: <…>" is reported where it stands, as a placeholder.
      const stub = placeholderExpectation(rb.text, scope.range.start, scope.range.end);
      if (stub) ctx.report({ range: stub, message: 'Fill in the expected output of this step: "Expected output" still holds a placeholder.', meta: { part: 'expect', placeholder: true } });
      else ctx.report({ range: { start: b.range.start, end: rb.lines.lineEnd(first) }, message: 'Nothing in this step says what output to expect: add "Expected output: …" after the command.', meta: { part: 'expect' } });
    }
  },
};

export default rule;
