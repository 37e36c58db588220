// Fix closure over the fixtures and ../shared/corpora: applying every safe fix adds no finding (other
// than "fill in" findings of the placeholders it inserted), keeps last_reviewed, keeps the author's
// lines and blocks whole, converges in ≤ 3 passes and is idempotent (test/helpers/closure.ts).
// examples/ and ../shared/team-runbooks are in fix-closure-team.test.ts, which runs beside this one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative } from 'node:path';
import { assertFixClosure } from '../helpers/closure.js';
import { CORPUS, closureOver } from '../helpers/closure-files.js';
import { FIXTURE_TODAY, FIXTURES_DIR, fixtureFiles, loadFixture } from '../helpers/fixtures.js';

test('fix closure on every fixture', () => {
  const failures: string[] = [];
  for (const file of fixtureFiles()) {
    const fx = loadFixture(file);
    try {
      assertFixClosure({ text: fx.text, path: fx.path, today: FIXTURE_TODAY, workspace: fx.workspace }, relative(FIXTURES_DIR, file));
    } catch (e) {
      failures.push(e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e));
    }
  }
  assert.deepEqual(failures, []);
});

closureOver(CORPUS(), 300);
