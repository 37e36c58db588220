// Checking many files in parallel with worker threads; results come back in input order and
// are handed on one by one (a small reorder buffer, never every result at once).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { checkFile, withExists, type FileResult, type Shared, type Task } from './check-file.js';
import type { ResolvedConfig } from '../core/types.js';
import { activeTrace, startWorkerTrace, type FsTrace } from './record-run.js';

/**
 * Below this many files the run stays in one thread. A worker loads and compiles the whole bundle
 * again (module load + schema compile ≈ 0.6–0.8 s CPU here), while a file costs ≈ 10 ms CPU
 * (../shared/corpora, 389 files: 5.0 s user in process, 1.3 s for 25 files; 2 cores, Node 20),
 * so two workers on an idle core pay off from ≈ 0.7 s / (10 ms × ½) ≈ 140 files.
 * Measured wall times with --jobs 1 vs --jobs 2 (medians of 3, same file lists, on this shared
 * 2-core machine at load average 11–20, i.e. no idle core): 25 files 7.6 vs 10.5 s, 50 files
 * 10.3 vs 13.1 s, 100 files 18.5 vs 21.9 s, 150 files 8.6 vs 12.7 s, 200 files 18.8 vs 25.7 s,
 * 300 files 17.8 vs 25.5 s, 389 files 26.4 vs 34.1 s: without an idle core workers only add
 * their start-up. Hence: workers from 150 files on, and only as many as there are free cores
 * (see freeCores).
 */
export const WORKER_THRESHOLD = 150;

/** Tasks sent ahead to each worker so it never waits for the main thread. */
const IN_FLIGHT_PER_WORKER = 4;

/**
 * Cores the run can have right now, measured over a stretch of its own work (the workspace scan, which
 * keeps this thread busy): idle time of every core plus the run's own CPU time, over the wall time. The
 * load average was the guide before, but it is the last minute's: it counts whatever ran just before
 * (the bench's cli.5k run before cli.20k, a build before a CI lint), and kept a 20,000-file run in one
 * thread (61.6 s, load 1.7 before it) on a machine whose second core then sat idle; yet on a machine
 * that really is busy, workers only add CPU (start-up, each thread's JIT warm-up, shared caches):
 * 5,000 files at load ~14 here, 23 s user / 110 s wall in one thread vs 31 s / 147 s with two workers.
 * `measure()` is undefined when the stretch was too short to tell (< 100 ms: a few hundred files).
 */
export function freeCores(): { measure(): number | undefined } {
  const t0 = performance.now();
  const idle0 = cpus().map((c) => c.times.idle);
  const own0 = process.cpuUsage();
  return {
    measure() {
      const ms = performance.now() - t0;
      if (ms < 100) return undefined;
      let idle = 0;
      cpus().forEach((c, i) => (idle += Math.max(0, c.times.idle - (idle0[i] ?? c.times.idle))));
      const own = process.cpuUsage(own0);
      return (idle + (own.user + own.system) / 1000) / ms;
    },
  };
}

/**
 * How many workers: `--jobs` when given; none below WORKER_THRESHOLD files; else one per core the run
 * can have (`free`, measured by freeCores; without a measurement, by the load average: the idle cores
 * plus the run's own), up to 8, and none when that is fewer than 2.
 */
export function workerCount(files: number, jobs: number | undefined, free?: number, load = loadavg()[0]!, cores = availableParallelism()): number {
  if (jobs !== undefined) return Math.min(jobs, files) <= 1 ? 0 : Math.min(jobs, files);
  if (files < WORKER_THRESHOLD) return 0;
  const can = free !== undefined ? Math.round(free) : Math.floor(cores - load) + 1;
  const n = Math.min(cores, can, 8);
  return n >= 2 ? n : 0;
}

interface WorkerInit {
  runbookLintWorker: true;
  shared: Shared;
  /** The run's distinct configs (most runs have one): a task names its config by index. */
  configs: ResolvedConfig[];
  /** The run is being recorded (cli/record-run.ts): say what each check looked at. */
  trace: boolean;
}

/** A task as sent to a worker: its config by index into WorkerInit.configs, not a copy per file. */
type WorkerTask = Omit<Task, 'config'> & { config: number };

type FromWorker = ({ result: FileResult } | { crash: string; index: number }) & { trace?: ReturnType<FsTrace['take']> };

/** Checks `tasks` and yields the results in the tasks' order. */
export async function* runTasks(tasks: Task[], shared: Shared, workers: number, script: string): AsyncGenerator<FileResult> {
  if (workers <= 1) {
    const ws = withExists(shared.workspace, shared.root);
    for (const t of tasks) {
      yield checkFile(t, shared, ws);
      // Let stdout drain and the progress bar paint between files.
      if (t.index % 16 === 15) await new Promise((r) => setImmediate(r));
    }
    return;
  }
  const pending = new Map<number, FileResult>();
  let next = 0; // next index to yield
  let sent = 0;
  let received = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const pool: Worker[] = [];
  // A task's config would otherwise be cloned for every file (a fresh copy per check in the worker).
  const configIndex = new Map<ResolvedConfig, number>();
  for (const t of tasks) if (!configIndex.has(t.config)) configIndex.set(t.config, configIndex.size);
  const configs = [...configIndex.keys()];
  const send = (w: Worker) => {
    if (sent < tasks.length) {
      const t = tasks[sent++]!;
      w.postMessage({ ...t, config: configIndex.get(t.config)! } satisfies WorkerTask);
    }
  };
  const trace = activeTrace();
  for (let i = 0; i < workers; i++) {
    const w = new Worker(script, { workerData: { runbookLintWorker: true, shared, configs, trace: !!trace } satisfies WorkerInit });
    w.on('message', (m: FromWorker) => {
      if (m.trace) trace?.merge(m.trace);
      if ('crash' in m) failure ??= new Error(`worker failed on ${tasks[m.index]?.display}: ${m.crash}`);
      else pending.set(m.result.index, m.result);
      // Every result is in: the workers go now, not when the consumer finishes this generator (a
      // consumer that stops calling next() after the last result would otherwise keep them, and the
      // process, alive: a cold `--cache` run with workers never exited).
      if (++received === tasks.length) for (const p of pool) void p.terminate();
      else send(w);
      wake?.();
    });
    w.on('error', (e) => {
      failure ??= e;
      wake?.();
    });
    pool.push(w);
  }
  try {
    for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) for (const w of pool) send(w);
    while (next < tasks.length) {
      const r = pending.get(next);
      if (r) {
        pending.delete(next);
        next++;
        yield r;
        continue;
      }
      if (failure) throw failure;
      await new Promise<void>((res) => (wake = res));
      wake = undefined;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Worker side: started with the same bundle; answers one message per task. */
export function isCliWorker(): boolean {
  return !isMainThread && (workerData as WorkerInit | undefined)?.runbookLintWorker === true;
}

export function startWorker(): void {
  const { shared, configs, trace: tracing } = workerData as WorkerInit;
  const trace = tracing ? startWorkerTrace() : undefined;
  const ws = withExists(shared.workspace, shared.root);
  parentPort!.on('message', (wt: WorkerTask) => {
    let msg: FromWorker;
    const t: Task = { ...wt, config: configs[wt.config]! };
    try {
      msg = { result: checkFile(t, shared, ws) };
    } catch (e) {
      msg = { crash: e instanceof Error ? e.message.split('\n')[0]! : String(e), index: t.index };
    }
    parentPort!.postMessage(trace ? { ...msg, trace: trace.take() } : msg);
  });
}
