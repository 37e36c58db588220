// Adversarial runbooks (issue 21 D1, D2, D9): inputs on which a parser or a rule used to go quadratic or
// worse, or crash. Each builder takes a target size in bytes so the suites can run small and large versions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const CLEAN = readFileSync(join(ROOT, 'test/fixtures/clean/pod-crashloopbackoff.md'), 'utf8');
const FM_END = CLEAN.indexOf('\n---', 4) + 5;
const FRONT = CLEAN.slice(0, FM_END);
const BODY = CLEAN.slice(FM_END);

const fill = (unit: string, size: number) => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
/** Numbered lines while they fit in `size` bytes of UTF-8 (at least one). */
function lines(size: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0, len = 0; ; i++) {
    const l = line(i);
    const b = Buffer.byteLength(l);
    if (out.length && len + b > size) return out.join('');
    out.push(l);
    len += b;
  }
}
const bytes = (s: string) => Buffer.byteLength(s);

export interface Hostile {
  name: string;
  /** What it exercises (the words). */
  what: string;
  build(size: number): string;
}

export const HOSTILE: Hostile[] = [
  { name: 'blank-lines', what: 'D2: megabytes of blank lines', build: (n) => FRONT + BODY + fill('\n', n) },
  { name: 'dash-run', what: 'D9: `- - - … x` on one line', build: (n) => FRONT + BODY + '\n' + fill('- ', n) + 'x\n' },
  { name: 'emphasis-run', what: 'D9: `*a*a…` unmatched emphasis delimiters', build: (n) => FRONT + BODY + '\n' + fill('*a', n) + '\n' },
  { name: 'nested-lists', what: 'D9: a list nested one level deeper on every line', build: (n) => { let s = ''; for (let i = 0; s.length < n; i++) s += ' '.repeat(2 * i) + '- x\n'; return FRONT + BODY + '\n' + s; } },
  { name: 'deepening-quotes', what: 'D9: block quotes one level deeper on every line', build: (n) => { let s = ''; for (let i = 1; s.length < n; i++) s += '>'.repeat(i) + ' x\n'; return FRONT + BODY + '\n' + s; } },
  { name: 'many-fm-keys', what: 'D9: 10k front-matter keys', build: (n) => '---\n' + FRONT.slice(4, -4) + lines(n - bytes(FRONT + BODY), (i) => `key_${i}: v${i}\n`) + '---\n' + BODY },
  { name: 'wide-table', what: 'D9: a table thousands of columns wide', build: (n) => { const cols = Math.max(2, Math.floor(Math.sqrt(n / 4))); const row = '|' + ' a |'.repeat(cols) + '\n'; return FRONT + BODY + '\n' + row + '|' + '---|'.repeat(cols) + '\n' + fill(row, n - row.length * 2); } },
  { name: 'many-headings', what: 'D9: 100k headings', build: (n) => FRONT + BODY + '\n' + lines(n - bytes(FRONT + BODY) - 1, (i) => `## Step ${i} — x\n`) },
  { name: 'step-references', what: 'D9: step headings each referring to every other', build: (n) => { const k = Math.max(2, Math.floor(Math.sqrt(n / 16))); let s = ''; for (let i = 1; i <= k; i++) s += `## Step ${i} — Diagnose ${i}\n` + Array.from({ length: k }, (_, j) => `go to Step ${j + 1}`).join(', ') + '\n\n'; return FRONT + BODY + '\n' + s; } },
  { name: 'step-chain', what: 'D9: thousands of steps, each sending to another step', build: (n) => { const k = Math.max(2, Math.floor(n / 80)); return FRONT + BODY + '\n' + lines(n - bytes(FRONT + BODY) - 1, (i) => `## Step ${i + 1} — Diagnose ${i + 1}\n- If it fails → go to Step ${(((i + 1) * 7919) % k) + 1}\n\n`); } },
  { name: 'deep-yaml-flow', what: 'D1: front matter nested 7,000 levels ([[[…]]])', build: (n) => { const d = Math.floor(n / 2); return '---\nx: ' + '['.repeat(d) + ']'.repeat(d) + '\n' + FRONT.slice(4) + BODY; } },
  { name: 'deep-yaml-block', what: 'D1: front matter nested by indentation', build: (n) => { let s = ''; for (let i = 0; s.length < n; i++) s += ' '.repeat(i) + `k${i}:\n`; return '---\n' + s + FRONT.slice(4) + BODY; } },
  { name: 'deep-yaml-seq', what: 'D1: `- - - …` in the front matter', build: (n) => '---\nx:\n  ' + fill('- ', n) + 'y\n' + FRONT.slice(4) + BODY },
  { name: 'yaml-aliases', what: 'D11: a YAML alias bomb in the front matter', build: () => '---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' + FRONT.slice(4) + BODY },
  { name: 'link-labels', what: 'labels: thousands of `[` in one paragraph', build: (n) => FRONT + BODY + '\n' + fill('[a](', n) + '\n' },
  { name: 'long-line', what: 'one 1 MB line', build: (n) => FRONT + BODY + '\n' + fill('word ', n) + '\n' },
  { name: 'html-comments', what: 'unclosed `<!--` everywhere', build: (n) => FRONT + BODY + '\n' + fill('<!-- x\n', n) },
  { name: 'code-fences', what: 'thousands of code fences', build: (n) => FRONT + BODY + '\n' + fill('```\nkubectl get pods\n```\n', n) },
  { name: 'headingless', what: 'a long text without headings: paragraphs and blank lines, no block to cut at but blank lines', build: (n) => FRONT + lines(n - bytes(FRONT), (i) => `Paragraph ${i}: the operator reads this and moves on.\nA second line of it.\n\n`) },
  { name: 'task-lists', what: 'step headings with task-list items and no blank line: thousands of `[` in one block (links not parsed)', build: (n) => FRONT + BODY + '\n' + lines(n - bytes(FRONT + BODY) - 1, (i) => `## Step ${i + 1} — Check ${i + 1}\n- [ ] check ${i + 1}\n`) },
  { name: 'backticks', what: 'unmatched backtick runs', build: (n) => FRONT + BODY + '\n' + fill('`a``b', n) + '\n' },
];
