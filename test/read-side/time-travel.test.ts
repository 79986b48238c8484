import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import { startTestApp, type TestApp } from '../support/test-app';

describe('time travel from the snapshots a long fold keeps', () => {
  let t: TestApp;
  let questionId: string;
  const positions: bigint[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    const question = await t.http.post('/api/questions').send({ title: 'Who paid for the Spanish children’s homes?' }).expect(201);
    questionId = question.body.id;
    let previous: string | undefined;
    // Each claim answers the one before it, so every strength depends on the whole history.
    for (let i = 0; i < 150; i++) {
      const body = { text: `Claim number ${i}`, kind: 'answer', ...(previous ? { respondsTo: { claimId: previous, relation: i % 3 === 0 ? 'supports' : 'rebuts' } } : {}) };
      const answer = await t.http.post(`/api/questions/${questionId}/claims`).send(body).expect(201);
      previous = answer.body.id;
      positions.push(BigInt(answer.body.position));
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('answers from a snapshot exactly as a fold from the start does, before and after it', async () => {
    const timeTravel = t.app.get(TimeTravel);
    const asOf = (position: bigint) => ({ axis: 'recorded' as const, position });
    // 281 events folded (the opening, 140 claims with their relations): the view is kept as a snapshot.
    const first = await timeTravel.consensusAsOf(questionId, asOf(positions[139]!));
    const snapshots = (timeTravel as unknown as { snapshots: Map<string, unknown[]> }).snapshots;
    expect(snapshots.get(questionId)).toHaveLength(1);
    const later = await timeTravel.consensusAsOf(questionId, asOf(positions[149]!));
    const earlier = await timeTravel.consensusAsOf(questionId, asOf(positions[20]!));

    const fresh = new TimeTravel(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), t.config);
    expect(later).toEqual(await fresh.consensusAsOf(questionId, asOf(positions[149]!)));
    expect(earlier).toEqual(await fresh.consensusAsOf(questionId, asOf(positions[20]!)));
    expect(first.consensus.claims).toHaveLength(140);
    expect(later.consensus.claims).toHaveLength(150);
    expect(earlier.consensus.claims).toHaveLength(21);
    // The snapshot itself is untouched by the folds that started from it.
    expect(await timeTravel.consensusAsOf(questionId, asOf(positions[139]!))).toEqual(first);
  });
});
