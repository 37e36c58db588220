// Offsets <-> line/character positions. Offsets are UTF-16 code-unit indexes into the
// document text exactly as received (a BOM, if present, is character 0 of line 0), which is
// also what LSP positions count by default. CR, LF and CRLF all end a line.
import { firstIndex } from './cover.js';

export interface Position {
  line: number;
  character: number;
}

export interface OffsetRange {
  start: number;
  end: number;
}

export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.lineStarts = starts;
      return;
    }
    // Counted first, then filled: an array grown by push() is copied as it grows, and 4.9 MB of blank lines
    // (4.9 M line starts) took ~150 MB of memory at its peak instead of ~40 (issue 21: the server's peak RSS).
    let n = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        n++;
      } else if (c === 10 /* \n */) n++;
    }
    starts = new Array<number>(n);
    starts[0] = 0;
    let k = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts[k++] = i + 1;
      } else if (c === 10 /* \n */) {
        starts[k++] = i + 1;
      }
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, an edit of `prev.text` that kept its first `prefix` and last `suffix`
   * characters: line starts before the edit are kept, those after it shifted, only the edited
   * stretch is scanned (a keystroke in a 1 MB runbook does not rescan the whole text).
   */
  static edited(prev: LineIndex, text: string, prefix: number, suffix: number): LineIndex {
    const oldLen = prev.text.length;
    const delta = text.length - oldLen;
    const ps = prev.lineStarts;
    // A start x depends on the characters at x - 1 and x only.
    const isStart = (x: number) => {
      const c = text.charCodeAt(x - 1);
      return c === 10 || (c === 13 && text.charCodeAt(x) !== 10);
    };
    let k = 0;
    const starts: number[] = [];
    while (k < ps.length && ps[k]! < prefix) starts.push(ps[k++]!);
    if (!starts.length) starts.push(0);
    const midEnd = text.length - suffix;
    for (let x = Math.max(1, prefix); x <= midEnd; x++) if (isStart(x)) starts.push(x);
    // Old starts whose two characters both lie in the kept tail.
    const from = oldLen - suffix + 1;
    for (let j = Math.max(k, firstIndex(ps.length, (i) => ps[i]! >= from)); j < ps.length; j++) starts.push(ps[j]! + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line]!;
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    let e = next;
    if (e > this.lineStarts[line]! && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.lineStarts[line]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** The line break the document mostly uses, for inserted text. */
  get eol(): string {
    return eolOf(this.text);
  }
}

/** The line break of a text's first line (LF, CRLF or a lone CR), for text inserted into it; LF when it has none. */
export function eolOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text.charCodeAt(i) === 10) return '\n';
  return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
}

/**
 * The text with each lone CR (old Mac line endings) read as LF. Same length, so every offset and every
 * line/character position is the same in both; the parsers (YAML, Markdown) and the rules then only meet
 * the line breaks they know. Fixes get the document's own line break back (check.ts).
 */
export function lfForLoneCr(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}
