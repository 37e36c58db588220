// A small shell word splitter for runbook code: enough to find simple commands in fenced
// blocks and inline code. Handles quotes, `\` line continuations, comments, prompts (`$ `),
// `&&` / `||` / `;` / `|` / `&`, redirections, `$(…)` and heredocs (their body is kept as the
// command's stdin, so `psql <<SQL … SQL` can be read as SQL). Offsets are absolute.

// Regular expressions at module level: a literal inside a function is a new RegExp object at every
// evaluation (~0.1 µs and ~56 bytes), and these run per character or word of every command.
/** A shell prompt: `$ `, or a pasted session's `user@host:~$ ` / `root@host:~# ` / `[root@host ~]# `. */
const PROMPT = /^[ \t]*(?:\$|[\w.-]{1,32}@[\w.-]{1,64}:[^\s#$]{0,200}[#$]|\[[\w.-]{1,32}@[\w.-]{1,64}[ \t][^\]\n]{0,200}\][#$])[ \t]+/;
const TRAILING_CR = /\r$/;
const PROMPT_ANY_LINE = new RegExp(PROMPT.source, 'm');

/** Whether a block is a pasted session: some line starts with a prompt (then only those lines are commands). */
export function hasPrompts(text: string): boolean {
  return PROMPT_ANY_LINE.test(text);
}

/** Whether a line starts with a shell prompt (`$ `, `root@host:~# `, `[user@host dir]$ `). */
export function isPromptLine(line: string): boolean {
  return PROMPT.test(line);
}
const ENDS_WITH_REDIRECT = /[<>]$/;
const PLACEHOLDER_WORD = /^<[A-Za-z_][\w .:/|=-]{0,60}>/;
const HEREDOC = /^<<-?[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;
const NUMBER = /^\d+$/;
const DIGIT_OR_DASH = /\d|-/;

export interface Word {
  /** The word with quotes removed. */
  text: string;
  start: number;
  end: number;
}

export interface SimpleCommand {
  words: Word[];
  start: number;
  end: number;
  /** Heredoc body fed to the command, when there is one. */
  stdin?: string;
}

export interface ShellOptions {
  /** Only lines starting with a `$ ` prompt (and their continuations) are commands. */
  prompts?: boolean;
}

/** Splits shell-ish text into simple commands. Never throws; unbalanced quotes end at the line's end. */
export function parseShell(src: string, base = 0, opts: ShellOptions = {}): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: Word[] = [];
  let buf = '';
  let bufStart = -1;
  let dropNextWord = false;
  const heredocs: { delim: string; cmd: () => SimpleCommand | undefined }[] = [];
  const n = src.length;
  let i = 0;
  let atLineStart = true;
  let continued = false;

  const endWord = (at: number) => {
    if (bufStart < 0) return;
    if (dropNextWord) dropNextWord = false;
    else words.push({ text: buf, start: base + bufStart, end: base + at });
    buf = '';
    bufStart = -1;
  };
  const endCommand = (at: number) => {
    endWord(at);
    dropNextWord = false;
    if (words.length) out.push({ words, start: words[0]!.start, end: words[words.length - 1]!.end });
    words = [];
  };
  const addChar = (c: string, at: number) => {
    if (bufStart < 0) bufStart = at;
    buf += c;
  };

  while (i < n) {
    if (atLineStart) {
      atLineStart = false;
      if (opts.prompts && !continued) {
        const m = PROMPT.exec(src.slice(i, i + 200));
        if (m) i += m[0].length;
        else {
          const nl = src.indexOf('\n', i);
          i = nl < 0 ? n : nl + 1;
          atLineStart = true;
          continue;
        }
      }
      continued = false;
    }
    const c = src[i]!;
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      endWord(i);
      i += src[i + 1] === '\r' ? 3 : 2;
      continued = true;
      atLineStart = true;
      continue;
    }
    if (c === '\n' || c === '\r') {
      endCommand(i);
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      atLineStart = true;
      // Heredoc bodies follow the line that opened them.
      while (heredocs.length && i < n) {
        const h = heredocs.shift()!;
        let body = '';
        while (i < n) {
          const nl = src.indexOf('\n', i);
          const lineEnd = nl < 0 ? n : nl;
          const line = src.slice(i, lineEnd).replace(TRAILING_CR, '');
          i = nl < 0 ? n : nl + 1;
          if (line.trim() === h.delim) break;
          body += line + '\n';
        }
        const target = h.cmd();
        if (target) target.stdin = (target.stdin ?? '') + body;
      }
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '#' && bufStart < 0) {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      i++;
      let lit = '';
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (c === '"' && src[i] === '\\' && i + 1 < n && src[i + 1] !== '\n') {
          lit += src[i + 1];
          i += 2;
          continue;
        }
        lit += src[i];
        i++;
      }
      if (bufStart < 0) bufStart = start;
      buf += lit;
      if (src[i] === c) i++;
      continue;
    }
    if (c === '`' || (c === '$' && src[i + 1] === '(')) {
      // Command substitution: kept as an opaque part of the word.
      const start = i;
      let depth = 0;
      if (c === '`') {
        const close = src.indexOf('`', i + 1);
        i = close < 0 ? n : close + 1;
      } else {
        for (; i < n; i++) {
          if (src[i] === '(') depth++;
          else if (src[i] === ')' && --depth === 0) {
            i++;
            break;
          } else if (src[i] === '\n') break;
        }
      }
      if (bufStart < 0) bufStart = start;
      buf += src.slice(start, i);
      continue;
    }
    if (c === '&' || c === '|' || c === ';' || c === '(' || c === ')') {
      if (c === '&' && bufStart >= 0 && ENDS_WITH_REDIRECT.test(buf)) {
        addChar(c, i);
        i++;
        continue;
      }
      endCommand(i);
      i += (c === '&' || c === '|') && src[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === '<') {
      // `<namespace>`, `<pod name>`: runbook placeholders, not redirections.
      const ph = PLACEHOLDER_WORD.exec(src.slice(i, i + 64));
      if (ph) {
        if (bufStart < 0) bufStart = i;
        buf += ph[0];
        i += ph[0].length;
        continue;
      }
    }
    if (c === '<' && src[i + 1] === '<' && src[i + 2] !== '<') {
      endWord(i);
      const m = HEREDOC.exec(src.slice(i, i + 100));
      if (m) {
        const pending = words;
        heredocs.push({ delim: m[2]!, cmd: () => out.find((x) => x.words === pending) });
        i += m[0].length;
        continue;
      }
      i += 2;
      dropNextWord = true;
      continue;
    }
    if (c === '>' || c === '<') {
      // Redirection: `2>` drops the fd number, the operator and its target word.
      if (bufStart >= 0 && NUMBER.test(buf)) {
        buf = '';
        bufStart = -1;
      }
      endWord(i);
      i++;
      while (i < n && (src[i] === '>' || src[i] === '&' || src[i] === '|')) i++;
      if (src[i - 1] === '&' && DIGIT_OR_DASH.test(src[i] ?? '')) {
        i++;
        continue;
      }
      dropNextWord = true;
      continue;
    }
    addChar(c, i);
    i++;
  }
  endCommand(n);
  return out;
}
