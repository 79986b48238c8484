import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { ProposeClaim } from '../../src/ledger/application/commands/claim.handlers';
import { IncomingWrites } from '../../src/ledger/application/incoming-writes';
import type { WriteResult } from '../../src/ledger/application/ledger-writer';
import type { CommandContext } from '../../src/ledger/provenance/provenance';
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
