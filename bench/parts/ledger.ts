import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/ledger-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { NotFoundError } from '../../src/ledger/domain-error';
import { questionStream } from '../../contract/event-catalogue';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { projectionsFor } from '../../src/projection-runtime/projections.registry';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import { mixedLedger, type MixedShape } from '../lib/ledgers';
import { Random } from '../lib/random';
import { median, now, percentile } from '../lib/stats';

export interface LedgerOptions extends MixedShape {
  baselineRuns: number;
  rebuildRuns: number;
  timeTravelSamples: number;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * On the mixed ledger, in this order in one fresh process: a full rebuild of every projection
 * (`ProjectionRunner.rebuild()`, its snapshot included), after which the resident set is taken (the
 * process has then done what `claims rebuild` does and nothing else: the baseline's reading, run
 * first until issue 19's third round, left it some 50 MB more); then the baseline (every row read
 * and its JSON parsed) and more rebuilds for the median in turn (their snapshots left out: one is
 * enough to time); then time travel on the last rebuild's views (last, so that what it keeps does
 * not weigh on the rebuilds).
 */
export async function ledgerBench(options: LedgerOptions) {
  const info = mixedLedger(options);
  const dir = mkdtempSync(join(tmpdir(), 'bench-ledger-'));
  try {
    // ---- baseline: the same rows, read and parsed, nothing else ---------------------------------
    const baselineRuns: number[] = [];
    // CPU time on every thread of the process, beside the wall time: the rebuild runs on two threads
    // (the fold and the verification worker), and how much of the machine it keeps busy bounds what
    // its ratio to the single-threaded baseline can be (docs/performance.md, ninth round).
    const baselineCpuMs: number[] = [];
    const db = new Database(info.file, { readonly: true });
    const rows = db.prepare('SELECT * FROM events ORDER BY position');
    const baseline = () => {
      const started = now();
      const cpuBefore = process.cpuUsage();
      let count = 0;
      for (const row of rows.iterate() as Iterable<{ data: string; metadata: string }>) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        count++;
      }
      baselineRuns.push((count * 1000) / (now() - started));
      baselineCpuMs.push(cpuMsSince(cpuBefore));
      gc();
    };
    const firstEventOf = db.prepare('SELECT recorded_at FROM events WHERE stream = ? ORDER BY revision LIMIT 1');
    const questionsSince = info.questions.map((q) => ({ id: q.id, since: Date.parse((firstEventOf.get(questionStream(q.id)) as { recorded_at: string }).recorded_at) }));

    // ---- rebuilds -------------------------------------------------------------------------------
    const config = loadConfig({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none', LEDGER_SNAPSHOT_EVERY: '1000000000' });
    const store = new SqliteEventStore({ filename: info.file });
    const runner = new ProjectionRunner(store, config, projectionsFor(config));
    if (process.env.BENCH_VERIFY_IN_FOLD) runner.parallelVerificationFrom = Number.MAX_SAFE_INTEGER;
    const internals = runner as unknown as {
      logger: { log(m: string): void; error(m: string): void };
      saveSnapshot(): void;
      state: unknown;
      freshState(): unknown;
      storeIdentity: string | undefined;
      identifyStore(): Promise<string | undefined>;
    };
    internals.logger = { log: () => undefined, error: (m) => console.error(m) };
    // What the runner does at start (onApplicationBootstrap), without following the store.
    internals.storeIdentity = await internals.identifyStore();
    const save = internals.saveSnapshot.bind(runner);
    let snapshotMs = 0;
    let snapshotCpuMs = 0;
    let saveSnapshots = true;
    internals.saveSnapshot = () => {
      if (!saveSnapshots) return;
      const started = now();
      const cpuBefore = process.cpuUsage();
      save();
      snapshotMs += now() - started;
      snapshotCpuMs += cpuMsSince(cpuBefore);
    };

    const rebuild = async () => {
      // Drop the views of the previous run first, so that runs do not hold two ledgers' views at once.
      internals.state = internals.freshState();
      gc();
      snapshotMs = 0;
      snapshotCpuMs = 0;
      const started = now();
      const cpuBefore = process.cpuUsage();
      const { events } = await runner.rebuild();
      const totalMs = now() - started;
      return { events, totalMs, foldMs: totalMs - snapshotMs, snapshotMs, foldCpuMs: cpuMsSince(cpuBefore) - snapshotCpuMs };
    };

    const first = await rebuild();
    const memory = process.memoryUsage();
    gc();
    const afterGc = process.memoryUsage();

    // Then the baseline and the other rebuilds in turn (B R B R B): the machine's speed drifts over a
    // minute by more than the two figures differ, and runs taken in turn see the same drift.
    const runs = [first];
    saveSnapshots = false;
    for (let run = 0; run < Math.max(options.baselineRuns, options.rebuildRuns - 1); run++) {
      if (run < options.baselineRuns) baseline();
      if (run + 1 < options.rebuildRuns) runs.push(await rebuild());
    }
    db.close();

    // ---- time travel on the rebuilt ledger -------------------------------------------------------
    const timeTravel = new TimeTravel(store, runner, config);
    const random = new Random(42);
    const end = Date.parse(info.lastRecordedAt);
    const samples: number[] = [];
    // The CPU time of each look back too (this process's, every thread): on a shared machine the
    // wall time's tail says as much about the load as about the code.
    const cpuSamples: number[] = [];
    while (samples.length < options.timeTravelSamples) {
      const question = random.pick(questionsSince);
      const time = new Date(question.since + random.next() * (end - question.since));
      const started = now();
      const cpuBefore = process.cpuUsage();
      try {
        await timeTravel.consensusAsOf(question.id, { axis: 'recorded', time });
      } catch (error) {
        if (error instanceof NotFoundError) continue;
        throw error;
      }
      samples.push(now() - started);
      cpuSamples.push(cpuMsSince(cpuBefore));
    }
    await store.close();

    const foldRates = runs.map((r) => (r.events * 1000) / r.foldMs);
    return {
      events: info.events,
      questions: info.questions.length,
      generatedInMs: info.generatedInMs,
      baseline: { value: median(baselineRuns), runs: baselineRuns, cpuMs: median(baselineCpuMs) },
      rebuild: {
        // 'on-worker': the hashing ran on a worker thread beside the fold (ProjectionRunner.foldWithParallelVerification).
        verified: runner.lastFoldVerified,
        value: median(foldRates),
        runs: foldRates,
        withSnapshot: (first.events * 1000) / first.totalMs,
        snapshotMs: first.snapshotMs,
        // The fold's CPU time on every thread (the worker's included), median of the runs.
        cpuMs: median(runs.map((r) => r.foldCpuMs)),
        wallMs: median(runs.map((r) => r.foldMs)),
      },
      memory: { rss: memory.rss, heapUsed: memory.heapUsed, rssAfterGc: afterGc.rss, heapUsedAfterGc: afterGc.heapUsed },
      timeTravel: { p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples), samples: samples.length, cpuP50: percentile(cpuSamples, 50), cpuP99: percentile(cpuSamples, 99) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
