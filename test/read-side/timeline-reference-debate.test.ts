import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionStream, sourceStream } from '../../contract/event-catalogue';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { projectedEvent } from '../../src/projection-runtime/projected-event';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { presentTimelineEntry } from '../../src/read-side/consensus-presenter';
import { consensusSettingsFor } from '../../src/read-side/current-consensus';
import { QuestionTimelines } from '../../src/read-side/question-timelines.service';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourceLookupAsOf } from '../../projections/sources/source-lookup';
import { sourcesProjection } from '../../projections/sources/sources.projection';
import { QuestionHistory, type TimelineEntry } from '../../projections/timeline/question-history';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The timelines the read side serves (folded with brief claims' entries) against the full fold of
 * the same events, on the reference debate (examples/wais-soviet-red-cross.yaml): byte for byte.
 */
describe('the timelines of the reference debate', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await seedOnFirstStart(t.app, { ...t.config, seed: 'reference' }, { log: () => undefined } as never);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The question's history as the full fold gives it: its stream and the re-appraisals of the sources it cites, in log order. */
  async function fullTimeline(questionId: string): Promise<TimelineEntry[]> {
    const runner = t.app.get(ProjectionRunner);
    const store = t.app.get<EventStore>(EVENT_STORE);
    const events: RecordedEvent[] = [];
    for await (const recorded of store.readStream(questionStream(questionId))) events.push(recorded);
    const question = runner.view(questionsProjection).questions.get(questionId)!;
    for (const sourceId of new Set([...question.evidence.values()].map((e) => e.sourceId))) {
      for await (const recorded of store.readStream(sourceStream(sourceId))) if (recorded.type === 'SourceAppraised') events.push(recorded);
    }
    events.sort((a, b) => (a.position < b.position ? -1 : 1));
    const history = new QuestionHistory(questionId, consensusSettingsFor(t.config));
    const entries: TimelineEntry[] = [];
    for (const recorded of events) {
      const step = history.step(projectedEvent(recorded)!, sourceLookupAsOf(runner.view(sourcesProjection), { axis: 'recorded', position: recorded.position }));
      if (step) entries.push(step.entry);
    }
    return entries;
  }

  it('are, for every question, byte for byte what the full fold gives', async () => {
    const questions = [...t.app.get(ProjectionRunner).view(questionsProjection).questions.keys()];
    expect(questions.length).toBeGreaterThan(1);
    let changes = 0;
    for (const id of questions) {
      const served = await t.app.get(QuestionTimelines).timeline(id);
      const full = await fullTimeline(id);
      expect(served.length).toBe(full.length);
      expect(JSON.stringify(served.map(presentTimelineEntry))).toBe(JSON.stringify(full.map(presentTimelineEntry)));
      changes += served.reduce((sum, entry) => sum + entry.changes.length, 0);
    }
    // The debate moves labels and statuses: the comparison was of real changes.
    expect(changes).toBeGreaterThan(50);
  });
});
