import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/ledger-config';
import { SERVER_TIMEOUTS } from '../../src/http/server-timeouts';
import { currentConsensusSliced, currentConsensusView } from '../../src/read-side/current-consensus';
import { QuestionTimelines } from '../../src/read-side/question-timelines.service';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import { createApp } from '../../src/create-app';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { entityIdFor } from '../../src/ledger/application/derived-ids';
import { LedgerWriter } from '../../src/ledger/application/writer/ledger-writer';
import { questionStream } from '../../contract/event-catalogue';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
import type { QuestionCommand } from '../../src/ledger/question/question.commands';
import { questionDecider } from '../../src/ledger/question/question.decider';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { projectionsFor } from '../../src/projection-runtime/projections.registry';
import { ConsensusController } from '../../src/read-side/consensus.controller';
import { currentConsensusOf } from '../../src/read-side/current-consensus';
import { presentConsensus } from '../../src/read-side/consensus-presenter';
import { questionsProjection, type QuestionsView } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { sizedLedger } from '../lib/ledgers';
import { Random } from '../lib/random';
import { latencies, median, now, percentile } from '../lib/stats';

export interface SizedOptions {
  sizes: number[];
  /** Reads per question size (fewer for the largest, see below). */
  reads: number;
  /** Events applied per question size. */
  updates: number;
}

const context = (): CommandContext => {
  const commandId = randomUUID();
  return { principal: { id: 'bench', name: 'bench' }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
};

/** Reads of the largest questions are slow; fewer of them still give a p99 over 50+ samples. */
const readsFor = (size: number, reads: number) => (size >= 10_000 ? Math.max(50, Math.round(reads / 4)) : reads);

/**
 * A keep-alive client for one phase of back-to-back requests, destroyed at its end. The server
 * closes an idle kept-alive connection after its keepAliveTimeout (src/http/server-timeouts.ts); the
 * ECONNRESET of issue 19 came from a socket left free across the in-process reads of the
 * 10,000-claim question: that work (synchronous, awaiting only settled promises) starves the timers,
 * so neither the server's keep-alive timer nor a client-side idle timeout fires during it; the next
 * request took the stale socket and both timers fired right after, the server's closing it under the
 * request. A fresh agent per phase never carries a socket across such work; the `timeout` (a fifth
 * of the server's keep-alive) also drops a socket left free between requests of a phase first.
 */
function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1, timeout: SERVER_TIMEOUTS.keepAliveTimeoutMs / 5 });
}

function httpGet(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => (response.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path} answered ${response.statusCode}`))));
      response.on('error', reject);
    });
    request.on('error', (error) => reject(new Error(`GET ${path}: ${error.message}${request.reusedSocket ? ' (on a reused socket)' : ''}`)));
  });
}

/**
 * One question per size. Consensus reads through the real application: in process (the
 * controller's method, then the JSON of its answer, i.e. everything but the socket) and over HTTP
 * on loopback. Then incremental updates: events appended through the write side, each applied by
 * the projection runner exactly as it applies every event (all projections) and the question's
 * consensus then brought up to date (what its next reader needs), timed alone.
 */
export async function sizedBench(options: SizedOptions) {
  const info = sizedLedger(options.sizes);
  const questions = info.questions.map((q, i) => ({ size: options.sizes[i]!, id: q.id, claims: q.claims }));
  const dir = mkdtempSync(join(tmpdir(), 'bench-sized-'));
  try {
    const memory = await memoryReturn(info.file, dir, questions[questions.length - 1]!.id);

    // ---- consensus reads ------------------------------------------------------------------------
    mkdirSync(join(dir, 'app'));
    copyFileSync(info.file, join(dir, 'app', 'ledger.db'));
    const config = loadConfig({ LEDGER_DATA_DIR: join(dir, 'app'), LEDGER_SEED: 'none', PORT: '0', LEDGER_SNAPSHOT_EVERY: '1000000000' });
    const startedAt = now();
    const app = await createApp(config, { logger: false });
    await app.init();
    const startupMs = now() - startedAt;
    await app.listen(0, '127.0.0.1');
    const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
    const controller = app.get(ConsensusController);
    const reads: Record<string, { claims: number; bytes: number; inProcess: { p50: number; p99: number }; afterChange: { p50: number; p99: number }; http: { p50: number; p99: number } }> = {};
    for (const q of questions) {
      const count = readsFor(q.size, options.reads);
      // Its answer as Nest's Express adapter sends it: text as it is, anything else as JSON.
      const read = async () => {
        const body: unknown = await controller.consensus(q.id, undefined);
        return typeof body === 'string' ? body : JSON.stringify(body);
      };
      const bytes = Buffer.byteLength(await read()); // the first read writes out pending explanations
      for (let i = 0; i < 5; i++) await read();
      const inProcess = await latencies(count, read);
      // The first read after the question changed also writes its JSON out: that, alone.
      const runner = app.get(ProjectionRunner);
      const afterChange = await latencies(count, async () => {
        const { consensus, position } = currentConsensusOf(runner, q.id);
        return JSON.stringify(presentConsensus(consensus, position));
      });
      const path = `/api/questions/${q.id}/consensus`;
      const agent = keepAliveAgent();
      for (let i = 0; i < 5; i++) await httpGet(agent, port, path);
      const http = await latencies(count, () => httpGet(agent, port, path));
      agent.destroy();
      reads[q.size] = {
        claims: q.claims,
        bytes,
        inProcess: { p50: percentile(inProcess, 50), p99: percentile(inProcess, 99) },
        afterChange: { p50: percentile(afterChange, 50), p99: percentile(afterChange, 99) },
        http: { p50: percentile(http, 50), p99: percentile(http, 99) },
      };
    }
    // One event, then the consensus brought up to date as the server does it (the engine, in slices)
    // and then read over HTTP (what the reader's request adds: presenting, JSON, the socket).
    const largest = questions[questions.length - 1]!;
    const agent = keepAliveAgent();
    const afterOneEvent = await engineThenReader(app.get(LedgerWriter), app.get(ProjectionRunner), app.get(ProjectionRunner).view(questionsProjection), largest.id, 200, (path) => httpGet(agent, port, path));
    agent.destroy();
    // Pages of the largest question's events, claims and timeline, from the middle of each list.
    const pages = await pagedReads(port, largest.id, readsFor(largest.size, options.reads));
    await app.close();

    // ---- incremental updates --------------------------------------------------------------------
    const file = join(dir, 'incremental.db');
    copyFileSync(info.file, file);
    const store = new SqliteEventStore({ filename: file });
    const runnerConfig = loadConfig({ LEDGER_DATA_DIR: join(dir, 'runner'), LEDGER_SEED: 'none', LEDGER_SNAPSHOT_EVERY: '1000000000' });
    const runner = new ProjectionRunner(store, runnerConfig, projectionsFor(runnerConfig));
    const internals = runner as unknown as { state: unknown; apply(state: unknown, recorded: RecordedEvent, publish: boolean): void };
    await runner.catchUp();
    const writer = new LedgerWriter(store, runner);
    const random = new Random(7);
    const sourceIds = [...runner.view(sourcesProjection).sources.keys()];
    const updates: Record<string, { p50Us: number; p99Us: number; engine: { p50Us: number; p99Us: number }; byType: Record<string, number> }> = {};
    for (const q of questions) {
      const view = runner.view(questionsProjection).questions.get(q.id)!;
      const target = { decider: questionDecider, stream: questionStream(q.id) };
      const live = () => [...view.claims.values()].filter((c) => c.status === 'live').map((c) => c.id);
      let liveIds = live();
      // The engine exists once the question has been read; every sample below is then one event
      // applied and the question's consensus brought up to date with it, as a reader would need.
      currentConsensusOf(runner, q.id);
      const samples: number[] = [];
      const engineSamples: number[] = [];
      const byType = new Map<string, number[]>();
      const kinds = ['claim', 'evidence', 'stance', 'relate', 'revise'] as const;
      for (let i = 0; samples.length < options.updates; i++) {
        const ctx = context();
        const kind = kinds[i % kinds.length]!;
        const pick = () => random.pick(liveIds);
        let command: QuestionCommand;
        if (kind === 'claim') {
          command = { type: 'ProposeClaim', questionId: q.id, claimId: entityIdFor(ctx.commandId, 'claim'), text: `An objection number ${i} to the claim it answers`, kind: 'hypothesis', owner: { id: 'bench', name: 'bench' }, respondsTo: { claimId: pick(), relation: random.chance(0.5) ? 'rebuts' : 'supports', relationId: entityIdFor(ctx.commandId, 'relation') } };
        } else if (kind === 'evidence') {
          command = { type: 'AttachEvidence', questionId: q.id, evidenceId: entityIdFor(ctx.commandId, 'evidence'), claimId: pick(), sourceId: random.pick(sourceIds), stance: random.chance(0.6) ? 'supports' : 'undermines', locator: 'l. 12', quote: null, credibility: 2, verification: 'examined', owner: { id: 'bench', name: 'bench' } };
        } else if (kind === 'stance') {
          command = { type: 'RecordStance', questionId: q.id, claimId: pick(), participant: { id: `p${i % 7}`, name: `P ${i % 7}` }, stance: random.chance(0.5) ? 'endorse' : 'dispute', confidence: 0.7 };
        } else if (kind === 'relate') {
          const a = liveIds.length - 1 - random.int(Math.min(liveIds.length, 50));
          command = { type: 'RelateClaims', questionId: q.id, relationId: entityIdFor(ctx.commandId, 'relation'), fromClaimId: liveIds[a]!, toClaimId: liveIds[random.int(Math.max(1, a))]!, relation: 'undercuts' };
        } else {
          command = { type: 'ReviseClaim', questionId: q.id, claimId: pick(), text: `Revised wording ${i} of the claim`, reason: 'clarified', actor: { principalId: 'bench', moderator: true } };
        }
        try {
          await writer.execute(target, command, ctx);
        } catch {
          continue; // a refused command (the same relation twice, say) appends nothing
        }
        const events: RecordedEvent[] = [];
        for await (const recorded of store.readAll({ after: runner.position })) events.push(recorded);
        for (const recorded of events) {
          const started = now();
          internals.apply(internals.state, recorded, false);
          const applied = now();
          currentConsensusOf(runner, q.id);
          const us = (now() - started) * 1000;
          engineSamples.push((now() - applied) * 1000);
          samples.push(us);
          const list = byType.get(recorded.type) ?? [];
          list.push(us);
          byType.set(recorded.type, list);
        }
        if (kind === 'claim') liveIds = live();
      }
      updates[q.size] = {
        p50Us: median(samples),
        p99Us: percentile(samples, 99),
        engine: { p50Us: median(engineSamples), p99Us: percentile(engineSamples, 99) },
        byType: Object.fromEntries([...byType].map(([type, list]) => [type, median(list)])),
      };
    }
    await store.close();
    return { startupMs, events: info.events, reads, updates, afterOneEvent: { size: largest.size, ...afterOneEvent }, pages: { size: largest.size, ...pages }, memory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A command on the question: a stance or a claim answering another, in turn (both move its consensus). */
function oneCommand(questionId: string, liveIds: readonly string[], random: Random, i: number, ctx: CommandContext): QuestionCommand {
  if (i % 2 === 0) return { type: 'RecordStance', questionId, claimId: random.pick(liveIds), participant: { id: `p${i % 7}`, name: `P ${i % 7}` }, stance: random.chance(0.5) ? 'endorse' : 'dispute', confidence: 0.7 };
  return { type: 'ProposeClaim', questionId, claimId: entityIdFor(ctx.commandId, 'claim'), text: `An objection number ${i} to the claim it answers`, kind: 'hypothesis', owner: { id: 'bench', name: 'bench' }, respondsTo: { claimId: random.pick(liveIds), relation: random.chance(0.5) ? 'rebuts' : 'supports', relationId: entityIdFor(ctx.commandId, 'relation') } };
}

/**
 * In the running application: `samples` times, one command appended through its writer and applied
 * by its runner (not timed), then the consensus brought up to date as a server read does it
 * (`currentConsensusSliced`: the engine, in slices), then `GET …/consensus` over HTTP, each timed.
 */
async function engineThenReader(
  writer: LedgerWriter,
  runner: ProjectionRunner,
  questions: QuestionsView,
  questionId: string,
  samples: number,
  read: (path: string) => Promise<number>,
) {
  const random = new Random(19);
  const target = { decider: questionDecider, stream: questionStream(questionId) };
  const liveIds = [...questions.questions.get(questionId)!.claims.values()].filter((c) => c.status === 'live').map((c) => c.id);
  await currentConsensusSliced(runner, questionId);
  const engine: number[] = [];
  const reader: number[] = [];
  let bytes = 0;
  for (let i = 0; engine.length < samples; i++) {
    const ctx = context();
    const { position } = await writer.execute(target, oneCommand(questionId, liveIds, random, i, ctx), ctx);
    await runner.readyForRead(position);
    const started = now();
    await currentConsensusSliced(runner, questionId);
    const updated = now();
    bytes = await read(`/api/questions/${questionId}/consensus`);
    engine.push(updated - started);
    reader.push(now() - updated);
  }
  const summary = (list: number[]) => ({ p50: percentile(list, 50), p99: percentile(list, 99) });
  return { samples, engine: summary(engine), reader: summary(reader), bytes };
}

/**
 * Memory return, in an application of its own (started first, so nothing else has run in the
 * process): the heap and resident set after start (after a GC), after reading the largest
 * question's events, timeline and consensus three times, after a GC with the caches still holding
 * what those reads kept, and after a GC once the caches' idle time has passed (set to 2 s here,
 * LEDGER_CACHE_IDLE_SECONDS; 300 s by default). The caches' own estimates are reported beside.
 */
async function memoryReturn(ledgerFile: string, dir: string, questionId: string) {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the sized part needs node --expose-gc (bench/lib/child.ts passes it)');
  const IDLE_S = 2;
  mkdirSync(join(dir, 'memory'));
  copyFileSync(ledgerFile, join(dir, 'memory', 'ledger.db'));
  const config = loadConfig({ LEDGER_DATA_DIR: join(dir, 'memory'), LEDGER_SEED: 'none', PORT: '0', LEDGER_SNAPSHOT_EVERY: '1000000000', LEDGER_CACHE_IDLE_SECONDS: String(IDLE_S) });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.listen(0, '127.0.0.1');
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  // A connection per request: requests seconds long, the server's work in this same process between them.
  const agent = new Agent({ keepAlive: false });
  const measure = () => {
    gc();
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    return { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
  };
  try {
    const before = measure();
    let bytes = 0;
    const started = now();
    for (let i = 0; i < 3; i++) {
      for (const path of ['events', 'timeline', 'consensus']) {
        const t0 = now();
        try {
          bytes += await httpGet(agent, port, `/api/questions/${questionId}/${path}`);
        } catch (error) {
          throw new Error(`GET …/${path} (read ${i + 1}) failed after ${Math.round(now() - t0)} ms: ${(error as Error).message}`);
        }
      }
    }
    const readsMs = now() - started;
    const { rss, heapUsed } = process.memoryUsage();
    const afterReads = { rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 };
    const afterGc = measure();
    const cachesKept = { timelines: app.get(QuestionTimelines).cached, timeTravel: app.get(TimeTravel).cached, consensusEngines: currentConsensusView(app.get(ProjectionRunner)).engines.calculatedSize };
    agent.destroy();
    await new Promise((resolve) => setTimeout(resolve, IDLE_S * 1000 + 500));
    const afterIdle = measure();
    const cachesAfterIdle = { timelines: app.get(QuestionTimelines).cached, consensusEngines: currentConsensusView(app.get(ProjectionRunner)).engines.calculatedSize };
    return { idleSeconds: IDLE_S, before, afterReads, afterGc, afterIdle, readsMs, bytesRead: bytes, cachesKept, cachesAfterIdle, heapReturnRatio: afterIdle.heapMb / before.heapMb, rssReturnRatio: afterIdle.rssMb / before.rssMb };
  } finally {
    agent.destroy();
    await app.close();
  }
}

/** The path of the next page, from the answer's `Link: <…>; rel="next"` (undefined on the last page). */
async function nextPage(port: number, path: string): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
}

/**
 * Reads of one page (100 items) of a big question's events, claims and timeline, as a client paging
 * through holds it: the sixth page, its cursor taken from the fifth page's Link header. The first
 * read of the timeline folds the question's history (reported apart); the samples are the reads after.
 */
async function pagedReads(port: number, questionId: string, count: number) {
  const agent = keepAliveAgent();
  const lists: Record<string, { p50: number; p99: number; bytes: number; firstMs: number }> = {};
  try {
    for (const list of ['events', 'claims', 'timeline']) {
      const started = now();
      let path = `/api/questions/${questionId}/${list}?limit=100`;
      for (let i = 0; i < 5; i++) path = (await nextPage(port, path)) ?? path;
      const firstMs = now() - started;
      const bytes = await httpGet(agent, port, path);
      for (let i = 0; i < 3; i++) await httpGet(agent, port, path);
      const samples = await latencies(count, () => httpGet(agent, port, path));
      lists[list] = { p50: percentile(samples, 50), p99: percentile(samples, 99), bytes, firstMs };
    }
  } finally {
    agent.destroy();
  }
  return lists as Record<'events' | 'claims' | 'timeline', { p50: number; p99: number; bytes: number; firstMs: number }>;
}
