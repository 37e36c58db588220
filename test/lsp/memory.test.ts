// The server's young-generation policy (server/src/lsp/memory.ts): growth off while only short
// runbooks are open, back on while a long one is, inert where V8 flags cannot change at run time,
// and the flag it sets really changes how far V8 grows its young generation on this Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { growthFor, LARGE_DOCUMENT, YoungGenerationPolicy } from '../../server/src/lsp/memory.js';

test('growth stays off for short documents and comes back while a long one is open', () => {
  assert.equal(growthFor([]), 1);
  assert.equal(growthFor([10_000, LARGE_DOCUMENT - 1]), 1);
  assert.equal(growthFor([10_000, LARGE_DOCUMENT]), 2);
});

test('the policy sets the flag only when the wanted factor changes', () => {
  const flags: string[] = [];
  const p = new YoungGenerationPolicy((f) => flags.push(f));
  assert.deepEqual(flags, ['--semi-space-growth-factor=1'], 'set once at start');
  p.observe('file:///a.md', 5_000);
  p.observe('file:///b.md', 8_000);
  assert.equal(flags.length, 1, 'short documents change nothing');
  p.observe('file:///big.md', 1_000_000);
  assert.equal(p.factor, 2);
  p.observe('file:///big.md', 1_000_001);
  assert.deepEqual(flags.slice(1), ['--semi-space-growth-factor=2']);
  p.observe('file:///big.md', 4_000); // edited down to a short runbook
  assert.equal(p.factor, 1);
  p.observe('file:///big.md', 600_000);
  p.forget('file:///big.md'); // closed
  assert.deepEqual(flags.slice(1), ['--semi-space-growth-factor=2', '--semi-space-growth-factor=1', '--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
});

test('without a way to set flags (Electron) the policy does nothing and does not throw', () => {
  const p = new YoungGenerationPolicy(undefined);
  p.observe('file:///big.md', 2_000_000);
  p.forget('file:///big.md');
  assert.equal(p.factor, undefined);
});

test('on this Node the flag set at run time bounds young-generation growth', () => {
  // A burst of allocations where many objects survive a scavenge: V8 grows the young generation with
  // factor 2 and does not with factor 1.
  const script = `
    const v8 = require('node:v8');
    v8.setFlagsFromString('--semi-space-growth-factor=' + process.argv[1]);
    const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const keep = [];
    for (let i = 0; i < 200000; i++) { keep.push({ i, s: 'x' + i, a: [i, i + 1] }); if (keep.length > 50000) keep.length = 0; }
    process.stdout.write(String(size()));`;
  const size = (factor: number) => {
    const r = spawnSync(process.execPath, ['-e', script, String(factor)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout);
  };
  const off = size(1);
  const on = size(2);
  assert.ok(off > 0 && on >= 4 * off, `young generation ${off} bytes with growth off vs ${on} with growth on`);
});
