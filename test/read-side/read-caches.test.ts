import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type LedgerConfig } from '../../src/config/ledger-config';
import { EVENT_STORE } from '../../src/event-store/event-store.port';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { QuestionTimelines, timelineBytes } from '../../src/read-side/question-timelines.service';
import { snapshotBytes, TimeTravel } from '../../src/read-side/time-travel.service';
import { startTestApp, type TestApp } from '../support/test-app';

/** Claims per question: each but the first with its relation, 260 events with the opening, past a snapshot's 256. */
const CLAIMS = 130;

describe('the read side caches are bounded by an estimate of their bytes (LRU)', () => {
  let t: TestApp;
  const questions: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    for (const title of ['Who paid the allowance?', 'Who ran the Office of External Relations?', 'Were the files opened?']) {
      const question = await t.http.post('/api/questions').send({ title }).expect(201);
      let previous: string | undefined;
      for (let i = 0; i < CLAIMS; i++) {
        const body = { text: `Claim number ${i}`, kind: 'answer', ...(previous ? { respondsTo: { claimId: previous, relation: 'supports' } } : {}) };
        const answer = await t.http.post(`/api/questions/${question.body.id}/claims`).send(body).expect(201);
        previous = answer.body.id;
      }
      questions.push(question.body.id);
    }
  }, 120_000);
  afterAll(() => t?.close());

  const withCaches = (caches: Partial<LedgerConfig['caches']>): LedgerConfig => ({ ...t.config, caches: { ...t.config.caches, idleMs: 0, ...caches } });
  const upToNow = async (timeTravel: TimeTravel, questionId: string) => {
    const runner = t.app.get(ProjectionRunner);
    return timeTravel.consensusAsOf(questionId, { axis: 'recorded', position: runner.position! });
  };

  it('time travel keeps the snapshots of the questions looked back at last, as many as fit its bytes', async () => {
    // Every question's stream ends at revision 2 × CLAIMS − 1 with as many claims: its snapshot, kept
    // with the answer computed on it, weighs the same.
    const [a, b, c] = questions as [string, string, string];
    const answer = await upToNow(new TimeTravel(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), t.config), a);
    const each = snapshotBytes({ revision: BigInt(2 * CLAIMS - 1), answer });
    expect(each).toBeGreaterThan(snapshotBytes({ revision: BigInt(2 * CLAIMS - 1) }));
    const timeTravel = new TimeTravel(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), withCaches({ timeTravelBytes: 2 * each + each / 2 }));
    await upToNow(timeTravel, a);
    await upToNow(timeTravel, b);
    expect(timeTravel.cached).toEqual({ bytes: 2 * each, questions: 2 });
    await upToNow(timeTravel, a); // a is now the most recently used: b goes first
    await upToNow(timeTravel, c);
    expect(timeTravel.cached).toEqual({ bytes: 2 * each, questions: 2 });
    const kept = (timeTravel as unknown as { snapshots: { has(id: string): boolean } }).snapshots;
    expect([a, b, c].map((id) => kept.has(id))).toEqual([true, false, true]);
  });

  it('time travel answers a question too big for the bound the same, keeping nothing', async () => {
    const small = new TimeTravel(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), withCaches({ timeTravelBytes: 1024 }));
    const big = new TimeTravel(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), t.config);
    expect(await upToNow(small, questions[0]!)).toEqual(await upToNow(big, questions[0]!));
    expect(small.cached).toEqual({ bytes: 0, questions: 0 });
  });

  it('timelines are kept for the questions asked for last, as many as fit their bytes, and one too big is answered but not kept', async () => {
    const each = timelineBytes({ entries: new Array(2 * CLAIMS) });
    const timelines = new QuestionTimelines(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), withCaches({ timelineBytes: 2 * each + each / 2 }));
    const [a, b, c] = questions as [string, string, string];
    const first = await timelines.timeline(a);
    expect(first).toHaveLength(2 * CLAIMS);
    await timelines.timeline(b);
    expect(timelines.cached).toEqual({ bytes: 2 * each, questions: 2 });
    await timelines.timeline(c);
    expect(timelines.cached).toEqual({ bytes: 2 * each, questions: 2 });
    // a was evicted: asked again, it is folded afresh, the same.
    expect(await timelines.timeline(a)).toEqual(first);

    const tiny = new QuestionTimelines(t.app.get(EVENT_STORE), t.app.get(ProjectionRunner), withCaches({ timelineBytes: 1024 }));
    expect(await tiny.timeline(a)).toEqual(first);
    expect(tiny.cached).toEqual({ bytes: 0, questions: 0 });
  });
});

describe('cache settings', () => {
  const base = { LEDGER_DATA_DIR: '/tmp/unused', LEDGER_SEED: 'none' };

  it('reads sizes with units and the idle time, with documented defaults', () => {
    expect(loadConfig(base).caches).toEqual({ consensusBytes: 256 * 1024 ** 2, timelineBytes: 64 * 1024 ** 2, timeTravelBytes: 64 * 1024 ** 2, idleMs: 300_000 });
    const config = loadConfig({ ...base, LEDGER_CACHE_CONSENSUS_BYTES: '1gb', LEDGER_CACHE_TIMELINE_BYTES: '512kb', LEDGER_CACHE_TIME_TRAVEL_BYTES: '4096', LEDGER_CACHE_IDLE_SECONDS: '0' });
    expect(config.caches).toEqual({ consensusBytes: 1024 ** 3, timelineBytes: 512 * 1024, timeTravelBytes: 4096, idleMs: 0 });
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadConfig({ ...base, LEDGER_CACHE_TIMELINE_BYTES: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, LEDGER_CACHE_TIMELINE_BYTES: '0' })).toThrow(/LEDGER_CACHE_TIMELINE_BYTES/);
    expect(() => loadConfig({ ...base, LEDGER_CACHE_IDLE_SECONDS: '-1' })).toThrow(/LEDGER_CACHE_IDLE_SECONDS/);
  });
});
