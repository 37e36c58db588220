// `npm start` (scripts/demo.mjs after the build): runbook-lint over examples/ shows the two clean
// runbooks with DoD 6/7 (the owner review is a person's) and no finding, the two with typical defects with theirs, and the summary;
// the demo exits 0 although runbook-lint exits 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

test('npm start: the demo shows the clean examples at zero findings and the defective ones with theirs', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/demo.mjs')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  for (const clean of ['gitops/argocd-sync-stuck.md', 'platform/pod-crashloopbackoff.md']) {
    assert.ok(lines.includes(`examples/infra/runbooks/${clean}  DoD 6/7 (a person confirms: owner-review)`), `${clean} passes the DoD:\n${r.stdout}`);
    assert.ok(!lines.some((l) => l.startsWith(`examples/infra/runbooks/${clean}:`)), `${clean} has no finding:\n${r.stdout}`);
  }
  for (const defective of ['storage/object-store-restore.md', 'data-pipelines/postgres-replication-lag.md']) {
    assert.ok(lines.some((l) => l.startsWith(`examples/infra/runbooks/${defective}:`) && / error RB\d{3} /.test(l)), `${defective} shows its errors:\n${r.stdout}`);
  }
  assert.match(r.stdout, /^4 files checked: \d+ errors?, /m);
  assert.match(r.stdout, /runbook-lint exited 1 \(errors found/);
});
