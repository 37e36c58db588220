// Fixture harness: runbooks with expected findings marked in comments, golden fixed output,
// and a re-check proving the fix removed what it fixed (or left a "fill in" finding for the
// placeholder it inserted) and added no other finding.
//   <!-- expect RB301 -->          a finding of RB301 starts on this line
//   <!-- expect RB201:+2 -->       ... two lines below (also :-1)
//   # expect RB104                 the same, as a YAML comment in front matter
//   <!-- fixture path: infra/runbooks/security/x.md -->   path given to the checker
//   <!-- fixture only: RB301 RB302 -->                    compare only these rules
// Optional <name>.workspace.json holds WorkspaceFacts; <name>.fixed.md the golden fix-all output
// (UPDATE=1 rewrites it).
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';
import { fixAll } from '../../server/src/core/fix.js';
import type { WorkspaceFacts } from '../../server/src/core/types.js';

export const FIXTURE_TODAY = '2026-11-27';
export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

export interface Fixture {
  file: string;
  name: string;
  text: string;
  path: string;
  only?: string[];
  workspace?: WorkspaceFacts;
  expected: string[];
}

export const MARK = /(?:<!--|#)\s*expect\s+((?:RB\d{3}(?::[+-]\d+)?[\s,]*)+)/g;

export function loadFixture(file: string): Fixture {
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  const expected: string[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(MARK)) {
      for (const tok of m[1]!.split(/[\s,]+/).filter(Boolean)) {
        const [id, off] = tok.split(':');
        expected.push(`${id}@${i + 1 + (off ? Number(off) : 0)}`);
      }
    }
  });
  const pathM = /fixture path:\s*(\S+)/.exec(text);
  const onlyM = /fixture only:\s*([A-Z0-9 ,]+?)\s*-->/.exec(text);
  const wsFile = file.replace(/\.md$/, '.workspace.json');
  return {
    file,
    name: basename(file),
    text,
    path: pathM ? pathM[1]! : `infra/runbooks/platform/${basename(file)}`,
    only: onlyM ? onlyM[1]!.split(/[\s,]+/).filter(Boolean) : undefined,
    workspace: existsSync(wsFile) ? (JSON.parse(readFileSync(wsFile, 'utf8')) as WorkspaceFacts) : undefined,
    expected: expected.sort(),
  };
}

export function fixtureFiles(dir = FIXTURES_DIR): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else if (e.endsWith('.md') && !e.endsWith('.fixed.md')) out.push(p);
  }
  return out.sort();
}

/** Runs one fixture: marked set == found set; golden fixed output; re-check after fix. */
export function runFixture(fx: Fixture): void {
  const input = { text: fx.text, path: fx.path, today: FIXTURE_TODAY, workspace: fx.workspace };
  const res = check(input);
  assert.deepEqual(res.internalErrors, [], 'no rule threw');
  const relevant = res.findings.filter((f) => !fx.only || fx.only.includes(f.ruleId));
  const found = relevant.map((f) => `${f.ruleId}@${res.runbook.lines.positionAt(f.range.start).line + 1}`).sort();
  assert.deepEqual(found, fx.expected, `findings of ${fx.name} (id@line) differ from its markers:\n${relevant.map((f) => `  ${f.ruleId}@${res.runbook.lines.positionAt(f.range.start).line + 1} ${f.message}`).join('\n')}`);
  for (const f of res.findings) {
    assert.ok(f.range.start >= 0 && f.range.end <= fx.text.length && f.range.start <= f.range.end, `range of ${f.ruleId} inside the document`);
  }
  const fixable = relevant.filter((f) => f.fix && f.fix.safe !== false);
  const goldenFile = fx.file.replace(/\.md$/, '.fixed.md');
  if (!fixable.length) {
    assert.ok(!existsSync(goldenFile), `${basename(goldenFile)} exists but ${fx.name} has nothing to fix`);
    return;
  }
  const fixed = fixAll(input);
  if (process.env['UPDATE'] === '1') writeFileSync(goldenFile, fixed.text);
  assert.ok(existsSync(goldenFile), `${fx.name} has fixable findings: create ${basename(goldenFile)} (UPDATE=1)`);
  assert.equal(fixed.text, readFileSync(goldenFile, 'utf8'), `fix-all output of ${fx.name} equals ${basename(goldenFile)}`);
  const after = check({ ...input, text: fixed.text });
  const leftFixable = after.findings.filter((f) => (!fx.only || fx.only.includes(f.ruleId)) && f.fix && f.fix.safe !== false);
  assert.deepEqual(leftFixable.map((f) => `${f.ruleId}: ${f.message}`), [], `the fixed ${fx.name} has no fixable findings left`);
  // A fix that inserts a placeholder leaves a "fill in" finding (meta.placeholder): never a new problem.
  const firedBefore = new Set(res.findings.map((f) => f.ruleId));
  const added = after.findings.filter((f) => !firedBefore.has(f.ruleId) && f.meta?.['placeholder'] !== true);
  assert.deepEqual(added.map((f) => `${f.ruleId}: ${f.message}`), [], `fix-all adds no finding of a rule that did not fire in ${fx.name} (other than "fill in" findings of the placeholders it inserted)`);
  for (const id of new Set(fixable.map((f) => f.ruleId))) {
    const before = relevant.filter((f) => f.ruleId === id).length;
    const remaining = after.findings.filter((f) => f.ruleId === id && f.meta?.['placeholder'] !== true).length;
    assert.ok(remaining < before, `fixing ${id} in ${fx.name} removed at least one ${id} finding or turned it into a "fill in" (${before} -> ${remaining})`);
  }
}
