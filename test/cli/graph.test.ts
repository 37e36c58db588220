// runbook-lint graph: Mermaid and DOT golden files, a self-contained SVG, usage errors, and every
// bundled example drawn. UPDATE=1 rewrites the golden files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run, tempDir } from './helpers.js';

const DATA = join(ROOT, 'test/cli/data/graph');

function golden(name: string, actual: string): void {
  const file = join(DATA, name);
  if (process.env['UPDATE'] === '1') writeFileSync(file, actual);
  assert.ok(existsSync(file), `create ${name} (UPDATE=1)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE=1 rewrites it after a wanted change)`);
}

for (const format of ['mermaid', 'dot'] as const) {
  test(`graph --format ${format} prints the golden ${format === 'mermaid' ? 'Mermaid' : 'DOT'} of a runbook with branches, a loop, a dead end, an unreachable and a missing step`, () => {
    for (const name of ['branches', 'pod-crashloopbackoff']) {
      const file = name === 'branches' ? 'test/cli/data/graph/branches.md' : 'examples/infra/runbooks/platform/pod-crashloopbackoff.md';
      const r = run(['graph', file, '--format', format]);
      assert.equal(r.code, 0, r.err);
      golden(`${name}.${format === 'mermaid' ? 'mmd' : 'dot'}`, r.out);
    }
  });
}

test('Mermaid output follows the README flowchart style: flowchart TD, decisions in braces, conditions as -- text -->', () => {
  const out = run(['graph', 'test/cli/data/graph/branches.md']).out;
  assert.match(out, /^flowchart TD\n/);
  assert.match(out, /\n {2}S1\{"Step 1 — Triage"\}\n/);
  assert.match(out, /\n {2}S1 -- If the operation names a hook job --> S2A\n/);
  assert.match(out, /\n {2}class S2A deadEnd\n/);
});

test('graph --format svg writes a self-contained SVG (no external reference) with nodes, marks and a title', () => {
  const dir = tempDir();
  const r = run(['graph', join(ROOT, 'test/cli/data/graph/branches.md'), '--format', 'svg', '--output', 'g.svg'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  const svg = readFileSync(join(dir, 'g.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<title>Step graph: Unstick an Argo CD sync wave<\/title>/);
  assert.deepEqual([...svg.matchAll(/https?:\/\/[^"]*/g)].map((m) => m[0]), ['http://www.w3.org/2000/svg'], 'the only URL is the SVG namespace');
  assert.ok(!/<image|href=|@import|url\((?!#)/.test(svg), 'no image, link or stylesheet from elsewhere');
  assert.equal((svg.match(/class="rb-node /g) ?? []).length, 10);
  assert.match(svg, /class="rb-node rb-type-step rb-kind-diagnose rb-dead-end" data-id="S2A"/);
  assert.match(svg, /rb-unreachable" data-id="S2C"/);
  assert.match(svg, /rb-missing" data-id="missing_7"/);
  assert.match(svg, /class="rb-edge rb-edge-branch rb-back" data-from="S2B" data-to="S1"/);
});

test('graph reports usage and IO problems with exit 2 and one line', () => {
  for (const [args, re] of [
    [['graph'], /give exactly one runbook file/],
    [['graph', 'a.md', 'b.md'], /give exactly one runbook file/],
    [['graph', 'examples/infra/runbooks/platform/pod-crashloopbackoff.md', '--format', 'png'], /unknown --format "png"/],
    [['graph', 'no/such/file.md'], /no\/such\/file\.md/],
    [['graph', '--bogus'], /graph: .*bogus/],
  ] as [string[], RegExp][]) {
    const r = run(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1);
  }
  const h = run(['graph', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /--format <fmt>/);
});

test('graph draws every bundled example as SVG', () => {
  const dir = join(ROOT, 'examples/infra/runbooks');
  for (const cat of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, cat))) {
      const r = run(['graph', join(dir, cat, f), '--format', 'svg']);
      assert.equal(r.code, 0, `${cat}/${f}: ${r.err}`);
      assert.match(r.out, /class="rb-node rb-type-step rb-kind-triage"/, `${cat}/${f} has a triage step`);
    }
  }
});
