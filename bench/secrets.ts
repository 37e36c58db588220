// Secret detection: our detector next to secretlint (recommended preset, maskSecrets: true) on
// the same labelled samples (../shared/secrets-samples) and the same 1 MiB runbook text.
//   node --import tsx bench/secrets.ts      (or `npm run bench`, which merges `cases`)
// Sample rules (see the samples' README): IP-address samples are RB403 material, not secrets,
// and are left out; "recallPolicy" additionally leaves out positives whose secret is a
// placeholder by our documented policy (xxxx runs, EXAMPLE/fake values, ${…}/{{…}} templates,
// user:pass@ URLs) — both figures are reported.
import { readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectSecrets } from '../server/src/core/secrets/index.js';
import { corpusFiles, syntheticRunbook, ROOT } from './lib/inputs.js';

export const SAMPLES_DIR = join(ROOT, '..', 'shared', 'secrets-samples');

export interface Sample {
  text: string;
  kind: string;
  source: string;
  origin: string;
}

export function loadSamples(file: 'positives.jsonl' | 'negatives.jsonl'): Sample[] {
  return readFileSync(join(SAMPLES_DIR, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Sample)
    .filter((s) => s.kind !== 'IPPublicDetector');
}

/** Positives whose only credential is a placeholder under the policy the issue asks for. */
export const PLACEHOLDER_LABELLED = /x{4,}|example|(?<![a-z])fake|\$\{|\{\{|\/\/(?:user|username|admin):pass(?:word)?@|redacted|changeme/i;

export interface Scores {
  recall: number;
  recallPolicy: number;
  fpRate: number;
  mibPerSec: number;
}

type Detector = (text: string) => Promise<boolean> | boolean;

async function score(detect: Detector, pos: Sample[], neg: Sample[]): Promise<Omit<Scores, 'mibPerSec'>> {
  let tp = 0;
  let tpPolicy = 0;
  let nPolicy = 0;
  for (const s of pos) {
    const hit = await detect(s.text);
    if (hit) tp++;
    if (!PLACEHOLDER_LABELLED.test(s.text)) {
      nPolicy++;
      if (hit) tpPolicy++;
    }
  }
  let fp = 0;
  for (const s of neg) if (await detect(s.text)) fp++;
  return { recall: tp / pos.length, recallPolicy: tpPolicy / nPolicy, fpRate: fp / neg.length };
}

interface Speed {
  /** MiB per second of process CPU time (median run): stable on a loaded machine. */
  mibPerSec: number;
  /** Median CPU milliseconds per run. */
  medianMs: number;
  /** Median wall-clock milliseconds per run (includes waiting for a CPU on a busy machine). */
  wallMedianMs: number;
  samples: number;
}

/**
 * Throughput of two detectors on the same text, timed in alternating blocks so both see the
 * same machine; each block starts with an untimed run so one detector's garbage is not
 * collected on the other's clock. Both run in this process (secretlint's lintSource has no
 * workers), so process CPU time per run measures each one's own work even when other jobs
 * share the cores; wall-clock medians are reported beside it.
 */
async function throughputPair(a: (t: string) => unknown, b: (t: string) => unknown, text: string, budgetMs: number): Promise<[Speed, Speed]> {
  const ca: number[] = [];
  const cb: number[] = [];
  const wa: number[] = [];
  const wb: number[] = [];
  const block = async (f: (t: string) => unknown, cpu: number[], wall: number[]) => {
    collectGarbage(); // the other detector's garbage is not collected on this one's clock
    // ...nor swept on it: V8 sweeps and compacts on helper threads after a full GC, which
    // process CPU time would charge to whichever detector runs next.
    await new Promise((r) => setTimeout(r, 50));
    await f(text);
    for (let i = 0; i < 4; i++) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      await f(text);
      wall.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
  };
  const t0 = performance.now();
  while (ca.length < 8 || (performance.now() - t0 < budgetMs && ca.length < 40)) {
    await block(a, ca, wa);
    await block(b, cb, wb);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const speed = (cpu: number[], wall: number[]): Speed => {
    const m = median(cpu);
    return { mibPerSec: text.length / (1024 * 1024) / (m / 1000), medianMs: m, wallMedianMs: median(wall), samples: cpu.length };
  };
  return [speed(ca, wa), speed(cb, wb)];
}

/** A full GC between timing blocks, when V8 lets us have one (no-op otherwise). */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    /* no gc available: the untimed warm-up run absorbs most of it */
  }
}

/** The 1 MiB runbook: synthetic runbook from the corpora, with a few samples spread through it. */
export function benchText(pos: Sample[], neg: Sample[]): string {
  const base = syntheticRunbook(1024 * 1024 - 16 * 1024, corpusFiles());
  const extra = [...pos.slice(0, 20), ...neg.slice(0, 20)].map((s) => '\n```text\n' + s.text + '\n```\n').join('');
  return (base + extra).slice(0, 1024 * 1024);
}

interface SecretlintApi {
  lint(text: string): Promise<number>;
}

async function loadSecretlint(): Promise<SecretlintApi | undefined> {
  const corePath = [join(ROOT, 'node_modules/secretlint/node_modules/@secretlint/core/module/index.js'), join(ROOT, 'node_modules/@secretlint/core/module/index.js')].find(existsSync);
  const presetPath = join(ROOT, 'node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js');
  if (!corePath || !existsSync(presetPath)) return undefined;
  const core = (await import(pathToFileURL(corePath).href)) as { lintSource: (o: unknown) => Promise<{ messages: unknown[] }> };
  const preset = (await import(pathToFileURL(presetPath).href)) as { creator: unknown };
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  return {
    async lint(text: string) {
      const r = await core.lintSource({
        source: { content: text, filePath: '/bench/runbook.md', ext: '.md', contentType: 'text' },
        options: { config, maskSecrets: true, noPhysicFilePath: true },
      });
      return r.messages.length;
    },
  };
}

export interface SecretsBench extends Scores {
  secretlint: Scores | { note: string };
  cases: Record<string, { median_ms?: number; samples?: number; peer?: string; peer_median_ms?: number; ratio?: number; note?: string }>;
}

export async function benchSecrets(): Promise<SecretsBench> {
  const pos = loadSamples('positives.jsonl');
  const neg = loadSamples('negatives.jsonl');
  const text = benchText(pos, neg);
  const pct = (x: number) => (x * 100).toFixed(1) + '%';
  const sl = await loadSecretlint();
  // Throughput first, on the 1 MiB text alone (the many small sample texts would otherwise
  // leave both detectors' JIT feedback tuned to short strings).
  const [oursSpeed, theirSpeed] = await throughputPair((t) => detectSecrets(t), (t) => (sl ? sl.lint(t) : undefined), text, 15000);
  const ours = await score((t) => detectSecrets(t).length > 0, pos, neg);
  if (!sl) {
    return {
      ...ours,
      mibPerSec: oursSpeed.mibPerSec,
      secretlint: { note: 'secretlint not installed' },
      cases: { 'secrets.1mib': { median_ms: round(oursSpeed.medianMs), samples: oursSpeed.samples, note: 'secretlint not installed: no peer' } },
    };
  }
  const theirs = await score(async (t) => (await sl.lint(t)) > 0, pos, neg);
  const result: SecretsBench = {
    ...ours,
    mibPerSec: oursSpeed.mibPerSec,
    secretlint: { ...theirs, mibPerSec: theirSpeed.mibPerSec },
    cases: {
      'secrets.1mib': {
        median_ms: round(oursSpeed.medianMs),
        samples: oursSpeed.samples,
        peer: 'secretlint (preset-recommend, maskSecrets)',
        peer_median_ms: round(theirSpeed.medianMs),
        ratio: round(oursSpeed.medianMs / theirSpeed.medianMs, 3),
        note:
          `CPU time: ours ${oursSpeed.mibPerSec.toFixed(1)} MiB/s vs secretlint ${theirSpeed.mibPerSec.toFixed(1)} MiB/s; ` +
          `wall medians: ours ${mib(text, oursSpeed.wallMedianMs)} vs secretlint ${mib(text, theirSpeed.wallMedianMs)} MiB/s; ${text.length} chars, load ${loadavg()[0]!.toFixed(1)}`,
      },
      'secrets.samples': {
        note:
          `ours recall ${pct(ours.recall)} (policy ${pct(ours.recallPolicy)}), FP ${pct(ours.fpRate)}; ` +
          `secretlint recall ${pct(theirs.recall)} (policy ${pct(theirs.recallPolicy)}), FP ${pct(theirs.fpRate)}; ${pos.length} positives, ${neg.length} negatives (IP samples excluded)`,
      },
    },
  };
  return result;
}

function mib(text: string, ms: number): string {
  return (text.length / (1024 * 1024) / (ms / 1000)).toFixed(1);
}

function round(x: number, d = 1): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchSecrets().then(
    (r) => {
      if (process.env.BENCH_JSON === '1') {
        process.stdout.write(JSON.stringify(r) + '\n');
        return;
      }
      const { cases, ...summary } = r;
      process.stdout.write(JSON.stringify(summary, null, 2) + '\n' + Object.values(cases).map((c) => c.note).join('\n') + '\n');
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
