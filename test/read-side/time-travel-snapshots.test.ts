import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionStream } from '../../contract/event-catalogue';
import type { LedgerConfig } from '../../src/config/ledger-config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { NotFoundError } from '../../src/ledger/domain-error';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import type { AsOf } from '../../projections/time-travel/as-of';
import { startTestApp, type TestApp } from '../support/test-app';

/** A small seeded PRNG (mulberry32), so that the moments looked at are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Time travel that starts from kept snapshots (and answers kept with them) must answer exactly as a
 * fold of the question from its first event does, at any moment on either axis: here on the
 * reference debate (every kind of event, partial dates), with a source re-appraised after the fact,
 * at moments drawn at random, in an order that moves back and forth.
 */
describe('time travel from kept snapshots answers as a fold from the start, at random moments', () => {
  let t: TestApp;
  let store: EventStore;
  let questionId: string;
  let stream: RecordedEvent[];
  let appraisal: { position: bigint; before: bigint };

  const timeTravel = (caches?: Partial<LedgerConfig['caches']>) => {
    const config = caches ? { ...t.config, caches: { ...t.config.caches, ...caches } } : t.config;
    return new TimeTravel(store, t.app.get(ProjectionRunner), config);
  };
  /** The answer of a time travel that keeps nothing: folded from the question's first event. */
  const fromScratch = (asOf: AsOf) => timeTravel().consensusAsOf(questionId, asOf);

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    store = t.app.get(EVENT_STORE);
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
    const questions = (await t.http.get('/api/questions').expect(200)).body as { id: string; parentQuestionId: string | null }[];
    questionId = questions.find((q) => q.parentQuestionId === null)!.id;
    // The source of a piece of examined evidence, re-appraised now: the question's stream does not
    // move, the weight of that evidence does.
    const head = t.app.get(ProjectionRunner).position!;
    const current = await timeTravel().consensusAsOf(questionId, { axis: 'recorded', position: head });
    const examined = current.consensus.evidence.find((e) => e.verification !== 'cited' && e.counted)!;
    const changed = await t.http
      .patch(`/api/sources/${examined.sourceId}/appraisal`)
      .send({ reliability: examined.weight > 0.5 ? 'E' : 'A', note: 'Re-appraised for the time-travel test' })
      .expect(200);
    appraisal = { position: BigInt(changed.body.position), before: head };
    // And the question goes on after it, so that the re-appraisal falls between two of its events.
    await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'A claim after the re-appraisal', kind: 'answer' }).expect(201);
    stream = [];
    for await (const event of store.readStream(questionStream(questionId))) stream.push(event);
  }, 120_000);
  afterAll(() => t?.close());

  /** Moments on every axis: positions (any event of the log), recorded times and occurred times, and the re-appraisal's edges. */
  function moments(count: number, seed: number): AsOf[] {
    const next = random(seed);
    const first = stream[0]!.position - 1n;
    const last = stream[stream.length - 1]!.position + 1n;
    const recordedTimes = stream.map((e) => Date.parse(String(e.metadata.recordedAt)));
    const occurredTimes = stream.map((e) => Date.parse(String(e.metadata.occurredAt))).filter((time) => Number.isFinite(time));
    const between = (low: number, high: number) => low + next() * (high - low);
    const out: AsOf[] = [];
    for (let i = 0; i < count; i++) {
      const pick = next();
      if (pick < 0.45) out.push({ axis: 'recorded', position: first + BigInt(Math.floor(next() * Number(last - first + 1n))) });
      else if (pick < 0.6) out.push({ axis: 'recorded', position: stream[Math.floor(next() * stream.length)]!.position });
      else if (pick < 0.8) out.push({ axis: 'recorded', time: new Date(Math.round(between(Math.min(...recordedTimes) - 1, Math.max(...recordedTimes) + 1))) });
      else out.push({ axis: 'occurred', time: new Date(Math.round(between(Math.min(...occurredTimes) - 86_400_000, Math.max(...occurredTimes) + 86_400_000))) });
    }
    return out;
  }

  it('has a history long enough to keep many snapshots, moved by a re-appraisal between two of its events', () => {
    expect(stream.length).toBeGreaterThan(40);
    const inBetween = stream.filter((e) => e.position > appraisal.before && e.position < appraisal.position);
    expect(inBetween).toEqual([]);
    expect(stream[stream.length - 1]!.position).toBeGreaterThan(appraisal.position);
  });

  it('answers from snapshots, however many are kept, exactly as from the first event', { timeout: 120_000 }, async () => {
    // One that keeps everything, one whose bound keeps a few snapshots of this question at a time.
    const keeping = timeTravel({ idleMs: 0 });
    const tight = timeTravel({ idleMs: 0, timeTravelBytes: 160 * 1024 });
    for (const cached of [keeping, tight]) cached.snapshotAfter = 3;
    let answersKept = 0;
    let notYet = 0;
    const edges = [appraisal.before, appraisal.position, appraisal.before].map((position): AsOf => ({ axis: 'recorded', position }));
    for (const asOf of [...moments(35, 19), ...edges, ...moments(35, 20)]) {
      const expected = await fromScratch(asOf).catch((error: unknown) => error);
      if (expected instanceof NotFoundError) {
        // Before the question was opened (or, on the occurred axis, said to be): nothing to answer, from snapshots or not.
        for (const cached of [keeping, tight]) await expect(cached.consensusAsOf(questionId, asOf)).rejects.toThrow(NotFoundError);
        notYet++;
        continue;
      }
      for (const cached of [keeping, tight]) {
        const answer = await cached.consensusAsOf(questionId, asOf);
        expect(answer, `${asOf.axis} ${'position' in asOf ? asOf.position : asOf.time.toISOString()}`).toEqual(expected);
        // The same moment again: a kept answer, when its snapshot is exactly this moment's view.
        const again = await cached.consensusAsOf(questionId, asOf);
        expect(again).toEqual(expected);
        if (again.solution === answer.solution) answersKept++;
      }
    }
    expect(answersKept).toBeGreaterThan(10);
    expect(notYet).toBeLessThan(20);
    expect(keeping.cached.questions).toBe(1);
    expect(tight.cached.bytes).toBeLessThanOrEqual(160 * 1024);
  });

  it('does not answer from a kept answer once a source it read was re-appraised, though the question did not move', async () => {
    const cached = timeTravel({ idleMs: 0 });
    cached.snapshotAfter = 3;
    const before = { axis: 'recorded' as const, position: appraisal.position - 1n };
    const after = { axis: 'recorded' as const, position: appraisal.position };
    const then = await cached.consensusAsOf(questionId, before);
    // Asked again at that moment: the answer kept with its snapshot.
    expect((await cached.consensusAsOf(questionId, before)).solution).toBe(then.solution);
    const now = await cached.consensusAsOf(questionId, after);
    // The same view of the question (no event of its own in between), another answer: the re-appraisal moved it.
    expect(now.question).toBe(then.question);
    expect(now.solution).not.toBe(then.solution);
    expect(now.consensus).not.toEqual(then.consensus);
    expect(now).toEqual(await fromScratch(after));
    expect(then).toEqual(await fromScratch(before));
  });
});
