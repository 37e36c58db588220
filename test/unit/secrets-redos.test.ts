// Every regex of the secret detector and RB402-RB405 is linear in practice: each goes through
// the `recheck` ReDoS checker, and the detector and rules are timed on adversarial inputs built
// from every kind's anchors (long runs of the characters each pattern repeats).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSync } from 'recheck';
import { detectSecrets, secretKinds, kindPatterns } from '../../server/src/core/secrets/index.js';
import { LOOKALIKE_PATTERNS } from '../../server/src/core/secrets/lookalike.js';
import { HELPER_PATTERNS } from '../../server/src/core/secrets/kinds.js';
import { URL_RE, URL_AT } from '../../server/src/core/secrets/network.js';
import { patterns as p402 } from '../../server/src/core/rules/rb402-private-url.js';
import { patterns as p403 } from '../../server/src/core/rules/rb403-private-identifier.js';
import { patterns as p404 } from '../../server/src/core/rules/rb404-sensitive-location.js';
import { patterns as p405 } from '../../server/src/core/rules/rb405-log-dump.js';
import { check } from '../../server/src/core/check.js';

const flags = (re: RegExp) => re.flags.replace(/[gy]/g, '');

test('every kind pattern is ReDoS-safe as used (sticky at an anchor)', () => {
  const bad: string[] = [];
  for (const { kind, re } of kindPatterns()) {
    // Sticky matching starts at one position only: the anchored form is what runs.
    const d = checkSync(`^(?:${re.source})`, flags(re), { timeout: 30_000 });
    if (d.status !== 'safe') bad.push(`${kind}: ${d.status}`);
  }
  assert.deepEqual(bad, []);
});

test('the search regexes of RB402-RB405 and the look-alike filter are not vulnerable', () => {
  const bad: string[] = [];
  for (const re of [URL_RE, URL_AT, ...p402, ...p403, ...p404, ...p405, ...LOOKALIKE_PATTERNS, ...HELPER_PATTERNS]) {
    // `unknown` means the checker ran out of time; the timing tests below cover those.
    // Sticky regexes run at one position: their anchored form is what runs.
    const source = re.sticky ? `^(?:${re.source})` : re.source;
    const d = checkSync(source, flags(re), { timeout: 3_000 });
    // Under load recheck falls back to fuzzing and can call a bounded pattern ({0,200}) polynomial:
    // a verdict counts when its own attack, timed, grows faster than linearly.
    if (d.status === 'vulnerable' && superLinear(new RegExp(source, flags(re)), d.attack as Attack | undefined)) bad.push(`${re.source.slice(0, 60)}: ${d.complexity?.type} ${d.attack?.pattern ?? ''}`);
  }
  assert.deepEqual(bad, []);
});

interface Attack {
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

/**
 * The attack doubled from 250 characters until a run (best of three) takes 30 ms or the text reaches
 * 16,000 characters: more than 20 ms and ×3 per doubling is super-linear (linear doubles).
 */
function superLinear(re: RegExp, attack: Attack | undefined): boolean {
  if (!attack?.pumps?.length) return true;
  const per = Math.max(1, attack.pumps.reduce((a, p) => a + p.pump.length, 0));
  const make = (chars: number) => attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.ceil(chars / per))).join('') + attack.suffix;
  const best = (text: string) =>
    Math.min(
      ...Array.from({ length: 3 }, () => {
        const t0 = performance.now();
        re.exec(text);
        return performance.now() - t0;
      }),
    );
  let prev = 0;
  let growth = 0;
  for (let n = 250; n <= 16000; n *= 2) {
    const t = best(make(n));
    if (prev > 0.5) growth = t / prev;
    prev = t;
    if (t > 30) break;
  }
  return prev > 20 && growth > 3;
}

const FILLERS = ['a', 'A0', ' ', '=', ':', '-', '.', '/', '"', '\n'];
const SIZE = 16 * 1024;

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

test('the detector stays fast on adversarial inputs built from every anchor', () => {
  const slow: string[] = [];
  const anchors = [...new Set(secretKinds().flatMap((k) => k.anchors))];
  for (const a of anchors) {
    for (const f of FILLERS) {
      const inputs = [(a + f).repeat(Math.ceil(SIZE / (a.length + f.length))), a + f.repeat(SIZE)];
      for (const text of inputs) {
        // A slow first run may be a load spike or lazy regex compilation: the second run decides.
        let ms = timed(() => detectSecrets(text));
        if (ms > 750) ms = Math.min(ms, timed(() => detectSecrets(text)));
        // Linear work on 16 KiB takes a millisecond or two; a quadratic path takes seconds.
        if (ms > 750) slow.push(`${JSON.stringify(a)}+${JSON.stringify(f)}: ${ms.toFixed(0)} ms`);
      }
    }
  }
  assert.deepEqual(slow, []);
});

test('RB402-RB405 stay fast on adversarial inputs', () => {
  const cases = [
    '0@A.AAAA' + 'A'.repeat(SIZE),
    'a@'.repeat(SIZE / 2),
    'lat:0.000:'.repeat(SIZE / 10),
    '00,\t0.000,0.0'.repeat(SIZE / 13),
    '1.2345, '.repeat(SIZE / 8),
    'A+'.repeat(SIZE / 2),
    'http://'.repeat(SIZE / 7),
    'https://10.0.0.1/' + '?token=abcdefgh12&'.repeat(SIZE / 20),
    '1.1.1.1.'.repeat(SIZE / 8),
    '+1 555 '.repeat(SIZE / 7),
    'arn:aws:'.repeat(SIZE / 8),
    '12°34\'56" '.repeat(SIZE / 10),
    '```\n' + '2026-11-27T10:00:00Z INFO x\n'.repeat(SIZE / 28) + '```\n',
  ];
  const slow: string[] = [];
  for (const text of cases) {
    const run = () => check({ text, path: 'infra/runbooks/platform/x.md', only: ['RB401', 'RB402', 'RB403', 'RB404', 'RB405'] });
    let ms = timed(run);
    if (ms > 3000) ms = Math.min(ms, timed(run));
    if (ms > 3000) slow.push(`${JSON.stringify(text.slice(0, 20))}: ${ms.toFixed(0)} ms`);
  }
  assert.deepEqual(slow, []);
});
