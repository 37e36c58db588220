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
  assert.equal(items[0]!.insertText, 'sre-team', 'inside the quotes: the content only');
});

test("another team's owner is never first or preselected: owners of the same category folder come before others", () => {
  const ws: WorkspaceFacts = {
    runbooks: [
      { path: 'infra/runbooks/platform/a.md', runbookId: 'RB-PLAT-001', owner: 'platform-sre' },
      { path: 'infra/runbooks/platform/b.md', runbookId: 'RB-PLAT-002', owner: 'platform-sre' },
      { path: 'infra/runbooks/platform/c.md', runbookId: 'RB-PLAT-003', owner: 'platform-sre' },
      { path: 'infra/runbooks/storage/d.md', runbookId: 'RB-STOR-001', owner: 'storage-oncall' },
    ],
    alerts: [],
  };
  const { items } = at('---\nowner: |\n---\n', { path: 'infra/runbooks/storage/new.md', workspace: ws });
  assert.deepEqual(items.map((x) => x.label), ['storage-oncall', 'platform-sre']);
  assert.match(items[0]!.detail!, /runbooks in storage\//);
  assert.ok(!items.some((x) => x.preselect), 'nothing the author or the repo did not choose is preselected');
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
  assert.equal(key.insertText, 'related_alerts:\n  - "$1"', 'no alert is written for the author: completion opens on the names');
  assert.equal(key.suggestValues, true);
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
  assert.match(e.insertText, /^---\nrunbook_id: \$\{1:RB-PLAT-012\}\ntitle: "\$\{2:Drain a node\}"\nowner: "\$\{3:<Team or role>\}"\nlast_reviewed: "\$\{4:2026-11-27\}"\nseverity: "\$\{5\|<P0\\\|P1\\\|P2\\\|P3\\\|P4>,P0,P1,P2,P3,P4\|\}"/);
  assert.match(e.insertText, /\nsafety:\n {2}impact: "\$\{10:<what can go wrong>\}"\n {2}rollback: "\$\{11:<how to revert>\}"\naudit_notes:\n {2}- "\$\{12:[^}]+\}"\n---\n\$0$/);
  const text = snippetToText(e.insertText) + '\n# Drain a node\n';
  const ids = check({ text, path: 'infra/runbooks/platform/self.md', today: '2026-11-27' }).findings.map((f) => f.ruleId);
  for (const id of ['RB101', 'RB102', 'RB103']) assert.ok(!ids.includes(id), `${id} in ${ids.join(',')}`);
  assert.deepEqual(at('---\n|\n---\n').items.some((x) => x.label.startsWith('---')), false, 'not inside existing front matter');
  assert.deepEqual(at('# T\n|\n').items, [], 'only on the first line');
});

// --- issue 18: the first hour of a new author ------------------------------------------------

/** Applies an entry and its additional edits (LSP order: the additional ones are on other lines). */
function applyEntry(text: string, e: CompletionEntry): string {
  const lines = text.split('\n');
  const edits = [{ ...e.range, newText: e.insertText }, ...(e.additionalEdits ?? [])].sort((a, b) => b.line - a.line || b.start - a.start);
  for (const x of edits) lines[x.line] = lines[x.line]!.slice(0, x.start) + x.newText + lines[x.line]!.slice(x.end);
  return lines.join('\n');
}

test('keys are offered inside a front matter that is not closed yet, from the line after `---`, and the key closes it', () => {
  const fresh = at('---\n|');
  assert.equal(fresh.items[0]!.label, 'runbook_id');
  assert.deepEqual(at('---\n|').items.map((x) => x.label), at('---\n|\n---\n').items.map((x) => x.label));
  const owner = fresh.items.find((x) => x.label === 'owner')!;
  assert.equal(applyEntry('---\n', owner), '---\nowner: "$1"\n---');
  // A body below (after a blank line): the closing line goes on the blank line, not into the body.
  const withBody = at('---\n|\n\n# Drain a node\n').items.find((x) => x.label === 'title')!;
  assert.equal(applyEntry('---\n\n\n# Drain a node\n', withBody), '---\ntitle: "$1"\n---\n\n# Drain a node\n');
  // More keys below the cursor: closed after the last of them.
  const above = at('---\n|\nseverity: P2').items.find((x) => x.label === 'owner')!;
  assert.equal(applyEntry('---\n\nseverity: P2', above), '---\nowner: "$1"\nseverity: P2\n---');
  // A closed block is left alone.
  assert.equal(at('---\n|\n---\n').items.find((x) => x.label === 'owner')!.additionalEdits, undefined);
});

test('a key never comes with a value the author did not choose: an empty tab stop, and completion opens on the candidates', () => {
  const items = at('---\nrunbook_id: RB-PLAT-001\n|\n---\n').items;
  const byLabel = (l: string) => items.find((x) => x.label === l)!;
  assert.equal(byLabel('severity').insertText, 'severity: "$1"');
  assert.equal(byLabel('severity').suggestValues, true);
  assert.equal(byLabel('environments').insertText, 'environments:\n  - "$1"');
  assert.equal(byLabel('owner').insertText, 'owner: "$1"');
  assert.equal(byLabel('title').insertText, 'title: "$1"', 'no placeholder that is an error the moment it is inserted');
  assert.equal(byLabel('title').suggestValues, undefined, 'no H1 yet: nothing to pick');
  assert.equal(byLabel('safety').insertText, 'safety:\n  impact: "$1"\n  rollback: "$2"');
  for (const e of items) assert.doesNotMatch(e.insertText, /\$\{\d+[|:]/, `${e.label} pre-fills a value`);
  // The severity values themselves: no preselection of the most severe one.
  assert.ok(!at('---\nseverity: |\n---\n').items.some((x) => x.preselect));
});

test('inside quotes the range is the quoted content: `""` gets `"P0"`, `"P` filters on P and closes the quote', () => {
  const empty = at('---\nseverity: "|"\n---\n');
  assert.deepEqual(empty.items.map((x) => x.insertText), ['P0', 'P1', 'P2', 'P3', 'P4']);
  assert.deepEqual(empty.items[0]!.range, { line: 1, start: 11, end: 11 });
  assert.equal(empty.apply('P2'), '---\nseverity: "P2"\n---\n');
  const open = at('---\nseverity: "P|\n---\n');
  assert.deepEqual(open.items.map((x) => x.filterText), ['P0', 'P1', 'P2', 'P3', 'P4']);
  assert.deepEqual(open.items[0]!.range, { line: 1, start: 11, end: 12 });
  assert.equal(open.apply('P3'), '---\nseverity: "P3"\n---\n');
  assert.equal(at('---\nseverity: "P|1"\n---\n').apply('P4'), '---\nseverity: "P4"\n---\n');
  assert.equal(at("---\nseverity: 'P|'\n---\n").apply('P1'), "---\nseverity: 'P1'\n---\n");
  assert.equal(at('---\nsystems_affected:\n  - "in|"\n---\n').apply('ingress'), '---\nsystems_affected:\n  - "ingress"\n---\n');
  assert.equal(at('---\nenvironments: ["dev", "st|"]\n---\n').apply('staging'), '---\nenvironments: ["dev", "staging"]\n---\n');
  // After the closing quote the whole scalar is replaced, quotes included.
  assert.equal(at('---\nseverity: "P1"|\n---\n').apply('P2'), '---\nseverity: "P2"\n---\n');
  // An unquoted prefix stays unquoted, so a client that filters on the inserted text keeps the item.
  assert.equal(at('---\nseverity: P|\n---\n').items[2]!.insertText, 'P2');
});

test('without snippet support a key completes to `key: ` only, and the skeleton to the bare keys', () => {
  const items = at('---\nrunbook_id: RB-PLAT-001\n|\n---\n', { snippets: false }).items;
  const owner = items.find((x) => x.label === 'owner')!;
  assert.equal(owner.insertText, 'owner: ');
  assert.equal(owner.snippet, false);
  assert.equal(owner.suggestValues, undefined);
  for (const e of items) assert.match(e.insertText, /^[a-z_]+: $/, e.label);
  const skel = at('|\n# T\n', { snippets: false }).items[0]!;
  assert.equal(skel.snippet, false);
  assert.doesNotMatch(skel.insertText, /\$/);
  assert.match(skel.insertText, /^---\nrunbook_id: \ntitle: \n[\s\S]*\nsafety:\n {2}impact: \n {2}rollback: \naudit_notes: \n---\n$/);
});

test('over a template placeholder (selected by a snippet) every value is offered: the entries filter on the placeholder', () => {
  const { items, apply } = at('---\nowner: "<Team or role>|"\n---\n');
  assert.deepEqual(items.map((x) => x.label), ['platform-sre', 'storage-oncall', 'security-reviewers']);
  for (const e of items) assert.equal(e.filterText, '<Team or role>');
  assert.equal(apply('platform-sre'), '---\nowner: "platform-sre"\n---\n');
  assert.equal(at('---\nsystems_affected:\n  - "<system/component>|"\n---\n').apply('ingress'), '---\nsystems_affected:\n  - "ingress"\n---\n');
  // A real prefix still filters on the value.
  assert.equal(at('---\nowner: "plat|"\n---\n').items[0]!.filterText, 'platform-sre');
});
