/**
 * `npm run bench [-- --quick] [-- --check] [-- --only=write,ledger,sized,clique,web,cli,start,instances,http]`
 *
 * Runs every part of the benchmark (each in a fresh process, see bench/parts), prints a table of
 * figures with their baselines and targets, and writes bench/results.json. Each figure is a median
 * of several runs (for latencies: percentiles of many samples; for HTTP: the median of autocannon's
 * one-second samples in each run, and the median over runs of the app and the bare server in turn).
 * `--quick` runs a reduced version in under a minute; `--check` exits 1 when a checked target is
 * missed (in quick mode only the ratio targets, which mean the same at that size).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO, runPart, toJson } from './lib/child';
import { httpWrites } from './lib/http-writes';
import { GENERATOR_VERSION } from './lib/ledgers';
import { round } from './lib/stats';
import type { cliBench } from './parts/cli';
import type { cliqueBench } from './parts/clique';
import type { instancesBench } from './parts/instances';
import type { ledgerBench } from './parts/ledger';
import type { sizedBench } from './parts/sized';
import type { startBench } from './parts/start';
import type { webBench } from './parts/web';
import type { writeBench } from './parts/write';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const check = args.has('--check');
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (part: string) => !only || only.includes(part);

const SETTINGS = quick
  ? {
      write: { runs: 3, runMs: 500, batch: 100 },
      ledger: { events: 50_000, questions: 50, baselineRuns: 3, rebuildRuns: 3, timeTravelSamples: 100 },
      sized: { sizes: [10, 100, 1_000, 10_000], reads: 40, updates: 60 },
      clique: { claims: 100, rounds: 5 },
      http: { seconds: 3, runs: 3 },
      web: { loads: 3, frames: 120 },
      cli: { events: 50_000, questions: 50, runs: 3 },
      // The 100,000-event ledger in both cases (the 1,000,000-event one takes minutes to copy and read
      // once); the snapshot case's target is the full run's (a snapshot a tenth the size: easier).
      start: { withSnapshot: { events: 100_000, questions: 100 }, withoutSnapshot: { events: 100_000, questions: 100 }, runs: 3 },
      instances: { seconds: 3, runs: 1 },
    }
  : {
      write: { runs: 3, runMs: 1_500, batch: 100 },
      // The first of the rebuilds writes the snapshot and gives the memory.
      ledger: { events: 1_000_000, questions: 1_000, baselineRuns: 3, rebuildRuns: 3, timeTravelSamples: 200 },
      sized: { sizes: [10, 100, 1_000, 10_000], reads: 200, updates: 250 },
      clique: { claims: 100, rounds: 20 },
      http: { seconds: 20, runs: 3 },
      web: { loads: 7, frames: 300 },
      cli: { events: 100_000, questions: 100, runs: 5 },
      start: { withSnapshot: { events: 1_000_000, questions: 1_000 }, withoutSnapshot: { events: 100_000, questions: 100 }, runs: 3 },
      instances: { seconds: 10, runs: 3 },
    };

type Awaited<T> = T extends Promise<infer U> ? U : T;

interface Row {
  id: number;
  name: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target: string;
  met: boolean | null;
  /** Whether --check looks at it in this mode. */
  checked: boolean;
  note?: string;
}

const GB = 1024 ** 3;

async function main(): Promise<void> {
  const started = Date.now();
  const rows: Row[] = [];
  const raw: Record<string, unknown> = {};
  const row = (r: Omit<Row, 'checked'> & { checkedInQuick: boolean }) => {
    const { checkedInQuick, ...rest } = r;
    rows.push({ ...rest, checked: quick ? checkedInQuick : true });
  };
  const log = (message: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
  /** One part; a part that fails is a row that missed its target, and the other parts still run. */
  const part = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      log(`part ${name} failed: ${(error as Error).message}`);
      raw[name] = { error: (error as Error).message };
      rows.push({ id: 99, name: `${name} (failed)`, figure: (error as Error).message, value: Number.NaN, unit: '', target: 'runs', met: false, checked: true });
    }
  };

  if (wanted('write')) await part('write', async () => {
    log('appends: command path and raw inserts, single and batched');
    const write = await runPart<Awaited<ReturnType<typeof writeBench>>>('write', SETTINGS.write);
    raw.write = write;
    const a = write.append;
    row({ id: 1, name: 'append', figure: 'durable single-event appends/s, whole command path', value: a.value, unit: 'events/s', baseline: a.baseline, ratio: a.value / a.baseline, target: '≥ 50 % of raw insert', met: a.value / a.baseline >= 0.5, checkedInQuick: true });
    const b = write.batched;
    row({ id: 2, name: 'batched append', figure: `events/s, ${SETTINGS.write.batch} per append (store)`, value: b.value, unit: 'events/s', baseline: b.baseline, ratio: b.value / b.baseline, target: '≥ 50 % of raw batched insert', met: b.value / b.baseline >= 0.5, checkedInQuick: true, note: `decide + seal + append: ${round(b.sealedPath)} events/s (${round((100 * b.sealedPath) / b.baseline)} %)` });
  });

  if (wanted('ledger')) await part('ledger', async () => {
    log(`ledger of ${SETTINGS.ledger.events.toLocaleString('en')} events: baseline, rebuilds, memory, time travel (generated on first use, then cached in bench/.cache)`);
    const flags: string[] = [];
    const ledger = await runPart<Awaited<ReturnType<typeof ledgerBench>>>('ledger', SETTINGS.ledger, flags);
    raw.ledger = ledger;
    const r = ledger.rebuild;
    const ratio = r.value / ledger.baseline.value;
    row({ id: 3, name: 'rebuild', figure: `events/s into every projection, ${ledger.events.toLocaleString('en')}-event ledger`, value: r.value, unit: 'events/s', baseline: ledger.baseline.value, ratio, target: '≥ 60 % of read + JSON.parse', met: ratio >= 0.6, checkedInQuick: true, note: `every event verified (${r.verified === 'on-worker' ? 'hashed on a worker thread beside the fold' : 'in the fold'}); CPU ${round(r.cpuMs / 1000)} s on every thread against the baseline's ${round(ledger.baseline.cpuMs / 1000)} s, ${round(r.cpuMs / r.wallMs)} of ${cpus().length} cores busy: at that CPU, ${cpus().length} cores allow at most ${round((100 * cpus().length * ledger.baseline.cpuMs) / r.cpuMs)} %; with the snapshot write: ${round(r.withSnapshot)} events/s (snapshot ${round(r.snapshotMs / 1000)} s); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` });
    row({ id: 6, name: 'time travel', figure: `asOf p99 at random past times (p50 ${round(ledger.timeTravel.p50)} ms; CPU time p50 ${round(ledger.timeTravel.cpuP50)}, p99 ${round(ledger.timeTravel.cpuP99)} ms)`, value: ledger.timeTravel.p99, unit: 'ms', target: 'p99 ≤ 100 ms', met: ledger.timeTravel.p99 <= 100, checkedInQuick: false });
    row({ id: 8, name: 'memory', figure: `resident set after the rebuild (heap ${round(ledger.memory.heapUsedAfterGc / GB)} GB after GC)`, value: ledger.memory.rss / GB, unit: 'GB', target: '≤ 0.75 GB', met: ledger.memory.rss <= 0.75 * GB, checkedInQuick: false });
  });

  if (wanted('sized')) await part('sized', async () => {
    log(`questions of ${SETTINGS.sized.sizes.join(', ')} claims: consensus reads and incremental updates`);
    const sized = await runPart<Awaited<ReturnType<typeof sizedBench>>>('sized', SETTINGS.sized);
    raw.sized = sized;
    for (const size of SETTINGS.sized.sizes) {
      const read = sized.reads[size]!;
      const target = size === 1_000 ? 'p99 ≤ 5 ms in process' : '—';
      row({ id: 4, name: `consensus read ${size.toLocaleString('en')}`, figure: `p99 in process (p50 ${round(read.inProcess.p50)}); first read after a change p50 ${round(read.afterChange.p50)}, p99 ${round(read.afterChange.p99)}; HTTP p50 ${round(read.http.p50)}, p99 ${round(read.http.p99)} ms; ${round(read.bytes / 1024)} KiB`, value: read.inProcess.p99, unit: 'ms', target, met: size === 1_000 ? read.inProcess.p99 <= 5 : null, checkedInQuick: false });
    }
    for (const size of SETTINGS.sized.sizes) {
      const update = sized.updates[size]!;
      const last = size === SETTINGS.sized.sizes[SETTINGS.sized.sizes.length - 1];
      const base = sized.updates[100];
      const ratio = base ? update.p50Us / base.p50Us : undefined;
      row({ id: 5, name: `incremental ${size.toLocaleString('en')}`, figure: `median cost of one event, all projections + the consensus brought up to date (p99 ${round(update.p99Us)} µs)`, value: update.p50Us, unit: 'µs', ...(ratio !== undefined ? { baseline: base!.p50Us, ratio } : {}), target: last ? '≤ 20 × the 100-claim cost' : '—', met: last && ratio !== undefined ? ratio <= 20 : null, checkedInQuick: true });
    }
    // Issue 19, big questions: the engine's update after one event, and what the reader's request adds.
    const one = sized.afterOneEvent;
    row({ id: 21, name: `consensus update ${one.size.toLocaleString('en')}`, figure: `p99 of the consensus brought up to date after one event, as a server read does it (p50 ${round(one.engine.p50)} ms); the reader's GET …/consensus then p50 ${round(one.reader.p50)}, p99 ${round(one.reader.p99)} ms (${round(one.bytes / 1024)} KiB)`, value: one.engine.p99, unit: 'ms', target: 'p99 ≤ 20 ms', met: one.engine.p99 <= 20, checkedInQuick: true });
    const pages = sized.pages;
    const pageP99 = Math.max(pages.events.p99, pages.timeline.p99);
    row({ id: 23, name: `paged reads ${pages.size.toLocaleString('en')}`, figure: `GET a page of 100 from the middle, p99 (p50): events ${round(pages.events.p99)} (${round(pages.events.p50)}), claims ${round(pages.claims.p99)} (${round(pages.claims.p50)}), timeline ${round(pages.timeline.p99)} (${round(pages.timeline.p50)}) ms; the timeline's first read, which folds its history: ${round(pages.timeline.firstMs / 1000)} s`, value: pageP99, unit: 'ms', target: 'events and timeline p99 ≤ 50 ms', met: pageP99 <= 50, checkedInQuick: true });
    const m = sized.memory;
    row({ id: 22, name: 'memory return', figure: `heap after reading the ${one.size.toLocaleString('en')}-claim question's events, timeline and consensus 3 times, once the caches are idle (${m.idleSeconds} s here) and after GC, against the heap after start: ${round(m.before.heapMb)} → ${round(m.afterReads.heapMb)} → ${round(m.afterGc.heapMb)} (caches kept) → ${round(m.afterIdle.heapMb)} MB; RSS ${round(m.before.rssMb)} → ${round(m.afterReads.rssMb)} → ${round(m.afterGc.rssMb)} → ${round(m.afterIdle.rssMb)} MB`, value: 100 * (m.heapReturnRatio - 1), unit: '% over', target: 'within 10 %', met: Math.abs(m.heapReturnRatio - 1) <= 0.1, checkedInQuick: true });
  });

  if (wanted('clique')) await part('clique', async () => {
    log(`a question of ${SETTINGS.clique.claims} claims that all rebut each other: /health while it is written and read`);
    const clique = await runPart<Awaited<ReturnType<typeof cliqueBench>>>('clique', SETTINGS.clique);
    raw.clique = clique;
    row({ id: 9, name: 'health under a dense cycle', figure: `/health p99 while ${clique.claims} mutually rebutting claims are written and read (p50 ${round(clique.health.p50)}, max ${round(clique.health.max)} ms over ${clique.health.samples} probes); consensus read p50 ${round(clique.read.p50)}, p99 ${round(clique.read.p99)} ms; ${clique.converged ? 'converged' : 'NOT converged'}, residual ${clique.residual.toExponential(1)}`, value: clique.health.p99, unit: 'ms', target: '/health ≤ 100 ms, converged', met: clique.health.max <= 100 && clique.converged, checkedInQuick: true });
  });

  if (wanted('web')) await part('web', async () => {
    log('web page: JS shipped, time to an interactive map, frame time panning a 1,000-claim map (Chromium)');
    const web = await runPart<Awaited<ReturnType<typeof webBench>>>('web', SETTINGS.web);
    raw.web = web;
    const kb = web.jsGzipBytes / 1024;
    row({ id: 10, name: 'web: JS shipped', figure: `gzip (level 9) of every chunk (${round(web.jsBytes / 1024)} KB raw)`, value: kb, unit: 'KB', target: '≤ 300 KB', met: kb <= 300, checkedInQuick: true });
    if (web.interactive) {
      row({ id: 11, name: 'web: map interactive', figure: `navigation → reference map laid out and drawn, p50 of ${web.interactive.samples} cold loads on loopback (max ${round(web.interactive.max)} ms; 1,000 claims: ${round(web.interactiveLarge ?? NaN)} ms)`, value: web.interactive.p50, unit: 'ms', target: '≤ 1,000 ms', met: web.interactive.p50 <= 1_000, checkedInQuick: false });
    }
    if (web.panning) {
      row({ id: 12, name: 'web: panning 1,000 claims', figure: `frame time p95 over ${web.panning.frames} frames, ${web.panning.nodes} nodes (p50 ${round(web.panning.p50)}, max ${round(web.panning.max)} ms; headless, no GPU)`, value: web.panning.p95, unit: 'ms', target: '≤ 33 ms', met: web.panning.p95 <= 33, checkedInQuick: false });
    }
    if (web.skipped) log(`web: browser figures skipped (${web.skipped})`);
  });

  if (wanted('cli')) await part('cli', async () => {
    log(`CLI start-up: read commands on a ${SETTINGS.cli.events.toLocaleString('en')}-event ledger, each a fresh process (compiled, as npx claims runs it)`);
    const cli = await runPart<Awaited<ReturnType<typeof cliBench>>>('cli', SETTINGS.cli);
    raw.cli = cli;
    row({ id: 13, name: 'CLI start-up', figure: `claims consensus (table) on a ${cli.events.toLocaleString('en')}-event ledger, its largest question (${cli.questionEvents.toLocaleString('en')} events, ${cli.questionClaims} claims), p50 of ${cli.runs} processes (max ${round(cli.consensus.max)} ms)`, value: cli.consensus.p50, unit: 'ms', baseline: cli.node.p50, ratio: cli.consensus.p50 / cli.node.p50, target: '< 1,000 ms', met: cli.consensus.p50 < 1_000, checkedInQuick: false, note: `bare node ${round(cli.node.p50)} ms; export --format json ${round(cli.export.p50)} ms; replay --json first event ${round(cli.replay.firstOutputP50)} ms (all ${cli.questionEvents.toLocaleString('en')} events ${round(cli.replay.p50)} ms); questions ${round(cli.questions.p50)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores at the end` });
    row({ id: 14, name: 'CLI questions', figure: `claims questions (the list, a table) on the same ledger (${cli.events.toLocaleString('en')} events), p50 of ${cli.runs} processes (max ${round(cli.questions.max)} ms)`, value: cli.questions.p50, unit: 'ms', baseline: cli.node.p50, ratio: cli.questions.p50 / cli.node.p50, target: '< 1,000 ms', met: cli.questions.p50 < 1_000, checkedInQuick: false });
    row({ id: 15, name: 'CLI export', figure: `claims export --format json of its largest question, p50 of ${cli.runs} processes (max ${round(cli.export.max)} ms, ${round(cli.export.bytes / 1e6)} MB)`, value: cli.export.p50, unit: 'ms', baseline: cli.node.p50, ratio: cli.export.p50 / cli.node.p50, target: '< 1,000 ms', met: cli.export.p50 < 1_000, checkedInQuick: false });
  });

  if (wanted('start')) await part('start', async () => {
    log(`server start: /health after a start from a snapshot (${SETTINGS.start.withSnapshot.events.toLocaleString('en')} events) and without one (${SETTINGS.start.withoutSnapshot.events.toLocaleString('en')} events), each a fresh process`);
    const start = await runPart<Awaited<ReturnType<typeof startBench>>>('start', SETTINGS.start);
    raw.start = start;
    const w = start.withSnapshot;
    const o = start.withoutSnapshot;
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores at the end`;
    const before = `npm start adds npm itself and the staleness check (bin/build-if-stale.js, nothing changed: ${round(start.staleCheckP50)} ms; bare node ${round(start.nodeP50)} ms)`;
    row({ id: 16, name: 'start, with a snapshot', figure: `spawn → first 200 on /health, ${w.events.toLocaleString('en')}-event ledger with its snapshot (${round((w.snapshotBytes ?? 0) / 1e6)} MB), p50 of ${w.runs.length} (max ${round(w.healthMax)} ms); read models live after ${round(w.liveP50)} ms, slowest /health meanwhile ${round(w.slowestProbeMs)} ms`, value: w.healthP50, unit: 'ms', target: '≤ 2,000 ms', met: w.healthP50 <= 2_000, checkedInQuick: true, note: `${before}; ${load}` });
    row({ id: 17, name: 'start, no snapshot', figure: `spawn → first 200 on /health, ${o.events.toLocaleString('en')}-event ledger without a snapshot, p50 of ${o.runs.length} (max ${round(o.healthMax)} ms); read models live (every event read and verified) after ${round(o.liveP50)} ms, slowest /health meanwhile ${round(o.slowestProbeMs)} ms`, value: o.healthP50, unit: 'ms', target: '≤ 5,000 ms', met: o.healthP50 <= 5_000, checkedInQuick: true });
  });

  if (wanted('instances')) await part('instances', async () => {
    log(`two instances on one SQLite file: autocannon writes, ${SETTINGS.instances.runs} run(s) of ${SETTINGS.instances.seconds} s per configuration`);
    const instances = await runPart<Awaited<ReturnType<typeof instancesBench>>>('instances', SETTINGS.instances);
    raw.instances = instances;
    const t = instances.twoQuestions;
    const q = instances.oneQuestion;
    // Two questions, one per instance: only the store is shared, so nothing may be refused. One question
    // written through both: the instances' caches race for it, and a 409 after the writer's retries is an
    // honest answer (counted, for information; test/multi-instance checks no write is lost or doubled).
    const failedApart = t.one.failed + t.two.failed;
    const refusedTogether = q.one.failed + q.two.failed;
    row({ id: 18, name: 'two instances, writes', figure: `POST claim req/s acknowledged by two processes on one SQLite file, each writing its own question (one instance: ${round(t.one.rps)} req/s; ratio ${round(t.ratio * 100)} %${failedApart ? `; ${failedApart} refused or failed` : ''}); both writing one question: ${round(q.two.rps)} req/s (one instance ${round(q.one.rps)}; ${round(q.ratio * 100)} %; ${refusedTogether} answered 409 or failed)`, value: t.two.rps, unit: 'req/s', baseline: t.one.rps, ratio: t.ratio, target: '≥ 50 % of one instance, none refused', met: failedApart === 0 && t.ratio >= 0.5, checkedInQuick: true, note: `${instances.connections} connections in all; load average ${instances.loadAverage.toFixed(1)} on ${instances.cores} cores` });
  });

  if (wanted('http')) await part('http', async () => {
    log(`HTTP writes: autocannon, 10 connections, ${SETTINGS.http.runs} runs of ${SETTINGS.http.seconds} s against the app and a bare Nest endpoint, in turn`);
    const http = await httpWrites(SETTINGS.http.seconds, SETTINGS.http.runs);
    raw.http = http;
    const errors = http.ledger.non2xx + http.ledger.errors;
    const ratios = http.runs.map((run) => `${round(run.ratio * 100)} %`).join(', ');
    row({ id: 7, name: 'HTTP writes', figure: `POST claim req/s (p99 ${round(http.ledger.p99Ms)} ms; bare p99 ${round(http.bare.p99Ms)} ms)${errors ? `, ${errors} failed` : ''}`, value: http.ledger.rps, unit: 'req/s', baseline: http.bare.rps, ratio: http.ratio, target: '≥ 55 % of a bare Nest POST', met: http.ratio >= 0.55 && errors === 0, checkedInQuick: true, note: `the median of the runs' ratios (${ratios})` });
    const adapted = http.runs.map((run) => `${round(run.ratioOnLedgerAdapter * 100)} %`).join(', ');
    row({ id: 24, name: 'HTTP writes, bare on the same adapter', figure: `row 7's ledger against the same bare Nest application on the ledger's Express adapter (src/http/express-platform.ts), which speeds up any Nest app on Express: how much of row 7 is the platform's`, value: http.ledger.rps, unit: 'req/s', baseline: http.bareOnLedgerAdapter.rps, ratio: http.ratioOnLedgerAdapter, target: '(information)', met: null, checkedInQuick: false, note: `the median of the runs' ratios (${adapted}; its runs are shorter, at most 6 s)` });
  });

  rows.sort((a, b) => a.id - b.id);
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: round(totalmem() / GB), node: process.version, platform: `${process.platform} ${process.arch}` };
  const elapsedS = (Date.now() - started) / 1000;
  printTable(rows, machine, elapsedS);
  writeFileSync(
    join(REPO, 'bench', 'results.json'),
    `${toJson({ mode: quick ? 'quick' : 'full', generatorVersion: GENERATOR_VERSION, date: new Date().toISOString(), elapsedS, machine, settings: SETTINGS, rows, raw })}\n`,
  );
  const missed = rows.filter((r) => r.checked && r.met === false);
  if (check && missed.length > 0) {
    console.error(`\ntargets missed: ${missed.map((r) => `${r.id} ${r.name}`).join(', ')}`);
    process.exit(1);
  }
}

function printTable(rows: Row[], machine: { cores: number; cpu: string; node: string }, elapsedS: number): void {
  const fmt = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : round(n).toLocaleString('en'));
  const lines = [['#', 'benchmark', 'value', 'unit', 'baseline', 'ratio', 'target', 'met', 'what']];
  for (const r of rows) {
    const met = r.met === null ? '' : r.met ? 'yes' : r.checked ? 'NO' : 'no (not checked)';
    lines.push([String(r.id), r.name, fmt(r.value), r.unit, fmt(r.baseline), r.ratio === undefined ? '' : `${round(r.ratio * 100)} %`, r.target, met, `${r.figure}${r.note ? `; ${r.note}` : ''}`]);
  }
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const out = lines.map((l) => l.map((cell, c) => (c === 8 ? cell : cell.padEnd(widths[c]!))).join('  '));
  console.log(`\nclaims-ledger benchmark (${quick ? 'quick' : 'full'}) on ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; ${elapsedS.toFixed(0)} s\n`);
  console.log(out[0]);
  console.log(out[0]!.replace(/[^ ]/g, '-'));
  for (const line of out.slice(1)) console.log(line);
  console.log('\nwritten to bench/results.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
