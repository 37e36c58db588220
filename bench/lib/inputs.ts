// Benchmark inputs: the seed-sized template runbook, synthetic runbooks of a given size built from the
// public corpora (front matter and sections of the template, then corpus runbooks as further steps),
// and the whole corpus.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORPORA, corpusFiles as walkCorpora } from '../../test/helpers/corpus.js';

export { CORPORA };
export const ROOT = join(import.meta.dirname, '..', '..');
export const SEED_FILE = join(ROOT, 'test', 'fixtures', 'clean', 'pod-crashloopbackoff.md');
export const BENCH_PATH = 'infra/runbooks/platform/bench.md';

export interface CorpusFile {
  path: string;
  text: string;
}

export function corpusFiles(): CorpusFile[] {
  if (!existsSync(CORPORA)) throw new Error(`no corpora at ${CORPORA}`);
  const readme = join(CORPORA, 'README.md');
  return walkCorpora((p, name) => name.endsWith('.md') && p !== readme).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

export function seedText(): string {
  return readFileSync(SEED_FILE, 'utf8');
}

const FM = /^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/;

/** A corpus runbook as one more step: its front matter dropped, its headings one level deeper. */
function asStep(text: string, n: number, name: string): string {
  const body = text.replace(FM, '');
  let fence = null as string | null;
  const lines = body.split('\n').map((l) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      return l;
    }
    if (!fence && /^#{1,5}\s/.test(l)) return '#' + l;
    return l;
  });
  if (fence) lines.push(fence.repeat(3)); // close what the file left open, so steps stay steps
  return `## Step ${n} — Diagnose ${name}\n\n${lines.join('\n')}\n`;
}

/** A runbook of about `bytes` characters: the template's sections, then corpus runbooks as extra steps. */
export function syntheticRunbook(bytes: number, corpus: CorpusFile[]): string {
  const seed = seedText();
  const cut = seed.indexOf('\n## Verification');
  const head = cut > 0 ? seed.slice(0, cut + 1) : seed;
  const tail = cut > 0 ? seed.slice(cut + 1) : '';
  let out = head;
  let n = 100;
  for (let i = 0; out.length + tail.length < bytes; i++) {
    const f = corpus[i % corpus.length]!;
    out += '\n' + asStep(f.text, n++, f.path.split('/').pop()!.replace(/\.md$/, ''));
  }
  return out + '\n' + tail;
}

/**
 * A runbook of about `bytes` characters of real text (issue 17): the template runbook, then corpus
 * runbooks appended as they are (front matter, headings, unclosed fences and all), in corpus order.
 * Unlike syntheticRunbook, nothing is adjusted: this is what concatenating real runbooks gives, and
 * it reaches slow paths the adjusted text does not (a 781 KB build took ~30 s to first diagnostics).
 */
export function realRunbook(bytes: number, corpus: CorpusFile[]): string {
  let out = seedText();
  for (let i = 0; out.length < bytes; i++) out += '\n' + corpus[i % corpus.length]!.text;
  return out;
}
