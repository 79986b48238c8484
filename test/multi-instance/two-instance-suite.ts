import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import type { LedgerVerification } from '../../src/ledger/integrity/verify-data-dir';
import { firstChainBreak } from '../support/chain-check';
import { statusOf, type Answer, type LedgerClient } from './ledger-client';

/** Two ledger instances serving one store, and the test's own view of that store. */
export interface InstancePair {
  a: LedgerClient;
  b: LedgerClient;
  /** The store as the test reads it (its own connection), to count what was really appended. */
  store: EventStore;
  /** `claims verify`'s check of the whole log against the ledger's checkpoint. */
  verify(): Promise<LedgerVerification>;
  stop(): Promise<void>;
}

/** Concurrent writes per instance and per target question: enough for both to race on every batch. */
const PER_INSTANCE = 16;

const uniqueText = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/**
 * What two instances on one store must keep, whatever the store: a write on one is read on the
 * other with ?minPosition=; writers on both, with or without If-Match or an Idempotency-Key, lose
 * nothing, double nothing, and keep positions unique and the hash chains whole; neither decides on
 * a cached aggregate the other has moved; and both read models end up with the same view.
 */
export function describeTwoInstances(label: string, start: () => Promise<InstancePair>): void {
  describe(`two instances on one ${label}`, () => {
    let pair: InstancePair;
    /** Every write acknowledged (2xx) by either instance: each must be stored exactly once. */
    const acknowledged: Answer[] = [];
    const ack = (answer: Answer) => {
      if (answer.status >= 200 && answer.status < 300 && !answer.body?.replayed) acknowledged.push(answer);
      return answer;
    };

    beforeAll(async () => {
      pair = await start();
    });
    afterAll(async () => {
      await pair?.stop();
    });

    const openQuestion = async (on: LedgerClient, title = uniqueText('Question')) => {
      const opened = ack(await on.post('/api/questions', { title, tags: [] }));
      expect(opened.status, statusOf(opened)).toBe(201);
      return opened.body as { id: string; position: string; revision: string };
    };
    const proposeClaim = async (on: LedgerClient, questionId: string, text = uniqueText('Claim')) => {
      const proposed = ack(await on.post(`/api/questions/${questionId}/claims`, { text, kind: 'answer' }));
      expect(proposed.status, statusOf(proposed)).toBe(201);
      return proposed.body as { id: string; position: string; revision: string };
    };

    it('reads on one instance what was written on the other, with ?minPosition= and without', async () => {
      const title = uniqueText('Who paid the allowance?');
      const question = await openQuestion(pair.a, title);
      const onB = await pair.b.get(`/api/questions/${question.id}?minPosition=${question.position}`);
      expect(onB.status, statusOf(onB)).toBe(200);
      expect(onB.body.title).toBe(title);

      const text = uniqueText('The Soviet Red Cross paid it');
      const claim = await proposeClaim(pair.b, question.id, text);
      const onA = await pair.a.get(`/api/claims/${claim.id}?minPosition=${claim.position}`);
      expect(onA.status, statusOf(onA)).toBe(200);
      expect(onA.body.text).toBe(text);

      // Without minPosition a read waits for everything appended before it began, on the other
      // instance's writes too (the store's head, not this process's last write).
      const again = await proposeClaim(pair.a, question.id);
      const plain = await pair.b.get(`/api/claims/${again.id}`);
      expect(plain.status, statusOf(plain)).toBe(200);
    });

    it('loses and doubles nothing under concurrent writers on both, on one question and on several', async () => {
      const shared = await openQuestion(pair.a);
      const ownOfA = await openQuestion(pair.a);
      const ownOfB = await openQuestion(pair.b);
      const targets = [shared.id, shared.id, ownOfA.id, ownOfB.id];
      const sent: { on: LedgerClient; questionId: string; text: string }[] = [];
      for (const on of [pair.a, pair.b]) {
        for (const questionId of targets) for (let i = 0; i < PER_INSTANCE / 2; i++) sent.push({ on, questionId, text: uniqueText(`${on.name}→${questionId.slice(0, 8)} #${i}`) });
      }
      const answers = await Promise.all(sent.map(({ on, questionId, text }) => on.post(`/api/questions/${questionId}/claims`, { text, kind: 'answer' }).then(ack)));
      // Each instance queues its own writers per stream; a conflict with the other instance reloads
      // and decides again. Every write lands: none is refused, none answered twice.
      expect(answers.map(statusOf).filter((s) => !s.startsWith('201'))).toEqual([]);
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(sent.length);

      const events = await allEvents(pair.store);
      const proposed = new Map<string, RecordedEvent[]>();
      for (const event of events) if (event.type === 'ClaimProposed') proposed.set(event.data.text as string, [...(proposed.get(event.data.text as string) ?? []), event]);
      sent.forEach(({ questionId, text }, index) => {
        const stored = proposed.get(text) ?? [];
        expect(stored, text).toHaveLength(1);
        expect(stored[0]!.stream).toBe(`question-${questionId}`);
        expect(stored[0]!.position.toString()).toBe(answers[index]!.body.position);
        expect(stored[0]!.revision.toString()).toBe(answers[index]!.body.revision);
      });
      const sharedClaims = events.filter((e) => e.type === 'ClaimProposed' && e.stream === `question-${shared.id}`);
      expect(sharedClaims).toHaveLength(PER_INSTANCE * 2);
    });

    it('lets exactly one of two writers naming the same revision (If-Match) win; the other gets 409', async () => {
      const question = await openQuestion(pair.a);
      const claim = await proposeClaim(pair.b, question.id);
      for (let round = 0; round < 6; round++) {
        const [readOnA, readOnB] = await Promise.all([pair.a.get(`/api/claims/${claim.id}`), pair.b.get(`/api/claims/${claim.id}`)]);
        expect(readOnA.headers.get('etag')).toBe(readOnB.headers.get('etag'));
        const etag = readOnA.headers.get('etag')!;
        const answers = await Promise.all(
          [pair.a, pair.b].map((on) => on.patch(`/api/claims/${claim.id}`, { text: uniqueText(`${on.name} round ${round}`), reason: 'wording' }, { 'If-Match': etag }).then(ack)),
        );
        expect(answers.map((r) => r.status).sort(), answers.map(statusOf).join('\n')).toEqual([200, 409]);
        const refused = answers.find((r) => r.status === 409)!;
        expect(refused.body.type).toContain('conflict');
        expect(refused.body.expectedRevision).toBe(JSON.parse(etag));
      }
      const events = (await allEvents(pair.store)).filter((e) => e.stream === `question-${question.id}`);
      expect(events.filter((e) => e.type === 'ClaimRevised')).toHaveLength(6);
    });

    it('never decides on a cached aggregate the other instance has moved', async () => {
      const question = await openQuestion(pair.a);
      // a caches the question at the claim it proposed…
      const first = await proposeClaim(pair.a, question.id);
      // …which b retracts: a's cache still holds it live.
      const retracted = ack(await pair.b.post(`/api/claims/${first.id}/retraction`, { reason: 'withdrawn on b' }));
      expect(retracted.status, statusOf(retracted)).toBe(200);
      // a must refuse on what is stored, not accept on its cache.
      const revised = await pair.a.patch(`/api/claims/${first.id}`, { text: 'revised on a', reason: 'wording' });
      expect(revised.status, statusOf(revised)).toBe(422);
      expect(revised.body.type).toContain('claim-retracted');
      // And the other way: b proposes a claim a's cache has never seen; a may retract it.
      const second = await proposeClaim(pair.b, question.id);
      const retractedOnA = ack(await pair.a.post(`/api/claims/${second.id}/retraction`, { reason: 'withdrawn on a' }));
      expect(retractedOnA.status, statusOf(retractedOnA)).toBe(200);
      // b's cache is behind a's retraction; b's next write lands after it, at the next revision.
      const third = await proposeClaim(pair.b, question.id);
      expect(third.revision).toBe((BigInt(retractedOnA.body.revision) + 1n).toString());
      // If-Match names the revision on disk, which b's cache is at and a's is behind: accepted on a.
      const onA = ack(await pair.a.patch(`/api/claims/${third.id}`, { text: 'revised on a', reason: 'wording' }, { 'If-Match': `"${third.revision}"` }));
      expect(onA.status, statusOf(onA)).toBe(200);

      const events = (await allEvents(pair.store)).filter((e) => e.stream === `question-${question.id}`);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
      expect(events.map((e) => e.type)).toEqual(['QuestionOpened', 'ClaimProposed', 'ClaimRetracted', 'ClaimProposed', 'ClaimRetracted', 'ClaimProposed', 'ClaimRevised']);
    });

    it('carries out a command sent with one Idempotency-Key to both instances at once exactly once', async () => {
      const question = await openQuestion(pair.a);
      // Other writes first, so that each instance's cache of the question is behind at least once.
      await proposeClaim(pair.b, question.id);
      for (let round = 0; round < 6; round++) {
        if (round % 2 === 1) await proposeClaim(round % 4 === 1 ? pair.a : pair.b, question.id);
        const key = randomUUID();
        const body = { text: uniqueText(`keyed ${round}`), kind: 'answer' };
        const answers = await Promise.all([pair.a, pair.b].map((on) => on.post(`/api/questions/${question.id}/claims`, body, { 'Idempotency-Key': key })));
        expect(answers.map(statusOf).filter((s) => !s.startsWith('201'))).toEqual([]);
        // Both answer with the same claim, at the same place; at most one of them wrote it.
        expect(answers[0]!.body.id).toBe(answers[1]!.body.id);
        expect(answers[0]!.body.position).toBe(answers[1]!.body.position);
        expect(answers[0]!.body.eventIds).toEqual(answers[1]!.body.eventIds);
        acknowledged.push(answers[0]!);
        const stored = (await allEvents(pair.store)).filter((e) => e.type === 'ClaimProposed' && e.data.text === body.text);
        expect(stored).toHaveLength(1);
      }
    });

    it('keeps every position unique, every stream gapless and every chain whole; claims verify passes', async () => {
      const events = await allEvents(pair.store);
      const positions = events.map((e) => e.position);
      for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      const revisions = new Map<string, bigint>();
      for (const event of events) {
        expect(event.revision, `${event.stream} at position ${event.position}`).toBe((revisions.get(event.stream) ?? -1n) + 1n);
        revisions.set(event.stream, event.revision);
      }
      expect(firstChainBreak(events)).toBeNull();
      // Every acknowledged write, exactly once, where its answer says.
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const answer of acknowledged) {
        for (const id of answer.body.eventIds as string[]) expect(byId.has(id), id).toBe(true);
        expect(byId.get((answer.body.eventIds as string[]).at(-1)!)!.position.toString()).toBe(answer.body.position);
      }
      const { report, breaks } = await pair.verify();
      expect(breaks).toEqual([]);
      expect(report.events).toBe(events.length);
    });

    it('brings both instances’ read models to the same view', async () => {
      const head = (await pair.store.headPosition())!.toString();
      const questions = (await allEvents(pair.store)).filter((e) => e.type === 'QuestionOpened').map((e) => e.data.questionId as string);
      for (const id of questions) {
        for (const path of [`/api/questions/${id}`, `/api/questions/${id}/consensus`]) {
          const [onA, onB] = await Promise.all([pair.a.get(`${path}?minPosition=${head}`), pair.b.get(`${path}?minPosition=${head}`)]);
          expect(onA.status, statusOf(onA)).toBe(200);
          expect(onB.body, path).toEqual(onA.body);
        }
      }
      const [healthA, healthB] = await Promise.all([pair.a.get('/health'), pair.b.get('/health')]);
      for (const health of [healthA, healthB]) {
        expect(health.body.details.integrity, statusOf(health)).toMatchObject({ status: 'up', breaks: [], checkpoint: null });
        expect(health.body.details.integrity.events).toBe((await allEvents(pair.store)).length);
      }
    });
  });
}
