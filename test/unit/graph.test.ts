// The step graph model (branches, loops, missing steps, 2A/2B sub-steps, dead ends, unreachable
// steps, exits, secrets), its layout (no overlaps) and the SVG/Mermaid/DOT text escaping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { layoutGraph, stepGraph, toDot, toMermaid, toSvg, type StepGraph } from '../../server/src/core/graph/index.js';
import { textWidth, wrap } from '../../server/src/core/graph/layout.js';
import { corpusSample } from '../helpers/corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const graphOf = (text: string) => stepGraph(parseRunbook(text));
const edgesOf = (g: StepGraph) => g.edges.map((e) => `${e.from}>${e.to}${e.label ? `:${e.label}` : ''}${e.back ? ' (back)' : ''}${e.missing ? ' (missing)' : ''}`);
const marksOf = (g: StepGraph) => Object.fromEntries(g.nodes.filter((n) => n.marks.length).map((n) => [n.id, n.marks.join(',')]));

test('draws one node per step with number, letter, kind and name, and an edge per branch with its condition', () => {
  const g = graphOf(readFileSync(join(ROOT, 'examples/infra/runbooks/platform/pod-crashloopbackoff.md'), 'utf8'));
  assert.equal(g.title, 'Recover a Deployment stuck in CrashLoopBackOff');
  assert.deepEqual(g.nodes.map((n) => `${n.id}:${n.type}:${n.kind ?? ''}`), ['inputs:entry:', 'S1:step:triage', 'S2A:step:diagnose', 'S2B:step:diagnose', 'S3:step:mitigation', 'S4:step:verification', 'S5:step:prevention']);
  const s2a = g.nodes.find((n) => n.id === 'S2A')!;
  assert.deepEqual([s2a.number, s2a.letter, s2a.label, s2a.name, s2a.line], [2, 'A', '2A', 'Diagnose a bad release', 59]);
  assert.deepEqual(edgesOf(g), [
    'inputs>S1',
    'S1>S2A:If the restarts began right after a rollout',
    'S1>S2B:If the logs show OOMKilled or memory errors',
    'S2A>S3:If the newest revision matches the start of the restarts',
    'S2A>S2B:Else',
    'S2B>S3:If the reason is OOMKilled',
    'S2B>S5:Else',
    'S3>S4',
    'S4>S5',
  ]);
  assert.deepEqual(marksOf(g), {}, 'a complete runbook has no marks');
});

test('marks a dead end, an unreachable step and a reference to a missing step; a loop back is a back edge; a branch without a step is an exit', () => {
  const g = graphOf(readFileSync(join(ROOT, 'test/cli/data/graph/branches.md'), 'utf8'));
  assert.deepEqual(marksOf(g), { S2A: 'dead-end', S2C: 'unreachable', missing_7: 'missing' });
  const edges = edgesOf(g);
  assert.ok(edges.includes('S1>missing_7:If a CRD is missing (missing)'), edges.join('\n'));
  assert.ok(edges.includes('S2B>S1:If the policy changed during the sync (back)'), edges.join('\n'));
  assert.ok(edges.includes('S1>exit_1:Else'), edges.join('\n'));
  assert.equal(g.nodes.find((n) => n.id === 'exit_1')!.name, 'escalate to the platform on-call');
  assert.equal(edges.filter((e) => e.includes('(back)')).length, 1, 'only the edge that closes the loop is a back edge');
  assert.ok(!edges.some((e) => e.startsWith('S2A>')), 'the dead end has no way forward');
});

test('a loop through several steps marks only the closing edge, and every step stays reachable', () => {
  const g = graphOf('## Inputs\n- [ ] x\n\n## Step 1 — Triage\n- If a → go to Step 2\n\n## Step 2 — Diagnose b\n- If c → go to Step 3\n\n## Step 3 — Mitigation\n- If it did not help → return to Step 1\n\n## Step 4 — Verification\n- [ ] ok\n');
  assert.deepEqual(edgesOf(g), ['inputs>S1', 'S1>S2:If a', 'S2>S3:If c', 'S3>S1:If it did not help (back)', 'S3>S4']);
  assert.deepEqual(marksOf(g), {});
});

test('a self-reference is a back edge and does not count as a way forward', () => {
  const g = graphOf('## Step 1 — Triage\n- If the pod is still starting → go to Step 1\n\n## Step 2 — Mitigation\n- [ ] x\n');
  assert.deepEqual(edgesOf(g), ['S1>S1:If the pod is still starting (back)']);
  assert.deepEqual(marksOf(g), { S1: 'dead-end', S2: 'unreachable' });
});

test('sub-steps 2A/2B are separate nodes; a bare "Step 2" reaches the first of the group; duplicated labels get unique ids', () => {
  const g = graphOf('## Step 1 — Triage\n- If x → go to Step 2\n- If y → go to Step 2B\n\n## Step 2A — Diagnose x\n- If z → go to Step 3\n\n## Step 2B — Diagnose y\n- If z → go to Step 3\n\n## Step 3 — Mitigation\n\n## Step 3 — Verification\n');
  assert.deepEqual(g.nodes.map((n) => n.id), ['S1', 'S2A', 'S2B', 'S3', 'S3_2']);
  assert.deepEqual(edgesOf(g), ['S1>S2A:If x', 'S1>S2B:If y', 'S2A>S3:If z', 'S2B>S3:If z', 'S3>S3_2']);
  assert.equal(new Set(g.nodes.map((n) => n.id)).size, g.nodes.length);
});

test('without an Inputs section the first step is the entry; references outside branches are dashed reference edges', () => {
  const g = graphOf('## Step 1 — Triage\n- If a → go to Step 2\n\n## Step 2 — Mitigation\nWhen done, continue with Step 4.\n\n## Step 3 — Verification\n\n## Step 4 — Prevention\n');
  assert.equal(g.nodes[0]!.id, 'S1');
  assert.deepEqual(edgesOf(g), ['S1>S2:If a', 'S2>S4', 'S3>S4']);
  assert.equal(g.edges[1]!.type, 'reference');
  assert.deepEqual(marksOf(g), { S3: 'unreachable' }, 'the step the reference skips is unreachable');
});

test('a runbook without steps has an empty graph, drawn as a message', () => {
  const g = graphOf('# Alert runbook\n\n## Meaning\nText.\n');
  assert.deepEqual(g.nodes, []);
  const svg = toSvg(layoutGraph(g));
  assert.match(svg, /No steps/);
  assert.match(svg, /<title>Step graph: Alert runbook<\/title>/);
});

test('a token in a step name or a branch condition never reaches the graph, its Mermaid, DOT or SVG', () => {
  const token = 'ghp_' + 'Zq9XkT2mWb7Lr4Pv8Nc1Hs6Jd3Fg5Ya0Eu2I';
  const g = graphOf(`# Rotate\n\n## Step 1 — Triage with ${token}\n- If the header is \`Bearer ${token}\` → go to Step 2\n- If **${token.slice(0, 10)}**${token.slice(10)} → go to Step 2\n\n## Step 2 — Mitigation\n`);
  const all = [JSON.stringify(g), toMermaid(g), toDot(g), toSvg(layoutGraph(g))].join('\n');
  for (let i = 4; i + 8 <= token.length; i++) assert.ok(!all.includes(token.slice(i, i + 8)), `part of the token leaked: ${token.slice(i, i + 8)}`);
  assert.match(g.nodes[0]!.name, /<REDACTED:github/);
  assert.ok(g.edges.every((e) => /REDACTED/.test(e.label)), edgesOf(g).join('\n'));
});

test('SVG, Mermaid and DOT escape text that would break their syntax', () => {
  const g = graphOf('## Step 1 — Triage "quoted" \\<b\\> & co\n- If `a | b` [c] {d}; #e -- x → go to Step 2\n\n## Step 2 — Mitigation\n');
  assert.equal(g.nodes[0]!.name, 'Triage "quoted" <b> & co');
  const svg = toSvg(layoutGraph(g));
  assert.ok(!svg.includes('<b>') && svg.includes('&lt;b&gt; &amp; co') && svg.includes('&quot;quoted&quot;'), svg);
  const mmd = toMermaid(g);
  assert.ok(mmd.includes('S1{"Step 1 — Triage #quot;quoted#quot; #60;b#62; & co"}'), mmd);
  const edge = mmd.split('\n').find((l) => l.includes('S1 --'))!;
  assert.equal(edge, '  S1 -- If a #124; b #91;c#93; #123;d#125;#59; #35;e #45;- x --> S2');
  const dot = toDot(g);
  assert.ok(dot.includes('S1 [label="Step 1 — Triage \\"quoted\\" <b> & co"'), dot);
});

test('layout: no two nodes or edge labels overlap for a 20-step runbook with branches', () => {
  const steps: string[] = ['## Inputs\n- [ ] Time window\n'];
  steps.push('## Step 1 — Triage\n- If the pods restart after a rollout of the new release → go to Step 2A\n- If the logs show OOMKilled → go to Step 2B\n- If the node is under disk pressure → go to Step 2C\n- Else → go to Step 3\n');
  for (const l of ['A', 'B', 'C']) steps.push(`## Step 2${l} — Diagnose cause ${l} with a rather long descriptive name that wraps\n- If it is confirmed by the dashboard → go to Step 3\n- If not → go to Step ${l === 'C' ? '2A' : '4'}\n`);
  for (let i = 3; i <= 18; i++) steps.push(`## Step ${i} — ${i === 18 ? 'Prevention' : i === 17 ? 'Verification' : `Mitigation part ${i}`}\n- [ ] do it\n${i % 4 === 0 ? `- If that failed → go to Step ${i - 2}\n` : ''}`);
  const g = graphOf(steps.join('\n'));
  assert.equal(g.nodes.filter((n) => n.type === 'step').length, 20);
  const laid = layoutGraph(g);
  const boxes = [
    ...laid.nodes.map((n) => ({ what: n.node.id, x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height })),
    ...laid.edges.filter((e) => e.label).map((e) => ({ what: `label ${e.edge.from}>${e.edge.to}`, x: e.label!.x - e.label!.width / 2, y: e.label!.y - e.label!.height / 2, w: e.label!.width, h: e.label!.height })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `${a.what} overlaps ${b.what}`);
    }
  }
  for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.w <= laid.width + 0.5 && b.y + b.h <= laid.height + 0.5, `${b.what} is outside the drawing`);
  for (const n of laid.nodes) for (const l of [n.head, ...n.lines]) assert.ok(textWidth(l, 13, true) <= n.width, `"${l}" is wider than its node`);
});

test('wrap keeps lines within the width, cuts over-long words and ends a cut text with an ellipsis', () => {
  const lines = wrap('If the replica lag on every database shard exceeds the threshold for more than ten minutes in a row', 150, 12);
  assert.equal(lines.length, 3);
  assert.ok(lines[2]!.endsWith('…'));
  for (const l of lines) assert.ok(textWidth(l, 12) <= 150, l);
  const long = wrap('x'.repeat(200), 100, 12);
  for (const l of long) assert.ok(textWidth(l, 12) <= 100, l);
  assert.deepEqual(wrap('Else', 150, 12), ['Else']);
});

test('a graph over the size limit is not laid out and says why', () => {
  const text = Array.from({ length: 200 }, (_, i) => `## Step ${i + 1} — Mitigation ${i}\n`).join('\n');
  const laid = layoutGraph(graphOf(text));
  assert.equal(laid.tooLarge, 200);
  assert.match(toSvg(laid), /too many steps to draw/);
});

test('every runbook of the real corpora gets a graph: unique ids, edges between its nodes, drawn when small enough', () => {
  const texts = corpusSample(400);
  for (const text of texts) {
    const g = graphOf(text);
    const ids = new Set(g.nodes.map((n) => n.id));
    assert.equal(ids.size, g.nodes.length);
    for (const e of g.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${e.from}>${e.to}`);
    const svg = toSvg(layoutGraph(g));
    assert.match(svg, /^<svg [^>]*class="rb-graph"/);
  }
});
