// The stdio framing check (issue 21 D12). vscode-jsonrpc's reader, given a broken header — no, a negative
// or a non-numeric `Content-Length`, or headers ending in LF only — fires an error nobody acts on (or waits
// for a `\r\n\r\n` that never comes) and the server sits at 0 % CPU answering nothing, forever. This reads
// the same bytes beside it, header by header (message bodies are skipped by length, never scanned), and
// reports the first framing error so the server can exit non-zero and the client restart it.

/** Longest header line accepted (vscode-jsonrpc writes two short ones). */
const MAX_HEADER_LINE = 8192;
/** Largest message accepted: far above any document the server checks (5 MB of text, JSON-escaped). */
export const MAX_CONTENT_LENGTH = 512 * 1024 * 1024;

export class FramingGuard {
  /** Body bytes still to skip; -1 while reading headers. */
  private remaining = -1;
  private line = '';
  private length: string | undefined;
  private prevCr = false;
  private failed = false;

  /** Feeds the next chunk; returns the framing error it reveals, once (undefined while all is well). */
  push(chunk: Uint8Array): string | undefined {
    if (this.failed) return undefined;
    const err = this.scan(chunk);
    if (err) this.failed = true;
    return err;
  }

  private scan(chunk: Uint8Array): string | undefined {
    let i = 0;
    while (i < chunk.length) {
      if (this.remaining >= 0) {
        const take = Math.min(this.remaining, chunk.length - i);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.remaining = -1;
        continue;
      }
      const c = chunk[i++]!;
      if (c === 10 /* \n */) {
        if (!this.prevCr) return 'a header line ends with LF only (LSP headers end with CRLF)';
        this.prevCr = false;
        const line = this.line;
        this.line = '';
        if (line === '') {
          const err = this.endOfHeaders();
          if (err) return err;
          continue;
        }
        const m = /^([^:\s]+):[ \t]*(.*?)[ \t]*$/.exec(line);
        if (!m) return `a header line is not \`Name: value\` (${JSON.stringify(line.slice(0, 60))})`;
        if (m[1]!.toLowerCase() === 'content-length') this.length = m[2]!;
        continue;
      }
      if (this.prevCr) return 'a CR in a header is not followed by LF';
      if (c === 13 /* \r */) {
        this.prevCr = true;
        continue;
      }
      if (this.line.length >= MAX_HEADER_LINE) return `a header line is longer than ${MAX_HEADER_LINE} bytes`;
      this.line += String.fromCharCode(c);
    }
    return undefined;
  }

  private endOfHeaders(): string | undefined {
    const v = this.length;
    this.length = undefined;
    if (v === undefined) return 'a message has no Content-Length header';
    if (!/^\d+$/.test(v)) return `Content-Length is not a non-negative number (${JSON.stringify(v.slice(0, 40))})`;
    const n = Number(v);
    if (n > MAX_CONTENT_LENGTH) return `Content-Length ${v} is over the ${MAX_CONTENT_LENGTH}-byte limit`;
    this.remaining = n === 0 ? -1 : n;
    return undefined;
  }
}
