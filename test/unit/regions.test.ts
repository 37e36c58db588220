// Section-by-section text scans (server/src/core/regions.ts): where the regions are cut, that a check
// of an edited text rescans only the region the edit touched, and that the memo never hands a result
// computed under other settings (allow-lists, rule options) to a check with different ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook } from '../../server/src/core/model/runbook.js';
import { regions, scanRegions } from '../../server/src/core/regions.js';
import { check } from '../../server/src/core/check.js';
import { resolveConfig, type RawConfig } from '../../server/src/core/config.js';
import { detectSecrets } from '../../server/src/core/secrets/index.js';
import { corpusSample } from '../helpers/corpus.js';
import { expectsOutput, saysExpectation } from '../../server/src/core/rules/rb211-command-explained.js';

const DOC = [
  '---',
  'title: "T"',
  '---',
  '# T',
  'intro',
  '## Step 1 — One',
  '- list item',
  '  # heading inside a list item',
  '> # heading inside a quote',
  '```',
  '# comment in a fence',
  '```',
  '  ### Indented root heading',
  'Setext root heading',
  '-------------------',
  'tail',
].join('\n');

test('regions: the front matter, then one region per heading line with only spaces before it; headings after a quote marker or in fences cut nothing', () => {
  const rb = parseRunbook(DOC, 'infra/runbooks/platform/x.md');
  const rs = regions(rb);
  assert.equal(rs.map((r) => r.text).join(''), DOC, 'the regions cover the text exactly, in order');
  assert.deepEqual(
    rs.map((r) => r.text.split('\n')[0]),
    ['---', '# T', '## Step 1 — One', '  # heading inside a list item', '  ### Indented root heading', 'Setext root heading'],
  );
  for (const r of rs) assert.equal(DOC.slice(r.at, r.at + r.text.length), r.text);
});

test('scanRegions: after an edit only the touched region is scanned again, and the result equals a scan of every region', () => {
  const texts = corpusSample(12).filter((t) => regions(parseRunbook(t, 'a.md')).length >= 4);
  assert.ok(texts.length >= 5, 'corpus runbooks with several sections');
  for (const [i, text] of texts.entries()) {
    const path = `infra/runbooks/platform/regions-${i}.md`;
    const scanned: string[] = [];
    const scan = (t: string) => {
      scanned.push(t);
      return detectSecrets(t).concat([{ kind: 'marker', title: 'm', start: 0, end: 1, fingerprint: String(t.length) }]);
    };
    const shift = <T extends { start: number; end: number }>(f: T, by: number): T => ({ ...f, start: f.start + by, end: f.end + by });
    const first = parseRunbook(text, path);
    scanRegions(first, 'test-scan', scan, shift);
    assert.equal(scanned.length, regions(first).length);
    // Insert a word in the middle of the third region.
    const r = regions(first)[2]!;
    const at = r.at + Math.floor(r.text.length / 2);
    const edited = text.slice(0, at) + ' inserted ' + text.slice(at);
    const second = parseRunbook(edited, path);
    scanned.length = 0;
    const got = scanRegions(second, 'test-scan', scan, shift);
    assert.ok(scanned.length >= 1 && scanned.length <= 2, `rescanned ${scanned.length} regions, expected the edited one (its neighbour at most, if the edit moved a cut)`);
    assert.ok(scanned.some((t) => t.includes(' inserted ')));
    const fresh = scanRegions(parseRunbook(edited, path + '.fresh'), 'test-scan', (t) => scan(t), shift);
    assert.deepEqual(got, fresh);
    // Markers sit at each region's start in document offsets.
    assert.deepEqual(
      got.filter((f) => f.kind === 'marker').map((f) => f.start),
      regions(second).map((x) => x.at),
    );
  }
});

test('the memo never carries a result across settings: allow-lists and rule options apply on the next check of the same text', () => {
  const text = [
    '# Title',
    '',
    '## Summary',
    '',
    'Ask jane.doe@acme.io, or open https://grafana.acme.net/d/abc for the dashboard.',
    '',
  ].join('\n');
  const path = 'infra/runbooks/platform/memo-settings.md';
  const run = (rule: string, raw: RawConfig) => check({ text, path, config: resolveConfig(raw), only: [rule] }).findings.length;
  assert.equal(run('RB403', {}), 1);
  assert.equal(run('RB403', { allow: { emails: ['jane.doe@acme.io'] } }), 0);
  assert.equal(run('RB403', {}), 1);
  assert.equal(run('RB402', {}), 0);
  assert.equal(run('RB402', { rules: { RB402: { internalDomains: ['acme.net'] } } }), 1);
  assert.equal(run('RB402', { rules: { RB402: { internalDomains: ['acme.net'] } }, allow: { domains: ['grafana.acme.net'] } }), 0);
  assert.equal(run('RB402', {}), 0);
});

test('RB211 reads "expected output" region by region exactly as it reads the whole step (every section of corpus runbooks, before and after edits)', () => {
  const says = saysExpectation;
  let asked = 0;
  let yes = 0;
  for (const [i, base] of [DOC, ...corpusSample(60)].entries()) {
    const cut = base.indexOf('\n', base.length >> 1);
    for (const text of [base, base.slice(0, cut) + '\nExpected output: a list.\n<!-- c -->' + base.slice(cut)]) {
      const rb = parseRunbook(text, `infra/runbooks/platform/expect-${i}.md`);
      const ranges = [...rb.allSections.map((s) => s.range), { start: rb.bodyStart, end: text.length }];
      for (const r of ranges) {
        const want = says(text.slice(r.start, r.end));
        assert.equal(expectsOutput(rb, r.start, r.end), want, `${i} ${r.start}-${r.end}`);
        asked++;
        if (want) yes++;
      }
    }
  }
  assert.ok(asked > 400 && yes > 50 && yes < asked, `${asked} ranges, ${yes} say it`);
});

test('a text over 8 MB is scanned afresh each time, and its document keeps nothing from earlier versions', () => {
  const path = 'infra/runbooks/platform/huge.md';
  let calls = 0;
  const scan = (t: string) => {
    calls++;
    return t.length ? [t.length] : [];
  };
  const small = parseRunbook('# T\n\nintro\n', path);
  scanRegions(small, 'count', scan, (x) => x);
  const callsSmall = calls;
  scanRegions(parseRunbook('# T\n\nintro\n', path), 'count', scan, (x) => x);
  assert.equal(calls, callsSmall, 'an unchanged short text is answered from the memo');
  const huge = 'x'.repeat(9 * 1024 * 1024);
  calls = 0;
  scanRegions(parseRunbook(huge, path, { skipMarkdown: true }), 'count', scan, (x) => x);
  scanRegions(parseRunbook(huge, path, { skipMarkdown: true }), 'count', scan, (x) => x);
  assert.equal(calls, 2, 'not remembered');
  scanRegions(parseRunbook('# T\n\nintro\n', path), 'count', scan, (x) => x);
  assert.equal(calls, 2 + callsSmall, 'the short version was dropped when the huge one was checked');
});
