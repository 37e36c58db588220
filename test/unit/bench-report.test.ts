// The README's performance tables are rendered from bench/results.json (bench/lib/report.ts); npm run
// gen --check fails when the README and the committed results disagree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeTables, withReadmeTables, type Results } from '../../bench/lib/report.js';

const ROOT = join(import.meta.dirname, '..', '..');

const results: Results = {
  machine: { cpu: 'Test CPU', cores: 2, node: '20.0.0', loadavg: '0.50 0.40 0.30', corpus: '12 files, 3456 chars' },
  started: '2026-12-07T10:00:00.000Z',
  duration_s: 321,
  cases: {
    'corpus.check': { median_ms: 90, peer_median_ms: 100, ratio: 0.9, target: 'ratio ≤ 1.0 (vs markdownlint)', met: true },
    'lsp.open.1mb': { median_ms: 1800, p95_ms: 2100, peer_median_ms: 900, ratio: 2, target: 'p95 ≤ 1500 ms', met: false },
    'lsp.editor.10kb': { median_ms: 20, p95_ms: 40, target: 'p95 ≤ 50 ms', met: true },
    'server.rss': { median_mb: 120, target: '≤ 150 MB', met: true },
    'cli.report.corpora': { median_ms: 6000, p95_ms: 7000, target: 'median ≤ 5000 ms', met: false },
  },
};

test('the tables show each case with its target and verdict, the peer side by side, and the cases a run did not measure', () => {
  const t = readmeTables(results);
  assert.match(t, /2026-12-07 10:00 UTC on Test CPU \(2 cores\), Node 20\.0\.0, load average 0\.50 0\.40 0\.30/);
  assert.match(t, /\| corpus\.check vs markdownlint \(12 files\) \| 90\.0 ms \| 100\.0 ms \| 0\.90× \| ratio ≤ 1\.0 \(vs markdownlint\) ✅ \|/);
  assert.match(t, /first diagnostics vs markdownlint on the same text \| 1800\.0 ms \| 900\.0 ms \| 2\.00× \|/);
  assert.match(t, /open → first diagnostics, 1 MB real text \(fresh server\) \| 1800\.0 ms \| 2100\.0 ms \| p95 ≤ 1500 ms ❌ \|/);
  assert.match(t, /with the editor's requests, 10 KB real text \| 20\.0 ms \| 40\.0 ms \| p95 ≤ 50 ms ✅ \|/);
  assert.match(t, /with the editor's requests, 1 MB real text \| not in this run \| {3}\| p95 ≤ 150 ms \|/);
  assert.match(t, /\| 120\.0 MB \| {3}\| ≤ 150 MB ✅ \|/);
  assert.match(t, /Targets not met in this run: lsp\.open\.1mb \(p95 ≤ 1500 ms: p95 2100\.0 ms\); cli\.report\.corpora \(median ≤ 5000 ms: median 6000\.0 ms\)\./);
});

test('only the block between the bench markers changes, and the committed README matches bench/results.json', () => {
  const readme = 'before\n<!-- bench:start -->\nold\n<!-- bench:end -->\nafter\n';
  const out = withReadmeTables(readme, results);
  assert.ok(out.startsWith('before\n<!-- bench:start -->\n') && out.endsWith('\n<!-- bench:end -->\nafter\n'));
  assert.ok(!out.includes('old'));
  const committed = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')) as Results;
  const real = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.equal(withReadmeTables(real, committed), real);
});
