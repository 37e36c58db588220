// Which .runbook-lint.yaml applies to a file: the nearest one at or above its folder (each folder
// is looked at once and its parent's answer reused), or the defaults; --config overrides all.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir, remove } from './helpers.js';
import { ConfigResolver } from '../../server/src/cli/discovery.js';
import { loadConfigFile } from '../../server/src/node/config-file.js';

const made: string[] = [];
after(() => made.forEach(remove));

test('the nearest config wins, for files in the same, deeper and sibling folders, in any order', () => {
  const dir = tempDir({
    'repo/.runbook-lint.yaml': 'review:\n  maxAgeDays: 10\n',
    'repo/runbooks/team/.runbook-lint.yml': 'review:\n  maxAgeDays: 20\n',
    'repo/runbooks/team/deep/er/c.md': '# C\n',
    'repo/runbooks/team/b.md': '# B\n',
    'repo/runbooks/other/a.md': '# A\n',
    'elsewhere/d.md': '# D\n',
  });
  made.push(dir);
  const files = { c: join(dir, 'repo/runbooks/team/deep/er/c.md'), b: join(dir, 'repo/runbooks/team/b.md'), a: join(dir, 'repo/runbooks/other/a.md'), d: join(dir, 'elsewhere/d.md') };
  const want = { c: 20, b: 20, a: 10, d: 180 };
  const source = { c: join(dir, 'repo/runbooks/team/.runbook-lint.yml'), b: join(dir, 'repo/runbooks/team/.runbook-lint.yml'), a: join(dir, 'repo/.runbook-lint.yaml'), d: undefined };
  // Deepest first and shallowest first: the per-folder answers must not depend on the order asked.
  for (const order of [['c', 'b', 'a', 'd'], ['d', 'a', 'b', 'c']] as const) {
    const configs = new ConfigResolver(undefined);
    for (const k of order) {
      assert.equal(configs.for(files[k]).review.maxAgeDays, want[k], `${k} (${order.join('')})`);
      assert.equal(configs.sourceFor(files[k]), source[k], k);
    }
  }
  const explicit = new ConfigResolver(loadConfigFile(join(dir, 'repo/.runbook-lint.yaml')));
  assert.equal(explicit.for(files.c).review.maxAgeDays, 10, '--config applies everywhere');
});
