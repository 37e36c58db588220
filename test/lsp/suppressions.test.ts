// Bulk suppressions in the editor: findings runbook-lint-suppressions.json lists are hints (or
// hidden by `runbooks.suppressedFindings`), new ones stay errors; the same file the CLI writes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { startLsp } from '../helpers/lsp-client.js';
import { run, tempDir, cleanRunbook } from '../cli/helpers.js';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const OLD = cleanRunbook(1).replace('## Step 5 — Prevention', 'Remove the stuck pod:\n\n```sh\nkubectl delete pod web-0 -n shop\n```\n\n## Step 5 — Prevention');
const PATH = 'runbooks/platform/a.md';

/** A repository whose one runbook's findings were all suppressed by `runbook-lint --suppress-all`. */
function adopted(): string {
  const dir = tempDir({ [PATH]: OLD });
  made.push(dir);
  const r = run(['--suppress-all'], dir);
  assert.equal(r.code, 0, r.err);
  return dir;
}

test('suppressed findings are published as hints that say so; a new finding is an error', async () => {
  const dir = adopted();
  const root = pathToFileURL(dir).href;
  const uri = `${root}/${PATH}`;
  const s = await startLsp({ rootUri: root });
  try {
    s.open(uri, OLD);
    const first = await s.diagnostics(uri);
    assert.ok(first.length >= 2, 'the old findings are still there');
    for (const d of first) {
      assert.equal(d.severity, 4, `${d.code} is a hint`);
      assert.match(String(d.message), /\(suppressed in runbook-lint-suppressions\.json\)$/);
    }
    const withNew = OLD + '\n## Clean up\n\n```sh\nkubectl delete namespace shop\n```\n';
    s.change(uri, 2, [{ text: withNew }]);
    const next = await s.diagnostics(uri, (_d, p) => p.version === 2);
    const errors = next.filter((d) => d.severity === 1);
    assert.ok(errors.length > 0 && errors.every((d) => /namespace/.test(String(d.message)) || d.range.start.line === withNew.split('\n').indexOf('kubectl delete namespace shop')), errors.map((d) => `${d.code} ${d.message}`).join('\n'));
    assert.equal(next.filter((d) => d.severity === 4).length, first.length, 'the old ones stay hints');
  } finally {
    await s.close();
  }
});

test('runbooks.suppressedFindings: hidden leaves suppressed findings out; a changed file is read again', async () => {
  const dir = adopted();
  const root = pathToFileURL(dir).href;
  const uri = `${root}/${PATH}`;
  const s = await startLsp({ rootUri: root, settings: { suppressedFindings: 'hidden' } });
  try {
    s.open(uri, OLD);
    assert.deepEqual(await s.diagnostics(uri), []);
    // The suppressions file is emptied (e.g. after a pull): the findings come back as they are.
    writeFileSync(join(dir, 'runbook-lint-suppressions.json'), '{}\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/runbook-lint-suppressions.json`, type: 2 }] });
    const back = await s.diagnostics(uri, (d) => d.length > 0);
    assert.ok(back.some((d) => d.severity === 1));
    assert.ok(!back.some((d) => String(d.message).includes("suppressed")));
    assert.ok(readFileSync(join(dir, PATH), 'utf8') === OLD, 'the server never writes the runbook');
  } finally {
    await s.close();
  }
});
