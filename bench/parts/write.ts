import { CommandBus } from '@nestjs/cqrs';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import type { JsonObject } from '../../contract/json';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { SQLITE_SCHEMA } from '../../src/event-store/sqlite/sqlite-schema';
import { ProposeClaim } from '../../src/ledger/application/write-table/write-messages';
import { OpenQuestion } from '../../src/ledger/application/write-table/write-messages';
import { entityIdFor, eventIdFor } from '../../src/ledger/application/derived-ids';
import type { WriteResult } from '../../src/ledger/application/writer/write-types';
import { questionStream } from '../../contract/event-catalogue';
import { GENESIS_HASH, seal, sealEvent } from '../../src/ledger/provenance/hash-chain';
import { provenanceMetadata, type CommandContext } from '../../src/ledger/provenance/provenance';
import { questionDecider } from '../../src/ledger/question/question.decider';
import type { QuestionState } from '../../src/ledger/question/question.state';
import { median, ratePerSecond } from '../lib/stats';

export interface WriteOptions {
  runs: number;
  /** How long each run of each measurement lasts. */
  runMs: number;
  batch: number;
}

const PRAGMAS = (db: Database.Database) => {
  // The store's own settings (SqliteEventStore's constructor): WAL, synchronous FULL, busy timeout.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
};

const context = (): CommandContext => {
  const commandId = randomUUID();
  return { principal: { id: 'bench', name: 'bench' }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
};

const TEXT = 'The allowance was paid from the budget of the Executive Committee of the Red Cross, not by the NKVD.';

/**
 * Raw better-sqlite3 with the store's schema and pragmas: `perTransaction` rows in each
 * `BEGIN IMMEDIATE` transaction, the rows already serialised (a real event's size and shape).
 */
function rawInserter(file: string, sample: { data: string; metadata: string; type: string }, perTransaction: number) {
  const db = new Database(file);
  PRAGMAS(db);
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const revisions = new Map<string, bigint>();
  let n = 0;
  const transaction = db.transaction(() => {
    for (let i = 0; i < perTransaction; i++) {
      const stream = `question-raw-${perTransaction === 1 ? n % 20 : Math.floor(n / perTransaction) % 20}`;
      const revision = (revisions.get(stream) ?? -1n) + 1n;
      revisions.set(stream, revision);
      insert.run(randomUUID(), stream, revision, sample.type, sample.data, sample.metadata, new Date().toISOString());
      n++;
    }
  });
  return { run: () => transaction.immediate(), close: () => db.close() };
}

/** Seals `count` ProposeClaim events for one question as LedgerWriter does: decide, provenance, hash chain. */
function sealedClaims(state: { decided: QuestionState; revision: bigint; lastHash: string }, questionId: string, stream: string, count: number): NewEvent[] {
  const sealed: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ctx = context();
    const [event] = questionDecider.decide(
      { type: 'ProposeClaim', questionId, claimId: entityIdFor(ctx.commandId, 'claim'), text: TEXT, kind: 'hypothesis', owner: { id: 'bench', name: 'bench' } },
      state.decided,
    );
    state.decided = questionDecider.evolve(state.decided, event!);
    state.revision += 1n;
    const id = eventIdFor(ctx.commandId, 0);
    const data = event!.data as unknown as JsonObject;
    const recordedAt = new Date();
    const metadata: JsonObject = provenanceMetadata(ctx, recordedAt);
    const done = seal({ id, type: event!.type, stream, revision: state.revision, data, metadata }, state.lastHash);
    state.lastHash = done.hash;
    sealed.push({ id, type: event!.type, data, metadata, recordedAt, json: done.json });
  }
  return sealed;
}

export async function writeBench(options: WriteOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-write-'));
  try {
    // ---- 1. single durable appends through the whole command path -----------------------------
    const config = loadConfig({ LEDGER_DATA_DIR: join(dir, 'app'), LEDGER_SEED: 'none', PORT: '0' });
    const app = await createApp(config, { logger: false });
    await app.init();
    const bus = app.get(CommandBus);
    const questions: string[] = [];
    for (let i = 0; i < 20; i++) {
      const opened = await bus.execute<OpenQuestion, WriteResult>(new OpenQuestion({ title: `Question ${i}`, tags: [] } as never, context()));
      questions.push(opened.id);
    }
    // What one such event looks like stored, for the raw baseline's rows.
    const probe = await bus.execute<ProposeClaim, WriteResult>(new ProposeClaim(questions[0]!, { text: TEXT, kind: 'hypothesis' } as never, context()));
    const sampleRow = new Database(join(dir, 'app', 'ledger.db'), { readonly: true })
      .prepare('SELECT type, data, metadata FROM events WHERE position = ?')
      .get(probe.position) as { type: string; data: string; metadata: string };

    const raw = rawInserter(join(dir, 'raw-single.db'), sampleRow, 1);
    let next = 0;
    const command = async () => {
      const questionId = questions[next++ % questions.length]!;
      await bus.execute<ProposeClaim, WriteResult>(new ProposeClaim(questionId, { text: TEXT, kind: 'hypothesis' } as never, context()));
    };
    const appendRuns: number[] = [];
    const rawRuns: number[] = [];
    await ratePerSecond(Math.min(500, options.runMs), command); // warm-up
    for (let run = 0; run < options.runs; run++) {
      rawRuns.push(await ratePerSecond(options.runMs, raw.run));
      appendRuns.push(await ratePerSecond(options.runMs, command));
    }
    raw.close();
    await app.close();

    // ---- 2. batched appends: 100 events in one append ------------------------------------------
    const store = new SqliteEventStore({ filename: join(dir, 'batched.db'), durability: 'FULL' });
    const rawBatch = rawInserter(join(dir, 'raw-batch.db'), sampleRow, options.batch);
    const questionId = randomUUID();
    const stream = questionStream(questionId);
    const opened = questionDecider.decide({ type: 'OpenQuestion', questionId, title: 'Batched', body: '', tags: [], parentQuestionId: null, proofStandard: 'preponderance' }, questionDecider.initialState);
    const state = { decided: questionDecider.evolve(questionDecider.initialState, opened[0]!), revision: 0n, lastHash: GENESIS_HASH };
    const openedAt = new Date();
    const openedMeta: JsonObject = provenanceMetadata(context(), openedAt);
    const openedId = randomUUID();
    state.lastHash = sealEvent({ id: openedId, type: opened[0]!.type, stream, revision: 0n, data: opened[0]!.data as unknown as JsonObject, metadata: openedMeta }, GENESIS_HASH);
    await store.append(stream, [{ id: openedId, type: opened[0]!.type, data: opened[0]!.data as unknown as JsonObject, metadata: openedMeta, recordedAt: openedAt }], { expectedRevision: 'no_stream' });

    // The store's batched append, with events sealed beforehand and outside the timing (the
    // headline figure) ...
    const timeAppendsOnly = async (ms: number) => {
      let events = 0;
      let spent = 0;
      while (spent < ms) {
        const expected = state.revision;
        const batch = sealedClaims(state, questionId, stream, options.batch);
        const started = performance.now();
        await store.append(stream, batch, { expectedRevision: expected });
        spent += performance.now() - started;
        events += batch.length;
      }
      return (events * 1000) / spent;
    };
    // ... and the whole write path batched: decide, seal (provenance, hash chain) and append.
    const sealAndAppend = async () => {
      const expected = state.revision;
      const batch = sealedClaims(state, questionId, stream, options.batch);
      await store.append(stream, batch, { expectedRevision: expected });
    };
    const batchRuns: number[] = [];
    const sealedRuns: number[] = [];
    const rawBatchRuns: number[] = [];
    await timeAppendsOnly(Math.min(300, options.runMs));
    for (let run = 0; run < options.runs; run++) {
      rawBatchRuns.push(await ratePerSecond(options.runMs, rawBatch.run, options.batch));
      batchRuns.push(await timeAppendsOnly(options.runMs));
      sealedRuns.push(await ratePerSecond(options.runMs, sealAndAppend, options.batch));
    }
    rawBatch.close();
    await store.close();

    return {
      append: { value: median(appendRuns), baseline: median(rawRuns), runs: appendRuns, baselineRuns: rawRuns },
      batched: {
        value: median(batchRuns),
        baseline: median(rawBatchRuns),
        runs: batchRuns,
        baselineRuns: rawBatchRuns,
        sealedPath: median(sealedRuns),
        sealedPathRuns: sealedRuns,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
