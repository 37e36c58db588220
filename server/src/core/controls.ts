// Control characters in human-facing output (issue 21 D14). A YAML title, a heading or a file name is
// repository content: an ESC or BEL in it, printed raw, is a terminal escape sequence (retitle the window,
// rewrite earlier lines, hide a finding). Text for people shows them instead, as `\x1b`-style escapes.

/**
 * C0 controls other than tab and line feed (a CR only when it is not part of a CRLF), DEL, C1 controls
 * (U+0080–U+009F: U+009B is a one-character CSI to some terminals) and the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069), which reorder what a terminal shows.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

const hex = (c: string) => {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/** `s` with every control character written as a visible escape (`\x1b`, `\u202e`); other text unchanged. */
export function escapeControls(s: string): string {
  CONTROLS.lastIndex = 0;
  return CONTROLS.test(s) ? s.replace(CONTROLS, hex) : s;
}
