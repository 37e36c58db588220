// The server's workspace index: built at startup from the files on disk, kept current from
// file-change notifications, feeding RB106 (duplicate ids) with related information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp } from '../helpers/lsp-client.js';

const CLEAN = readFileSync(join(import.meta.dirname, '..', 'fixtures/clean/pod-crashloopbackoff.md'), 'utf8');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-ws-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

test('a duplicate runbook_id on disk is RB106 with related information pointing at the other file', async () => {
  const dir = workspace({
    'infra/runbooks/platform/a.md': CLEAN,
    'infra/runbooks/platform/b.md': CLEAN.replace('RB-PLAT-001', 'RB-PLAT-002'),
  });
  const root = pathToFileURL(dir).href;
  const s = await startLsp({ rootUri: root });
  try {
    const uri = `${root}/infra/runbooks/platform/b.md`;
    s.open(uri, CLEAN.replace('RB-PLAT-001', 'RB-PLAT-002'));
    assert.deepEqual((await s.diagnostics(uri)).map((d) => d.code), [], 'unique id: clean');
    // A third runbook with b's id appears on disk; the watcher tells the server.
    writeFileSync(join(dir, 'infra/runbooks/platform/c.md'), CLEAN.replace('RB-PLAT-001', 'RB-PLAT-002'));
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/infra/runbooks/platform/c.md`, type: 1 }] });
    const d = await s.diagnostics(uri, (x) => x.some((y) => y.code === 'RB106'));
    const rb106 = d.find((x) => x.code === 'RB106')!;
    assert.equal(rb106.relatedInformation?.[0]?.location.uri, `${root}/infra/runbooks/platform/c.md`);
    assert.ok(!String(rb106.message).includes('\n'));
    // Deleting it clears the finding again.
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/infra/runbooks/platform/c.md`, type: 3 }] });
    await s.diagnostics(uri, (x) => !x.some((y) => y.code === 'RB106'));
  } finally {
    await s.close();
  }
});
