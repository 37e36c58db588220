// RB211: each command block says why it runs (text right before it, or a leading `#` comment) and
// its step says what output to expect.
import type { Rule } from '../types.js';
import type { Runbook } from '../model/runbook.js';
import { runbookCommands, stepScope } from '../commands/index.js';
import { regions, scanRegions } from '../regions.js';
import { firstIndex, perModel } from '../model/cover.js';

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per line, block, section or word of every check.
/** Only used with replace. */
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const COMMENT_FIRST_LINE = /^\s*#\s*\S/;
const COMMENT_LINE = /^<!--[\s\S]*-->$/;
const HEADING_OR_FENCE = /^(?:#{1,6}\s|```|~~~)/;

const EXPECT = /\b(?:expected(?: output| result)?|expect(?:s|ed)?|you should see|should (?:show|print|return|list)|output(?: shape)?:|looks like)\b/i;

const says = (text: string) => EXPECT.test(text.replace(HTML_COMMENT, ' '));

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

const rule: Rule = {
  id: 'RB211',
  name: 'command-explained',
  description: 'A command block has a "why" next to it (text just before it, or a leading comment) and its step says what output to expect.',
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
    for (const b of blocks) {
      const first = rb.lines.positionAt(b.range.start).line;
      const nl = b.value.indexOf('\n');
      let why = COMMENT_FIRST_LINE.test(nl < 0 ? b.value : b.value.slice(0, nl));
      for (let l = first - 1; !why && l >= 0; l--) {
        const t = rb.lines.lineText(l).trim();
        if (t === '' || COMMENT_LINE.test(t)) continue;
        why = !HEADING_OR_FENCE.test(t);
        break;
      }
      if (!why) ctx.report({ range: { start: b.range.start, end: rb.lines.lineEnd(first) }, message: 'This command block has no "why": say in a line before it what it checks or changes.', meta: { part: 'why' } });
      const scope = stepScope(rb, b.range.start);
      let expect = expects.get(scope.range.start);
      if (expect === undefined) {
        expect = expectsOutput(rb, scope.range.start, scope.range.end);
        expects.set(scope.range.start, expect);
      }
      if (expect || reported.has(scope.range.start)) continue;
      reported.add(scope.range.start);
      ctx.report({ range: { start: b.range.start, end: rb.lines.lineEnd(first) }, message: 'Nothing in this step says what output to expect: add "Expected output: …" after the command.', meta: { part: 'expect' } });
    }
  },
};

export default rule;
