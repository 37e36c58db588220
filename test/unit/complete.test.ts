// Core front-matter completion with workspace facts (in memory): owners, systems, CODEOWNERS
// teams, alerts, next id, and the line-based reading of half-typed YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete, type CompletionEntry, type CompleteInput } from '../../server/src/core/complete.js';
import type { WorkspaceFacts } from '../../server/src/core/types.js';

const WS: WorkspaceFacts = {
  runbooks: [
    { path: 'infra/runbooks/platform/a.md', runbookId: 'RB-PLAT-003', owner: 'platform-sre', systems: ['cluster', 'ingress'] },
    { path: 'infra/runbooks/platform/b.md', runbookId: 'RB-PLAT-011', owner: 'platform-sre', systems: ['ingress'] },
    { path: 'infra/runbooks/storage/c.md', runbookId: 'RB-STOR-002', owner: 'storage-oncall', systems: ['<system/component>'] },
    { path: 'infra/runbooks/platform/self.md', runbookId: 'RB-PLAT-099', owner: 'only-in-this-file' },
  ],
  alerts: [
    { name: 'KubePodCrashLooping', expr: 'max_over_time(x[5m]) >= 1', severity: 'warning', path: 'infra/alerts/platform.rules.yaml', line: 4 },
    { name: 'NodeDiskPressure', severity: 'critical', path: 'infra/alerts/platform.rules.yaml', line: 9 },
  ],
  codeowners: { path: '.github/CODEOWNERS', rules: [{ pattern: '*', owners: ['@someone'], line: 0 }, { pattern: '/infra/runbooks/security/', owners: ['@example-org/security-reviewers'], line: 1 }] },
};

function at(marked: string, extra: Partial<CompleteInput> = {}): { items: CompletionEntry[]; apply: (label: string) => string } {
  const i = marked.indexOf('|');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const lines = text.slice(0, i).split(/\r?\n/);
  const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  const items = complete({ text, position, path: 'infra/runbooks/platform/self.md', workspace: WS, today: '2026-11-27', ...extra });
  const apply = (label: string) => {
    const e = items.find((x) => x.label === label);
    assert.ok(e, `${label} in ${items.map((x) => x.label).join(',')}`);
    const all = text.split(/(?<=\n)/);
    const line = all[e.range.line]!;
    all[e.range.line] = line.slice(0, e.range.start) + e.insertText + line.slice(e.range.end);
    return all.join('');
  };
  return { items, apply };
}

test('owner values come from other runbooks (most used first), then CODEOWNERS teams; never from this file', () => {
  const { items } = at('---\nowner: |\n---\n');
  assert.deepEqual(items.map((x) => x.label), ['platform-sre', 'storage-oncall', 'security-reviewers']);
  assert.match(items[2]!.detail!, /CODEOWNERS team @example-org\/security-reviewers/);
});

test('the CODEOWNERS team owning the file comes first', () => {
  const { items } = at('---\nowner: |\n---\n', { path: 'infra/runbooks/security/rotate.md' });
  assert.equal(items[0]!.label, 'security-reviewers');
  assert.match(items[0]!.detail!, /CODEOWNERS owner of this file/);
  assert.equal(items[0]!.preselect, true);
});

test('runbooks.defaultOwner is offered first and preselected', () => {
  const { items } = at('---\nowner: "|"\n---\n', { defaultOwner: 'sre-team' });
  assert.equal(items[0]!.label, 'sre-team');
  assert.equal(items[0]!.preselect, true);
  assert.equal(items[0]!.insertText, '"sre-team"');
});

test('systems_affected offers systems used elsewhere by frequency, skipping placeholders; listed ones come last', () => {
  const { items, apply } = at('---\nsystems_affected:\n  - "cluster"\n  - |\n---\n');
  const l = items.map((x) => x.label);
  assert.equal(l[0], 'ingress');
  assert.equal(l[l.length - 1], 'cluster');
  assert.equal(items[items.length - 1]!.detail, 'already listed');
  assert.ok(!l.some((x) => x.startsWith('<')));
  assert.equal(apply('ingress'), '---\nsystems_affected:\n  - "cluster"\n  - "ingress"\n---\n');
});

test('related_alerts offers the Prometheus alert names with severity, file and expression', () => {
  const { items } = at('---\nrelated_alerts: [|]\n---\n');
  assert.deepEqual(items.map((x) => x.label), ['KubePodCrashLooping', 'NodeDiskPressure']);
  assert.match(items[0]!.detail!, /warning.*platform\.rules\.yaml/);
  assert.match(items[0]!.documentation!, /max_over_time/);
  const key = at('---\nrunbook_id: RB-PLAT-001\n|\n---\n').items.find((x) => x.label === 'related_alerts')!;
  assert.equal(key.insertText, 'related_alerts:\n  - "${1|KubePodCrashLooping,NodeDiskPressure|}"');
});

test('a listed alert is still offered (last) under related_alerts, while listed environments are left out (unique items)', () => {
  const alerts = at('---\nrelated_alerts:\n  - "KubePodCrashLooping"\n  - |\n---\n').items;
  assert.deepEqual(alerts.map((x) => x.label), ['NodeDiskPressure', 'KubePodCrashLooping']);
  const envs = at('---\nenvironments:\n  - "dev"\n  - |\n---\n').items;
  assert.deepEqual(envs.map((x) => x.label), ['staging', 'prod']);
});

test('runbook_id completes to one above the highest id of the area, ignoring this file\'s own id', () => {
  const { items } = at('---\nrunbook_id: |\n---\n');
  assert.deepEqual(items.map((x) => x.insertText), ['RB-PLAT-012']);
  assert.equal(at('---\nrunbook_id: |\n---\n', { path: 'infra/runbooks/storage/new.md' }).items[0]!.label, 'RB-STOR-003');
});

test('title completes to the H1 when there is one', () => {
  assert.deepEqual(at('---\ntitle: |\n---\n\n# Restore DNS\n').items.map((x) => x.insertText), ['"Restore DNS"']);
  assert.deepEqual(at('---\ntitle: |\n---\n\n```\n# not a heading\n```\n').items, []);
});

test('CRLF documents complete the same way', () => {
  const { items, apply } = at('---\r\nseverity: |\r\n---\r\n');
  assert.equal(items.length, 5);
  assert.equal(apply('P4'), '---\r\nseverity: "P4"\r\n---\r\n');
});

test('list keys in value position complete as a one-element flow list', () => {
  const { apply } = at('---\nenvironments: |\n---\n');
  assert.equal(apply('prod'), '---\nenvironments: ["prod"]\n---\n');
});

test('single-quoted values stay single-quoted', () => {
  const { apply } = at("---\nseverity: 'P|'\n---\n");
  assert.equal(apply('P2'), "---\nseverity: 'P2'\n---\n");
});

test('nothing is offered on comment lines, on an existing key name, in the closing delimiter or in a list of mappings', () => {
  assert.deepEqual(at('---\n# sev|\n---\n').items, []);
  assert.deepEqual(at('---\nsever|ity: P1\n---\n').items, []);
  assert.deepEqual(at('---\nowner: x\n--|-\n').items, []);
  assert.deepEqual(at('---\nx:\n  - a: 1\n    |\n---\n').items, []);
});

test('keys typed under an unknown parent mapping get no top-level keys', () => {
  assert.deepEqual(at('---\nsafety:\n  impact: a\n  rollback: b\n  |\n---\n').items, []);
  assert.deepEqual(at('---\nunknown:\n  |\n---\n').items, []);
});

test('a 2,000-line runbook completes quickly (front matter read only)', () => {
  const body = Array.from({ length: 2000 }, (_, i) => `- [ ] line ${i} go to Step 1`).join('\n');
  const text = `---\nrunbook_id: RB-PLAT-001\nseverity: |\n---\n\n# T\n\n## Step 1 — Triage\n${body}\n`;
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) at(text);
  assert.ok((performance.now() - t0) / 50 < 20, 'under 20 ms per completion');
});

test('completion and hover never throw, and ranges stay on the cursor line, for arbitrary half-typed front matter', async () => {
  const fc = (await import('fast-check')).default;
  const { hover } = await import('../../server/src/core/hover.js');
  const piece = fc.constantFrom('---', 'severity:', ' "P', 'environments: [dev, ', '  - ', '- ', 'safety:', '  impact: x', '  ', '#', '"', "'", '[', ']', ',', ':', 'owner', '\t', '\r\n', '\n', 'go to Step ', '# T', '{', '}');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(40), fc.nat(60), (parts, line, character) => {
      const text = parts.join('');
      const position = { line, character };
      const items = complete({ text, position, path: 'infra/runbooks/platform/x.md', workspace: WS, today: '2026-11-27' });
      for (const e of items) {
        assert.equal(e.range.line, line);
        assert.ok(e.range.start <= e.range.end);
      }
      hover({ text, position, path: 'infra/runbooks/platform/x.md', workspace: WS });
    }),
    { numRuns: 1500 },
  );
});

test('on the first line of a file without front matter, the whole front matter is offered with every key and the next id', async () => {
  const { snippetToText } = await import('../../client/src/logic/template.js');
  const { check } = await import('../../server/src/core/check.js');
  for (const start of ['|', '---|', '-|']) {
    const { items } = at(`${start}\n# Drain a node\n`);
    assert.equal(items.length, 1, start);
    assert.equal(items[0]!.range.start, 0);
    assert.equal(items[0]!.range.end, start.length - 1);
  }
  const e = at('|\n# Drain a node\n').items[0]!;
  assert.match(e.insertText, /^---\nrunbook_id: \$\{1:RB-PLAT-012\}\ntitle: "\$\{2:Drain a node\}"\nowner: "\$\{3\|platform-sre,storage-oncall,security-reviewers\|\}"\nlast_reviewed: "\$\{4:2026-11-27\}"/);
  assert.match(e.insertText, /\nsafety:\n {2}impact: "\$\{10:<what can go wrong>\}"\n {2}rollback: "\$\{11:<how to revert>\}"\naudit_notes:\n {2}- "\$\{12:[^}]+\}"\n---\n\$0$/);
  const text = snippetToText(e.insertText) + '\n# Drain a node\n';
  const ids = check({ text, path: 'infra/runbooks/platform/self.md', today: '2026-11-27' }).findings.map((f) => f.ruleId);
  for (const id of ['RB101', 'RB102', 'RB103']) assert.ok(!ids.includes(id), `${id} in ${ids.join(',')}`);
  assert.deepEqual(at('---\n|\n---\n').items.some((x) => x.label.startsWith('---')), false, 'not inside existing front matter');
  assert.deepEqual(at('# T\n|\n').items, [], 'only on the first line');
});
