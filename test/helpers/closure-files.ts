// The runbooks the fix-closure tests run over: the fixtures, examples/, ../shared/corpora and
// ../shared/team-runbooks (every Markdown file, `.html.md.erb` pages included), each with the
// path the checker is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CORPORA, TEAM_RUNBOOKS } from './corpus.js';
import { assertFixClosure } from './closure.js';
import { FIXTURE_TODAY } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.md(?:\.erb)?$/.test(e)) out.push(p);
  }
  return out;
}

export interface CorpusSet {
  name: string;
  /** Absolute file and the workspace-relative path the checker sees (a category folder below runbooks/). */
  files: { abs: string; path: string }[];
}

/** Files of a folder, checked as `infra/runbooks/platform/<folder path, flattened>.md`. */
function set(name: string, dir: string): CorpusSet {
  return { name, files: walk(dir).map((abs) => ({ abs, path: `infra/runbooks/platform/${relative(dir, abs).replace(/[/\\]/g, '_').replace(/\.md\.erb$/, '.md')}` })) };
}

export const EXAMPLES = (): CorpusSet => ({ name: 'examples', files: walk(join(ROOT, 'examples')).map((abs) => ({ abs, path: relative(join(ROOT, 'examples'), abs).replace(/\\/g, '/') })) });
export const TEAM = (): CorpusSet => set('../shared/team-runbooks', TEAM_RUNBOOKS);
export const CORPUS = (): CorpusSet => set('../shared/corpora', CORPORA);

/** One test: fix closure on every file of the set, failures listed (the first eight). */
export function closureOver(set: CorpusSet, min: number): void {
  test(`fix closure on every file of ${set.name} (${set.files.length} files)`, (t) => {
    if (!set.files.length) {
      t.skip(`${set.name} is not there`);
      return;
    }
    assert.ok(set.files.length >= min, `${set.name} has ${set.files.length} files`);
    const failures: string[] = [];
    let applied = 0;
    for (const f of set.files) {
      try {
        applied += assertFixClosure({ text: readFileSync(f.abs, 'utf8'), path: f.path, today: FIXTURE_TODAY }, f.abs).applied;
      } catch (e) {
        failures.push(e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e));
      }
    }
    assert.deepEqual(failures.slice(0, 8), [], `${failures.length} of ${set.files.length} files break fix closure`);
    t.diagnostic(`${applied} fixes applied`);
  });
}
