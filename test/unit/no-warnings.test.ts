// A clean test run prints no warnings: the YAML library's "Keys with collection values will be
// stringified" (a `[x]: 1` key in front matter or config) is not a process warning; the key is
// reported by the rules like any other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../server/src/core/check.js';
import { parseConfig } from '../../server/src/core/config.js';

test('front matter and config with a collection as a key emit no process warning', async () => {
  const warnings: string[] = [];
  const listen = (w: Error) => warnings.push(w.message);
  process.on('warning', listen);
  try {
    const r = check({ text: '---\n[ x ]: 1\nrunbook_id: RB-PLAT-001\n---\n\n# T\n', path: 'infra/runbooks/platform/t.md' });
    assert.ok(r.findings.length > 0);
    parseConfig('rules:\n  [ x ]: off\n');
    await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
  } finally {
    process.off('warning', listen);
  }
  assert.deepEqual(warnings, []);
});
