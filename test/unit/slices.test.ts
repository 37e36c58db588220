// Long work in slices (server/src/lsp/slices.ts): the event loop gets turns while a step generator runs,
// and a stop request closes the generator between two steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inSlices } from '../../server/src/lsp/slices.js';

function* steps(n: number, log: string[]): Generator<void, string, void> {
  try {
    for (let i = 0; i < n; i++) {
      log.push(`step ${i}`);
      yield;
    }
    return 'done';
  } finally {
    log.push('closed');
  }
}

test('work in slices lets a message that arrives meanwhile be handled before it ends', async () => {
  const log: string[] = [];
  setImmediate(() => log.push('message'));
  assert.equal(await inSlices(steps(5, log), undefined, 0), 'done');
  const at = log.indexOf('message');
  assert.ok(at > 0 && at < log.indexOf('step 4'), `handled between two steps: ${log.join(', ')}`);
});

test('a stop request closes the work between two steps, and nothing after runs', async () => {
  const log: string[] = [];
  let stop = false;
  setImmediate(() => (stop = true)); // a newer version arrives, or the request is cancelled
  assert.equal(await inSlices(steps(1000, log), () => stop, 0), undefined);
  assert.equal(log[log.length - 1], 'closed');
  assert.ok(log.length < 10, `stopped after a few steps: ${log.length - 1}`);
});

test('without a stop request every step runs, in one slice when the slice is long enough', async () => {
  const log: string[] = [];
  let turns = 0;
  const count = () => setImmediate(() => turns++);
  count();
  assert.equal(await inSlices(steps(50, log), () => false, 60_000), 'done');
  assert.equal(log.filter((l) => l.startsWith('step')).length, 50);
  assert.equal(turns, 0, 'no turn was needed');
});
