// ReDoS: every regular expression written in server/src/core (found by parsing the TypeScript sources,
// test/helpers/regex-walk.ts) is analysed with recheck and, where recheck finds an attack, timed on that
// attack at doubling sizes: time growing faster than linearly is a failure unless the regex is listed
// below with the reason its input stays short.
//
// recheck takes ~0.2–2 s per pattern, too slow for 400 patterns in every `npm test`: its verdicts are kept
// in test/unit/redos.verdicts.json, keyed by flags + source. Patterns not in that file are analysed live;
// `UPDATE=1 node test/run.mjs redos` rewrites the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { findRegexes, type FoundRegex } from '../helpers/regex-walk.js';

const SRC = join(import.meta.dirname, '..', '..', 'server', 'src');
const CORE = join(SRC, 'core');
const VERDICTS = join(import.meta.dirname, 'redos.verdicts.json');

interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: string;
  /** recheck's attack: prefix + pump repeated + suffix. */
  attack?: { prefix: string; pump: string; suffix: string }[];
}

/**
 * Super-linear on paper, fine in practice: the input is bounded where the regex is used. Keyed by source;
 * the value says why (and who should look at it). New entries need a reason a reviewer can check.
 */
const BOUNDED: Record<string, string> = {
  '"((?:[^"\\\\]|\\\\.)*)"\\s*$': 'complete.ts: one front-matter line at the cursor (owner: editor features)',
  '^#\\s+(.+?)\\s*#*\\s*$': 'complete.ts: one heading line (owner: editor features)',
  '^#{2,6}\\s+(.*?)\\s*#*\\s*$': 'complete.ts: one heading line (owner: editor features)',
  '^(\\s*)-(?:\\s+|$)(.*)$': 'frontmatter-lines.ts: one front-matter line (owner: editor features)',
  '([A-Za-z_][\\w-]*)\\s*:': 'frontmatter-lines.ts: one front-matter line (owner: editor features)',
  '\\].*$': 'frontmatter-lines.ts: one front-matter line (owner: editor features)',
  '^\\s*(?:[-*+]\\s+)?(?:\\*\\*)?`?([a-z_]+)`?(?:\\*\\*)?\\s*:\\s*(.*?)\\s*$': 'RB101: one line before the first H2 — TODO(owner): a 1 MB line costs seconds',
  '^\\s*\\|\\s*`?([a-z_]+)`?\\s*\\|\\s*(.*?)\\s*\\|\\s*$': 'RB101: one table line before the first H2 — TODO(owner)',
  '[.:!]+$': 'trailing punctuation of a title / heading text',
  '^(\\s*)(?:[-*+]\\s+)?(?:\\*\\*|__)?([A-Za-z ]{3,40}?)\\s*(?::\\s*(?:\\*\\*|__)|(?:\\*\\*|__)\\s*:|:)\\s*(.*)$': 'RB204: one Summary line — TODO(owner): 4th degree on blanks',
  '<!--[\\s\\S]*?-->': 'RB208/RB211: section text — TODO(owner): quadratic on many unclosed <!--, use indexOf',
  '[.-]+$': 'RB403: one matched token',
  '\\b(?:version|v|id|port|pid|uid|sha|build|ts|time|timestamp)\\s*[:=]?\\s*$': 'RB403: the text just before a match (bounded window)',
  '[^/]+$': 'RB503: a path',
  '\\?.*$': 'RB505: a link URL',
  '(?:\\s|\\\\[nr])*$': 'secrets: a matched value',
  '[.,!?:]+$': 'secrets: a matched value',
  '\\d+\\.\\d+\\.\\d+': 'secrets: a matched value',
  '\\/\\/[^\\s]+\\/$': 'secrets: a matched URL',
  '[A-Z].*[a-z]|[a-z].*[A-Z]': 'secrets: a matched value (≤ 400 chars)',
  '[.,;:!?*_~]+$': 'secrets/network: a matched URL or host',
  '\\s*(?:→|->|=>|\\bthen\\s+go\\s+to\\b|\\bgo\\s+to\\b|\\bthen\\b|:\\s)\\s*': 'steps.ts: one branch line — TODO(owner): quadratic on long blank runs',
  '^(\\s*(?:>\\s*)*(?:[-*+]|\\d+[.)])?\\s*(?:\\[[ xX]\\]\\s*)?(?:\\*\\*|__)?)(.*)$': 'steps.ts: one line — TODO(owner): cubic on blanks',
  '^-[a-zA-Z]*k[a-zA-Z]*$': 'commands/classify.ts: one command-line flag',
  '(?:^|[.;:!?]\\s+|\\n)\\s*(?:[-*+]\\s+)?(?:when|while|whenever|after|before|once|if)\\s+(?:you\\s+(?:are\\s+)?)?\\w+ing\\b(?![^.;:!?\\n]*\\b(?:run|use|execute|type|apply|issue|invoke)\\b)[^.;:!?\\n]*$': 'commands/extract.ts isNarrative: at most 400 characters before an inline command (NARRATIVE_WINDOW)',
  '\\b(?:ran|executed|typed|invoked|issued|(?:was|were|had been|has been|had) (?:run|executed|applied|issued)|(?:user|operator|someone|client|developer|administrator|admin|it|he|she|they|who) (?:runs|executes|types|issues|invokes|calls))\\b[^.;:!?\\n]*$': 'commands/extract.ts isNarrative: at most 400 characters before an inline command (NARRATIVE_WINDOW)',
  '^(\\s*)((?:>\\s?)+)': 'commands/extract.ts — TODO(owner): quadratic on a long run of "> " (118 ms at 16k chars)',
  '(?:^|[\\s>*_([-])rollback\\s*(?:\\*\\*|__)?\\s*:': 'commands/extract.ts: one line — TODO(owner): quadratic on blanks',
  '^\\s*(?:>\\s*)*(?:[-*+]\\s+|\\d+[.)]\\s+)?(?:\\[[ xX]\\]\\s*)?(?:\\*\\*|__)?\\s*(?:rollback|roll back|to roll back|undo)\\b[^:\\n`]{0,40}:': 'commands/extract.ts: one line — TODO(owner): quadratic on blanks',
  '(?:→|->|=>|\\b(?:then\\s+)?go(?:\\s+|-)?to|\\bgoto|\\bcontinue\\s+(?:with|at|to)|\\bproceed\\s+(?:to|with)|\\bjump\\s+to|\\bback\\s+to|\\breturn\\s+to|\\brepeat|\\bskip\\s+to|\\bsee)\\s*(?:\\*\\*|__|\\[)?\\s*(Step\\s+(\\d{1,4}[A-Za-z]?))\\b': 'steps.ts: branch text — TODO(owner): quadratic on blanks (43 ms at 8k chars)',
};

const key = (r: { source: string; flags: string }) => `/${r.source}/${r.flags}`;

function analyse(r: FoundRegex): Verdict {
  const res = checkSync(r.source, r.flags, { timeout: 2000 }) as {
    status: Verdict['status'];
    complexity?: { summary?: string };
    attack?: { pumps: { prefix: string; pump: string }[]; suffix: string };
  };
  const v: Verdict = { status: res.status };
  if (res.complexity?.summary) v.complexity = res.complexity.summary;
  if (res.attack) v.attack = res.attack.pumps.map((p, i) => ({ prefix: p.prefix, pump: p.pump, suffix: i === res.attack!.pumps.length - 1 ? res.attack!.suffix : '' }));
  return v;
}

function attackOf(v: Verdict, chars: number): string {
  const parts = v.attack ?? [];
  const per = Math.max(1, Math.floor(chars / Math.max(1, parts.reduce((a, p) => a + p.pump.length, 0))));
  return parts.map((p) => p.prefix + p.pump.repeat(per) + p.suffix).join('');
}

function timeExec(re: RegExp, s: string): number {
  const t0 = performance.now();
  re.lastIndex = 0;
  re.exec(s);
  return performance.now() - t0;
}

const inventory = findRegexes(CORE, SRC);

test('the walker finds the regular expressions of the core (literals and new RegExp with literal patterns)', () => {
  assert.ok(inventory.regexes.length >= 300, `found ${inventory.regexes.length}`);
  assert.ok(inventory.regexes.some((r) => r.file.endsWith('model/runbook.ts') && r.source.startsWith('^(?![^\\n')), 'STEP_HEADING is among them');
  for (const r of inventory.regexes) assert.doesNotThrow(() => new RegExp(r.source, r.flags), `${r.file}:${r.line} compiles`);
});

test('no regular expression of the core grows super-linearly on its ReDoS attack (unless its input is bounded)', () => {
  const cache: Record<string, Verdict> = existsSync(VERDICTS) ? (JSON.parse(readFileSync(VERDICTS, 'utf8')) as Record<string, Verdict>) : {};
  const update = process.env.UPDATE === '1';
  const fresh: Record<string, Verdict> = {};
  let live = 0;
  const failures: string[] = [];
  for (const r of inventory.regexes) {
    const k = key(r);
    let v = update ? undefined : (fresh[k] ?? cache[k]);
    if (!v) {
      v = analyse(r);
      live++;
    }
    fresh[k] = v;
    if (v.status !== 'vulnerable' || !v.attack || BOUNDED[r.source]) continue;
    if (/exponential/.test(v.complexity ?? '')) {
      if (!BOUNDED[r.source]) failures.push(`${r.file}:${r.line} /${r.source}/${r.flags}: exponential`);
      continue;
    }
    // Double the attack from 250 characters until one run takes 30 ms (or 16,000 characters): linear
    // time doubles with the size, quadratic quadruples. Stopping early keeps 4th-degree patterns finite.
    const re = new RegExp(r.source, r.flags);
    let prev = 0;
    let growth = 0;
    let last = 0;
    for (let n = 250; n <= 16000; n *= 2) {
      const t = Math.min(timeExec(re, attackOf(v, n)), timeExec(re, attackOf(v, n)));
      if (prev > 0.5) growth = t / prev;
      prev = t;
      last = n;
      if (t > 30) break;
    }
    let superLinear = prev > 20 && growth > 3;
    if (superLinear) {
      // A loaded machine (GC, another process) can stretch one run: confirm on the best of five at both sizes.
      const best = (n: number) => Math.min(...Array.from({ length: 5 }, () => timeExec(re, attackOf(v, n))));
      const half = best(last / 2);
      prev = best(last);
      growth = half > 0.5 ? prev / half : 0;
      superLinear = prev > 20 && growth > 3;
    }
    if (superLinear && !BOUNDED[r.source]) failures.push(`${r.file}:${r.line} /${r.source}/${r.flags}: ${v.complexity}, ${prev.toFixed(1)} ms at ${last} chars, ×${growth.toFixed(1)} per doubling`);
  }
  if (update || live) {
    const sorted = Object.fromEntries(Object.entries({ ...cache, ...fresh }).filter(([k]) => fresh[k]).sort(([a], [b]) => a.localeCompare(b)));
    if (update) writeFileSync(VERDICTS, JSON.stringify(sorted, null, 1) + '\n');
    else console.log(`# redos: ${live} pattern(s) analysed live; run UPDATE=1 node test/run.mjs redos to store their verdicts`);
  }
  assert.deepEqual(failures, [], 'super-linear regular expressions');
});

test('the model\'s own patterns are linear on their attacks (STEP_HEADING, html comments)', () => {
  const step = inventory.regexes.find((r) => r.file.endsWith('model/runbook.ts') && r.source.includes('Step\\s+'))!;
  const re = new RegExp(step.source, step.flags);
  for (const s of ['Step\t0-\t' + '\t'.repeat(50000) + '\t0\n-', 'Step 1' + '-'.repeat(50000) + '\n', 'Step ' + ' '.repeat(50000)]) {
    assert.ok(timeExec(re, s) < 50, `STEP_HEADING on ${JSON.stringify(s.slice(0, 12))}…`);
  }
  assert.ok(!inventory.regexes.some((r) => r.file.endsWith('model/runbook.ts') && r.source === '<!--([\\s\\S]*?)-->'), 'comments are found with indexOf');
});
