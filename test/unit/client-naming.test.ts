// Client logic without vscode: file names, runbooks root, next id, Mark Reviewed Today, tree labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kebabCase, localToday, nextRunbookId, runbookFilePath, runbooksRootOf, validateTitle } from '../../client/src/logic/naming.js';
import { markReviewedEdit } from '../../client/src/logic/review.js';
import { describeRunbook, describeStep, dodStatusText, dodTooltipLines, groupByCategory, reviewAgeDays, UNCATEGORIZED } from '../../client/src/logic/tree.js';
import type { DodReportResult, RunbookSummary } from '../../server/src/lsp/features/protocol.js';

test('kebab-case file names drop punctuation and accents and never start or end with a dash', () => {
  assert.equal(kebabCase('Restore Ingress: 502s (prod)!'), 'restore-ingress-502s-prod');
  assert.equal(kebabCase('  Café   Déjà-vu  '), 'cafe-deja-vu');
  assert.equal(kebabCase("Node's disk pressure"), 'nodes-disk-pressure');
  assert.equal(kebabCase('!!!'), '');
  assert.ok(kebabCase('x'.repeat(200)).length <= 80);
});

test('a title must give a file name', () => {
  assert.equal(validateTitle('Restore DNS'), undefined);
  assert.match(validateTitle('   ')!, /title/);
  assert.match(validateTitle('???')!, /letters or digits/);
});

test('the new file goes to <runbooks root>/<category>/<kebab-title>.md', () => {
  assert.equal(runbookFilePath('infra/runbooks/', 'data-pipelines', 'Promotion gate failed'), 'infra/runbooks/data-pipelines/promotion-gate-failed.md');
  assert.equal(runbooksRootOf('infra/runbooks/platform/a.md'), 'infra/runbooks');
  assert.equal(runbooksRootOf('docs/runbooks/x/y/z.md'), 'docs/runbooks');
  assert.equal(runbooksRootOf('README.md'), undefined);
});

test('the next id is one above the highest used in the category area, padded to three digits', () => {
  const areas = { platform: 'PLAT', security: 'SEC', custom: 'CUS' };
  assert.equal(nextRunbookId('platform', ['RB-PLAT-001', 'RB-PLAT-009', 'RB-NET-050', 'junk'], areas), 'RB-PLAT-010');
  assert.equal(nextRunbookId('security', [], areas), 'RB-SEC-001');
  assert.equal(nextRunbookId('custom', ['RB-CUS-002'], areas), 'RB-CUS-003');
  assert.equal(nextRunbookId('unknown', [], areas), 'RB-AREA-001', 'an unknown area stays a placeholder');
});

test('today is the local date as YYYY-MM-DD', () => {
  assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
});

test('Mark Reviewed Today replaces the last_reviewed value, fills an empty one, or inserts the key after owner', () => {
  const apply = (t: string, e: ReturnType<typeof markReviewedEdit>) => {
    assert.ok(!('error' in e), JSON.stringify(e));
    const lines = t.split(/(?<=\n)/);
    const l = lines[e.line] ?? '';
    lines[e.line] = l.slice(0, e.start) + e.newText + l.slice(e.end);
    return lines.join('');
  };
  const base = '---\nrunbook_id: RB-PLAT-001\ntitle: "x"\nowner: "sre"\nlast_reviewed: "2025-01-01"\nseverity: P2\n---\n# x\n';
  assert.equal(apply(base, markReviewedEdit(base, '2026-11-27')), base.replace('2025-01-01', '2026-11-27'));
  const empty = base.replace('last_reviewed: "2025-01-01"', 'last_reviewed:');
  assert.equal(apply(empty, markReviewedEdit(empty, '2026-11-27')), base.replace('2025-01-01', '2026-11-27'));
  const missing = base.replace('last_reviewed: "2025-01-01"\n', '');
  assert.equal(apply(missing, markReviewedEdit(missing, '2026-11-27')), base.replace('2025-01-01', '2026-11-27'));
  assert.match((markReviewedEdit('# no front matter\n', '2026-11-27') as { error: string }).error, /no front matter/);
  const broken = '---\r\ntitle: "unclosed\r\nowner: x # team\r\nlast_reviewed: 2025-01-01 # old\r\n---\r\n';
  assert.equal(apply(broken, markReviewedEdit(broken, '2026-11-27')), broken.replace('2025-01-01', '"2026-11-27"'), 'invalid YAML and a trailing comment');
  const noOwner = '---\r\nruntime: 1\r\n---\r\n';
  assert.equal(apply(noOwner, markReviewedEdit(noOwner, '2026-11-27')), '---\r\nlast_reviewed: "2026-11-27"\r\nruntime: 1\r\n---\r\n');
});

const summary = (over: Partial<RunbookSummary>): RunbookSummary => ({ uri: 'file:///ws/x.md', maxAgeDays: 180, errors: 0, warnings: 0, dod: { passed: 7, total: 7 }, ...over });

test('the tree groups runbooks by category (sorted, uncategorized last) and sorts runbooks by title', () => {
  const g = groupByCategory([
    summary({ category: 'storage', title: 'b' }),
    summary({ title: 'loose' }),
    summary({ category: 'platform', title: 'Zed' }),
    summary({ category: 'platform', title: 'alpha' }),
  ]);
  assert.deepEqual(g.map((x) => x.category), ['platform', 'storage', UNCATEGORIZED]);
  assert.deepEqual(g[0]!.runbooks.map((r) => r.title), ['alpha', 'Zed']);
});

test('review age counts whole days and a runbook older than maxAgeDays (or never reviewed) is stale', () => {
  assert.equal(reviewAgeDays('2026-11-01', '2026-11-27'), 26);
  assert.equal(reviewAgeDays('2026-02-30', '2026-11-27'), undefined);
  assert.equal(reviewAgeDays(undefined, '2026-11-27'), undefined);
  const fresh = describeRunbook(summary({ title: 'T', severity: 'P1', owner: 'sre', lastReviewed: '2026-11-27', dod: { passed: 5, total: 7 } }), '2026-11-27');
  assert.equal(fresh.description, 'P1 · sre · reviewed today · DoD 5/7');
  assert.equal(fresh.stale, false);
  const old = describeRunbook(summary({ lastReviewed: '2026-01-01', maxAgeDays: 30, path: 'infra/runbooks/p/x.md' }), '2026-11-27');
  assert.equal(old.stale, true);
  assert.equal(old.label, 'x.md');
  assert.match(old.description, /reviewed 330d ago \(stale\)/);
  assert.equal(describeRunbook(summary({}), '2026-11-27').stale, true);
  const fresh2 = describeRunbook(summary({ severity: '<P0|P1|P2|P3|P4>', owner: '<Team or role>', lastReviewed: '2026-11-27', path: 'a/new.md' }), '2026-11-27');
  assert.equal(fresh2.description, '— · no owner · reviewed today · DoD 7/7', 'template placeholders read as not set');
});

test('the status bar says DoD n/7 and its tooltip lists every item with pass or fail', () => {
  const r: DodReportResult = {
    uri: 'u',
    passed: 1,
    total: 2,
    items: [
      { id: 'structure', label: 'Structure', pass: true, manual: false, findings: [] },
      { id: 'owner-review', label: 'Owner review', pass: false, manual: true, findings: [{ ruleId: 'RB503', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] },
    ],
  };
  assert.equal(dodStatusText({ passed: 5, total: 7 }), 'DoD 5/7');
  assert.deepEqual(dodTooltipLines(r), ['✓ Structure', '✗ Owner review (manual: an owner reviews it) — 1 finding']);
});

test('New Runbook… labels only folders that do not exist as "new folder" (an existing empty one is not new)', async () => {
  const { categoryChoices } = await import('../../client/src/logic/naming.js');
  const picks = categoryChoices(['platform', 'networking', 'storage'], ['platform', 'networking', 'team-x', '_templates', 'README.md'], 'infra/runbooks');
  const detail = Object.fromEntries(picks.map((p) => [p.label, p.detail]));
  assert.deepEqual(Object.keys(detail), ['platform', 'networking', 'storage', 'team-x']);
  assert.equal(detail.networking, undefined, 'an existing (empty) folder');
  assert.equal(detail['team-x'], undefined);
  assert.equal(detail.storage, 'new folder infra/runbooks/storage/');
});

test('a step in the Runbooks tree shows its kind and what is wrong inside it', () => {
  const ok = describeStep({ title: 'Step 1 — Triage', kind: 'triage', line: 30, errors: 0, warnings: 0, ruleIds: [] });
  assert.deepEqual([ok.label, ok.description, ok.ok], ['Step 1 — Triage', 'triage · no findings', true]);
  const bad = describeStep({ title: 'Step 3 — Mitigation', kind: 'mitigation', line: 60, errors: 2, warnings: 1, ruleIds: ['RB301', 'RB302'] });
  assert.deepEqual([bad.description, bad.ok], ['mitigation · 3 findings (RB301, RB302)', false]);
  assert.match(bad.tooltip, /Line 61: 2 error\(s\), 1 warning\(s\)/);
});
