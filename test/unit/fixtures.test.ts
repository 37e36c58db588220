// Every runbook under test/fixtures/ is a test: markers == findings, golden fix, re-check.
import { test } from 'node:test';
import { relative } from 'node:path';
import { fixtureFiles, loadFixture, runFixture, FIXTURES_DIR } from '../helpers/fixtures.js';

for (const file of fixtureFiles()) {
  test(`fixture ${relative(FIXTURES_DIR, file)}`, () => runFixture(loadFixture(file)));
}
