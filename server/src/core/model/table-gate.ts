// GFM tables without their cost on lines that cannot start one.
//
// micromark-extension-gfm-table tries a table head at the start of every flow line and at every line
// a paragraph continues on: it reads the whole line as a row before it looks at the next one, which
// must be a delimiter row (`| --- | :-: |`). On the corpora that attempt was ~30% of the tokenizer's
// time, nearly all of it failing. A delimiter row holds nothing but `|`, `:`, `-`, spaces and tabs
// after its container prefixes (`>`, indentation), so a line whose successor is not such a line
// cannot be a table head. The gate answers those attempts `nok` at once, exactly as the extension
// would after reading the line; body rows (after a head or row) always go to the extension.
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { gfmTable } from 'micromark-extension-gfm-table';
import { LineIndex } from './text.js';

/**
 * A line that may be a delimiter row, container prefixes included (`m`: any line of the text): only
 * `|`, `:`, `-`, spaces and tabs after `>`s and indentation, with a `-` and a `|` or `:` (a row of
 * dashes alone is a thematic break or setext underline, never a delimiter row). Each alternative
 * stops its first run at the first character it needs, so the match is linear in the line's length.
 */
const DELIMITER_ROW = /^[ \t>]*(?:[|:][|: \t]*-|-[- \t]*[|:])[-|: \t]*$/gm;

/** Line numbers (1-based, counted as micromark counts them) of the lines that may be delimiter rows. */
export function delimiterRowLines(text: string): Set<number> {
  const lines = new Set<number>();
  // LineIndex ends lines where micromark does (LF, CR, CRLF). `^` also matches after U+2028/2029
  // inside a line: that marks the whole line, which only lets the extension look at it.
  let index: LineIndex | undefined;
  for (const m of text.matchAll(DELIMITER_ROW)) lines.add((index ??= new LineIndex(text)).positionAt(m.index).line + 1);
  return lines;
}

/** The lines the text being parsed may have delimiter rows on; set around each parse. */
let rowLines: Set<number> | undefined;

/**
 * Runs `parse` with the gate reading `text`'s delimiter-row candidates. `tables` is false when the
 * text has none: no table can start anywhere, and the parse may leave the table extension out (even a
 * declined attempt costs micromark a saved state per line; on the corpora 386 of 390 runbooks).
 */
export function withTableGate<T>(text: string, parse: (tables: boolean) => T): T {
  const outer = rowLines;
  rowLines = delimiterRowLines(text);
  try {
    return parse(rowLines.size > 0);
  } finally {
    rowLines = outer;
  }
}

const table = (gfmTable().flow as Record<string, Construct>)['null']!;

/** Whether the last event before the position (line endings and prefixes aside) ends a table head or row. */
function afterTableRow(self: TokenizeContext): boolean {
  let index = self.events.length - 1;
  while (index > -1) {
    const type = self.events[index]![1].type;
    if (type !== 'lineEnding' && type !== 'linePrefix') return type === 'tableHead' || type === 'tableRow';
    index--;
  }
  return false;
}

const gated: Construct = {
  name: table.name!,
  resolveAll: table.resolveAll!,
  tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return (code: Code) => {
      // Outside withTableGate (no candidates known) every attempt goes to the extension.
      if (rowLines && !rowLines.has(this.now().line + 1) && !afterTableRow(this)) return nok(code);
      return table.tokenize.call(this, effects, ok, nok)(code);
    };
  },
};

/** gfmTable() with the gate in front of its tokenizer (same name and resolver). */
export function gatedGfmTable(): Extension {
  return { flow: { null: gated } };
}
