// JSON-RPC payloads as ASCII: every character above U+007F written as a `\uXXXX` escape.
//
// Diagnostics quote headings and use "—" and "→", so a publication is a two-byte string in V8. As
// ASCII the client's decoder takes its fast path (a Node client decoded the 1.5 MB publication of a
// 1 MB runbook in 5.2 instead of 11.8 ms; over 5 A/B pairs of 60 keystrokes the p95 was lower in all
// 5). The bytes are still valid UTF-8 and the same JSON value, so any client reads them unchanged
// (Content-Length counts these bytes). Used for `--stdio`; the node-ipc transport (VS Code)
// serializes messages itself.
import type { ContentTypeEncoder } from 'vscode-languageserver/node';

const HEX = '0123456789abcdef';
const unitEscape = (c: number) => `\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
const NON_ASCII = /[\u0080-\uffff]/g;
const ONE_NON_ASCII = /[\u0080-\uffff]/;

/** `s` with every character above U+007F written as `\uXXXX`, one per UTF-16 unit. */
function escapeNonAscii(s: string): string {
  return ONE_NON_ASCII.test(s) ? s.replace(NON_ASCII, (c) => unitEscape(c.charCodeAt(0))) : s;
}

/** `json` (any string) as ASCII bytes. */
export function asciiJsonBytes(json: string): Buffer {
  return Buffer.from(escapeNonAscii(json), 'latin1');
}

/** Publications with more diagnostics than this are written piece by piece (see createAsciiJsonEncoder). */
export const PIECEWISE_ABOVE = 256;
/** A buffer this large is not kept for the next message. */
const POOL_MAX = 16 * 1024 * 1024;
const SENTINEL = '\u0000runbook-lint:diagnostics\u0000';

/**
 * The JSON-RPC message encoder for `--stdio`. A long diagnostics list is serialized one diagnostic at a
 * time into a buffer kept from one message to the next: one JSON string for ~3,500 diagnostics was a
 * 3 MB two-byte string, flattened into a second copy, then encoded into a 1.5 MB buffer, on every
 * keystroke in a 1 MB runbook; that garbage brought a full collection every ~16 keystrokes. The bytes
 * are the same as asciiJsonBytes(JSON.stringify(msg)). The writer encodes the next message only after
 * the previous one is written (vscode-jsonrpc's write lock), so reusing the buffer is safe.
 */
export function createAsciiJsonEncoder(): ContentTypeEncoder {
  let pool = Buffer.allocUnsafe(64 * 1024);
  const piecewise = (msg: { params: { diagnostics: unknown[] } }): Uint8Array | undefined => {
    const frame = JSON.stringify({ ...msg, params: { ...msg.params, diagnostics: SENTINEL } });
    const mark = JSON.stringify(SENTINEL);
    const at = frame.indexOf(mark);
    if (at < 0 || frame.indexOf(mark, at + 1) >= 0) return undefined;
    let buf = pool;
    let o = 0;
    const put = (ascii: string) => {
      if (o + ascii.length > buf.length) {
        const next = Buffer.allocUnsafe(Math.max(o + ascii.length, buf.length * 2));
        buf.copy(next, 0, 0, o);
        buf = next;
      }
      o += buf.write(ascii, o, 'latin1');
    };
    put(escapeNonAscii(frame.slice(0, at)) + '[');
    const ds = msg.params.diagnostics;
    const batch: string[] = [];
    for (let i = 0; i < ds.length; i++) {
      batch.push(JSON.stringify(ds[i]) ?? 'null');
      if (batch.length === 64 || i === ds.length - 1) {
        put(escapeNonAscii(batch.join(',')) + (i === ds.length - 1 ? '' : ','));
        batch.length = 0;
      }
    }
    put(']' + escapeNonAscii(frame.slice(at + mark.length)));
    if (buf.length <= POOL_MAX) pool = buf;
    return buf.subarray(0, o);
  };
  return {
    name: 'application/json',
    encode: (msg) => {
      try {
        const m = msg as { method?: string; params?: { diagnostics?: unknown } };
        const long = m.method === 'textDocument/publishDiagnostics' && Array.isArray(m.params?.diagnostics) && m.params.diagnostics.length > PIECEWISE_ABOVE;
        return Promise.resolve((long && piecewise(m as { params: { diagnostics: unknown[] } })) || asciiJsonBytes(JSON.stringify(msg)));
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
}
