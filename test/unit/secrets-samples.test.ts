// The detector against labelled public samples (../shared/secrets-samples): recall and
// false-positive floors set from measurement, the leak check over every positive, and zero
// RB401 findings on the real runbook corpora. Skipped when the shared data is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectSecrets } from '../../server/src/core/secrets/index.js';
import { check } from '../../server/src/core/check.js';
import { applyEdits } from '../../server/src/core/fix.js';
import type { Finding } from '../../server/src/core/types.js';
import { leakedSubstring } from '../helpers/leak.js';
import { CORPORA, SHARED, corpusFiles } from '../helpers/corpus.js';

const SAMPLES = join(SHARED, 'secrets-samples');
const skip = !existsSync(join(SAMPLES, 'positives.jsonl')) && 'no ../shared/secrets-samples';

interface Sample {
  text: string;
  kind: string;
  source: string;
}
const load = (f: string): Sample[] =>
  readFileSync(join(SAMPLES, f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Sample)
    // IP-address samples are privacy findings (RB403), not credentials (samples README).
    .filter((s) => s.kind !== 'IPPublicDetector');

// Positives whose only credential is a placeholder under the policy the issue asks for
// (xxxx runs, EXAMPLE/fake values, ${…}/{{…}} templates, user:pass@ sample URLs).
const PLACEHOLDER_LABELLED = /x{4,}|example|(?<![a-z])fake|\$\{|\{\{|\/\/(?:user|username|admin):pass(?:word)?@|redacted|changeme/i;

// Floors set from measurement (recall 0.910 raw = 527/579, 0.978 policy = 489/500; FP rate
// 0.020 = 10/490), with a margin of a few samples.
const FLOOR_RECALL_RAW = 0.9;
const FLOOR_RECALL_POLICY = 0.97;
const CEILING_FP_RATE = 0.025;

test('recall on the positives and false-positive rate on the look-alikes stay within their floors', { skip }, () => {
  const pos = load('positives.jsonl');
  const neg = load('negatives.jsonl');
  const hit = (s: Sample) => detectSecrets(s.text).length > 0;
  const recall = pos.filter(hit).length / pos.length;
  const policy = pos.filter((s) => !PLACEHOLDER_LABELLED.test(s.text));
  const recallPolicy = policy.filter(hit).length / policy.length;
  const fps = neg.filter(hit);
  const fpRate = fps.length / neg.length;
  assert.ok(recall >= FLOOR_RECALL_RAW, `recall ${recall.toFixed(3)} < ${FLOOR_RECALL_RAW}`);
  assert.ok(recallPolicy >= FLOOR_RECALL_POLICY, `recall without placeholder-labelled positives ${recallPolicy.toFixed(3)} < ${FLOOR_RECALL_POLICY}`);
  assert.ok(fpRate <= CEILING_FP_RATE, `false-positive rate ${fpRate.toFixed(3)} > ${CEILING_FP_RATE}: ${fps.map((s) => s.kind).join(', ')}`);
});

/** Everything a finding carries that a user or another program sees. */
function outputs(fs: readonly Finding[]): string {
  return fs
    .map((f) => [f.message, f.fix?.title ?? '', ...(f.related ?? []).map((r) => r.message), ...Object.values(f.meta ?? {}).map(String)].join('\n'))
    .join('\n');
}

test('no finding of any rule reveals a 5-character piece of a detected secret (every positive sample)', { skip }, () => {
  let checked = 0;
  for (const s of load('positives.jsonl')) {
    const path = 'infra/runbooks/platform/sample.md';
    const res = check({ text: s.text, path, today: '2026-11-27' });
    const secrets = res.findings.filter((f) => f.ruleId === 'RB401');
    if (!secrets.length) continue;
    const out = outputs(res.findings);
    let boilerplate: string | undefined;
    for (const f of secrets) {
      const value = s.text.slice(f.range.start, f.range.end);
      if (leakedSubstring(out, value) === undefined) {
        checked++;
        continue;
      }
      // Wording the product prints anyway: the outputs for the same text with the values redacted.
      if (boilerplate === undefined) {
        const redacted = applyEdits(s.text, secrets.map((x) => x.fix!.edits[0]!));
        boilerplate = outputs(check({ text: redacted, path, today: '2026-11-27' }).findings) + '\n' + outputs(secrets.map((x) => ({ ...x, meta: {} })));
      }
      const leak = leakedSubstring(out, value, { boilerplate });
      assert.equal(leak, undefined, `${s.source}/${s.kind}: output reveals "${leak}" of a ${f.meta?.['kind']} value`);
      checked++;
    }
  }
  assert.ok(checked > 500, `only ${checked} values checked`);
});

test('the real, reviewed runbook corpora have no RB401 finding', { skip: !existsSync(CORPORA) && 'no ../shared/corpora' }, () => {
  const files = corpusFiles();
  assert.ok(files.length > 300);
  const found: string[] = [];
  for (const f of files) {
    for (const x of detectSecrets(readFileSync(f, 'utf8'))) found.push(`${f}: ${x.kind} ${x.fingerprint}`);
  }
  assert.deepEqual(found, []);
});
