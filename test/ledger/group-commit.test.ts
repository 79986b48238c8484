import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventStoreUnavailableError, InvalidAppendError } from '../../src/event-store/event-store.errors';
import { EVENT_STORE, type EventStore, type NewEvent } from '../../src/event-store/event-store.port';
import { ProposeClaim } from '../../src/ledger/application/write-table/write-messages';
import { IncomingWrites } from '../../src/ledger/application/incoming-writes';
import { eventIdFor } from '../../src/ledger/application/derived-ids';
import { LedgerWriter } from '../../src/ledger/application/writer/ledger-writer';
import type { WriteResult } from '../../src/ledger/application/writer/write-types';
import { InvalidCommandError } from '../../src/ledger/application/write-errors';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
import { collect } from '../event-store/event-store.contract';
import { startTestApp, type TestApp } from '../support/test-app';

const context = (): CommandContext => {
  const commandId = randomUUID();
  return { principal: { id: 'tester', name: 'tester' }, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
};
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  });
  afterAll(() => t?.close());

  it('waits for write requests still on their way, and appends them with the first in one batch', async () => {
    const question = await t.http.post('/api/questions').send({ title: 'Who kept the lists of the families?' }).expect(201);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const bus = t.app.get(CommandBus);
    const incoming = t.app.get(IncomingWrites);
    const append = vi.spyOn(store, 'append');
    // Three write requests received: the first reaches the writer at once, the others a turn apart.
    const done = [incoming.arrived(), incoming.arrived(), incoming.arrived()];
    try {
      const send = (i: number) => bus.execute<ProposeClaim, WriteResult>(new ProposeClaim(question.body.id, { text: `Claim ${i}`, kind: 'answer' } as never, context()));
      const first = send(0);
      await nextTurn();
      await nextTurn();
      const second = send(1);
      await nextTurn();
      const third = send(2);
      const answers = await Promise.all([first, second, third]);
      expect(append).toHaveBeenCalledTimes(1);
      expect(append.mock.calls[0][1]).toHaveLength(3);
      expect(new Set(answers.map((a) => a.position)).size).toBe(3);
      expect(answers.map((a) => a.revision)).toEqual([1n, 2n, 3n]);
    } finally {
      done.forEach((d) => d());
      append.mockRestore();
    }
  });

  it('counts every write request in and out, and reads not at all', async () => {
    const incoming = t.app.get(IncomingWrites);
    const arrived = vi.spyOn(incoming, 'arrived');
    try {
      const question = await t.http.post('/api/questions').send({ title: 'Counted' }).expect(201);
      await t.http.post(`/api/questions/${question.body.id}/claims`).send({ text: '', kind: 'answer' }).expect(400);
      await t.http.get(`/api/questions/${question.body.id}`).expect(200);
      expect(arrived).toHaveBeenCalledTimes(2);
      expect(incoming.pending).toBe(0);
    } finally {
      arrived.mockRestore();
    }
  });
});

describe('group commit: one command that fails is answered alone, the others commit', () => {
  let t: TestApp;
  let questionId: string;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    questionId = (await t.http.post('/api/questions').send({ title: 'Who signed the allowance orders?' }).expect(201)).body.id;
  });
  afterAll(() => t?.close());

  /** Sends `count` claims at once, as one group commit; `poison` chooses which to spoil, and how. */
  async function sendTogether(count: number, poison: (context: CommandContext, i: number) => void) {
    const bus = t.app.get(CommandBus);
    const incoming = t.app.get(IncomingWrites);
    const done = Array.from({ length: count }, () => incoming.arrived());
    try {
      const contexts = Array.from({ length: count }, (_, i) => {
        const c = context();
        poison(c, i);
        return c;
      });
      const settled = await Promise.allSettled(
        contexts.map((c, i) => bus.execute<ProposeClaim, WriteResult>(new ProposeClaim(questionId, { text: `Claim ${c.commandId} ${i}`, kind: 'answer' } as never, c))),
      );
      return { contexts, settled };
    } finally {
      done.forEach((d) => d());
    }
  }

  async function storedIds(): Promise<Set<string>> {
    return new Set((await collect(t.store.readAll())).map((e) => e.id));
  }

  it('a command whose sealing throws is refused with its own error; the rest of the batch is appended together', async () => {
    const writer = t.app.get(LedgerWriter);
    const seal = (writer as unknown as { seal: (...args: unknown[]) => unknown }).seal;
    let poisoned = '';
    const spy = vi.spyOn(writer as never, 'seal' as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
      if ((args[3] as CommandContext).commandId === poisoned) throw new Error('cannot seal this one');
      return seal.apply(this, args);
    } as never);
    const append = vi.spyOn(t.store, 'append');
    try {
      const { contexts, settled } = await sendTogether(8, (c, i) => {
        if (i === 3) poisoned = c.commandId;
      });
      expect(settled[3]).toMatchObject({ status: 'rejected', reason: { message: 'cannot seal this one' } });
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(7);
      expect(append).toHaveBeenCalledTimes(1);
      expect(append.mock.calls[0][1]).toHaveLength(7);
      const ids = await storedIds();
      expect(ids.has(eventIdFor(contexts[3].commandId, 0))).toBe(false);
      for (const s of settled) if (s.status === 'fulfilled') expect(s.value.eventIds.every((id) => ids.has(id))).toBe(true);
    } finally {
      spy.mockRestore();
      append.mockRestore();
    }
  });

  it('a date the writer cannot turn into an instant is refused before the command joins a batch (400, naming the field)', async () => {
    const append = vi.spyOn(t.store, 'append');
    try {
      const bad = ['2021-W07', '2021-041', '20210210T031300Z', '2021-02-10T03:13:00,5Z'];
      const { contexts, settled } = await sendTogether(12, (c, i) => {
        if (i % 3 === 1) c.provenance = { occurredAt: bad[(i - 1) / 3] };
      });
      settled.forEach((s, i) => {
        if (i % 3 === 1) {
          expect(s.status).toBe('rejected');
          const reason = (s as PromiseRejectedResult).reason;
          expect(reason).toBeInstanceOf(InvalidCommandError);
          expect(reason.field).toBe('provenance.occurredAt');
        } else expect(s.status).toBe('fulfilled');
      });
      const appended = append.mock.calls.flatMap((call) => call[1] as NewEvent[]).map((e) => e.id);
      expect(appended).toHaveLength(8);
      const refusedIds = contexts.filter((_, i) => i % 3 === 1).map((c) => eventIdFor(c.commandId, 0));
      expect(appended.filter((id) => refusedIds.includes(id))).toEqual([]);
    } finally {
      append.mockRestore();
    }
  });

  it('an append refused because of one command is retried without it: that one gets its own error, the others commit', async () => {
    let poisonedEvent = '';
    const original = t.store.append.bind(t.store);
    const append = vi.spyOn(t.store, 'append').mockImplementation((stream, events, options) => {
      if (events.some((e) => e.id === poisonedEvent)) return Promise.reject(new InvalidAppendError(`events: ${poisonedEvent} refused`));
      return original(stream, events, options);
    });
    try {
      const { contexts, settled } = await sendTogether(6, (c, i) => {
        if (i === 2) poisonedEvent = eventIdFor(c.commandId, 0);
      });
      expect(settled[2]).toMatchObject({ status: 'rejected', reason: expect.any(InvalidAppendError) });
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
      // The batch of six, refused; then each alone.
      expect(append.mock.calls.map((call) => call[1].length)).toEqual([6, 1, 1, 1, 1, 1, 1]);
      const ids = await storedIds();
      expect(ids.has(eventIdFor(contexts[2].commandId, 0))).toBe(false);
      for (const s of settled) if (s.status === 'fulfilled') expect(s.value.eventIds.every((id) => ids.has(id))).toBe(true);
      expect(new Set(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.revision] : []))).size).toBe(5);
    } finally {
      append.mockRestore();
    }
  });

  it('a failure of the store itself is the answer of every command in the batch', async () => {
    const append = vi.spyOn(t.store, 'append').mockRejectedValueOnce(new EventStoreUnavailableError('the disk is gone'));
    try {
      const { settled } = await sendTogether(4, () => undefined);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect(settled.every((s) => (s as PromiseRejectedResult).reason instanceof EventStoreUnavailableError)).toBe(true);
      expect(append).toHaveBeenCalledTimes(1);
    } finally {
      append.mockRestore();
    }
  });
});
