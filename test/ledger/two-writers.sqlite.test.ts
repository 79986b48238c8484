import { CommandBus } from '@nestjs/cqrs';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { ProposeClaim, RetractClaim, ReviseClaim } from '../../src/ledger/application/write-table/write-messages';
import { OpenQuestion } from '../../src/ledger/application/write-table/write-messages';
import type { WriteResult } from '../../src/ledger/application/writer/write-types';
import { WriteConflictError } from '../../src/ledger/application/write-errors';
import { questionStream } from '../../contract/event-catalogue';
import { firstChainBreak } from '../support/chain-check';
import type { CommandContext } from '../../src/ledger/provenance/provenance';

const context = (): CommandContext => {
  const commandId = randomUUID();
  return { principal: { id: 'tester', name: 'Tester', role: 'admin' }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
};

// Two applications on one SQLite file stand for two processes (the server and the CLI, say). Each
// writer caches the aggregates it wrote; the other's appends make that cache stale, and a stale cache
// must cost a retry, never a wrong revision, a broken chain or a wrong refusal.
describe('two writers on one SQLite file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-two-writers-'));
  let a: INestApplication;
  let b: INestApplication;

  // Both on one data directory, so on one ledger.db, as the server and the CLI would be.
  const start = async () => {
    const app = await createApp(loadConfig({ LEDGER_DATA_DIR: directory, LEDGER_STORE: 'sqlite', PORT: '0', LEDGER_SEED: 'none' }), { logger: false });
    await app.init();
    return app;
  };

  beforeAll(async () => {
    a = await start();
    b = await start();
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const run = (app: INestApplication, command: object): Promise<WriteResult> => app.get(CommandBus).execute(command as never);

  it('each writer appends after the other at the right revision, and decides on what is stored', async () => {
    const store = a.get<EventStore>(EVENT_STORE);
    expect(b.get<EventStore>(EVENT_STORE)).not.toBe(store);

    const q = (await run(a, new OpenQuestion({ title: 'Shared', tags: [] } as never, context()))).id;
    const first = await run(a, new ProposeClaim(q, { text: 'from a', kind: 'answer' } as never, context()));
    expect(first.revision).toBe(1n);
    // b has never seen the question: it reads it from the file.
    const fromB = await run(b, new ProposeClaim(q, { text: 'from b', kind: 'answer' } as never, context()));
    expect(fromB.revision).toBe(2n);
    // a's cache stops at revision 1, before b's claim: a must not refuse it as unknown.
    const retracted = await run(a, new RetractClaim(fromB.id, { reason: 'checked' } as never, context()));
    expect(retracted.revision).toBe(3n);
    // b's cache stops at revision 2: its append must land at 4, not collide or skip.
    const again = await run(b, new ProposeClaim(q, { text: 'from b again', kind: 'answer' } as never, context()));
    expect(again.revision).toBe(4n);
    // A refusal stands on what is stored: the claim is retracted already.
    await expect(run(b, new RetractClaim(fromB.id, { reason: 'twice' } as never, context()))).rejects.toMatchObject({ code: 'already-retracted' });
    // If-Match names the revision on disk, which a's cache (at 3) is behind: accepted.
    const revised = await run(a, new ReviseClaim(first.id, { text: 'from a, revised', reason: 'wording' } as never, context(), 4n));
    expect(revised.revision).toBe(5n);
    // And a stale one is a conflict, not retried.
    await expect(run(b, new ReviseClaim(first.id, { text: 'stale', reason: 'x' } as never, context(), 4n))).rejects.toBeInstanceOf(WriteConflictError);

    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(questionStream(q))) events.push(event);
    expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    expect(firstChainBreak(events)).toBeNull();
  });
});
