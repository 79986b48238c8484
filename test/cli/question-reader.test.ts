import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { consensusOf, readQuestion, resolveQuestionId } from '../../src/cli/question-reader';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { seedOnFirstStart } from '../../src/ledger/import/seed-on-first-start';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { currentConsensusOf } from '../../src/read-side/current-consensus';
import { TimeTravel } from '../../src/read-side/time-travel.service';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { startAppOn, temporaryDirectory, updateRow, rows, type AppOnDir } from '../support/tamper';

/**
 * The CLI's read commands fold one question's stream and its sources' streams instead of starting
 * the application: they must read the same consensus the server's projections hold.
 */
describe("the CLI's one-question read path, on the reference debate", () => {
  const dir = temporaryDirectory('ledger-reader-');
  let app: AppOnDir;
  let store: SqliteEventStore;
  let ids: string[];

  beforeAll(async () => {
    app = await startAppOn(dir.path);
    await seedOnFirstStart(app.app, { ...app.config, seed: 'reference' }, { log: () => undefined } as never);
    await app.app.get(ProjectionRunner).readyForRead();
    ids = [...app.app.get(ProjectionRunner).view(questionsProjection).questions.keys()];
    store = new SqliteEventStore({ filename: `${dir.path}/ledger.db` });
  });
  afterAll(async () => {
    await store?.close();
    await app?.close();
    dir.remove();
  });

  it('computes the same consensus for every question as the live projection', async () => {
    const runner = app.app.get(ProjectionRunner);
    expect(ids.length).toBe(4);
    for (const id of ids) {
      const read = (await readQuestion(store, id))!;
      expect(consensusOf(read, app.config).consensus, id).toEqual(currentConsensusOf(runner, id).consensus);
      expect(read.position, id).toBe(currentConsensusOf(runner, id).position);
    }
  });

  it("computes the same consensus as of a moment as the API's time travel, on both axes", async () => {
    const timeTravel = app.app.get(TimeTravel);
    const main = ids[0]!;
    for (const asOf of [{ axis: 'occurred', time: new Date('2021-02-11T23:59:59.999Z') }, { axis: 'recorded', position: BigInt(rows(dir.path).find((r) => r.type === 'ClaimsRelated')!.position) }] as const) {
      const read = (await readQuestion(store, main, asOf))!;
      const expected = await timeTravel.consensusAsOf(main, asOf);
      expect(consensusOf(read, app.config, asOf).consensus).toEqual(expected.consensus);
      expect(read.question).toEqual(expected.question);
    }
  });

  it('resolves a question by an unambiguous start of its id, in any case', async () => {
    const id = ids[0]!;
    expect(await resolveQuestionId(store, app.config, id.slice(0, 6).toUpperCase())).toBe(id);
    expect(await resolveQuestionId(store, app.config, id)).toBe(id);
    await expect(resolveQuestionId(store, app.config, 'ffffffff')).rejects.toThrow('no question ffffffff');
    await expect(resolveQuestionId(store, app.config, '')).rejects.toThrow(/names 4 questions/);
  });

  it('honours nothing of a question stream from an event that fails its hash chain on', async () => {
    const main = ids[0]!;
    const before = (await readQuestion(store, main))!;
    const proposals = rows(dir.path).filter((r) => r.stream === `question-${main}` && r.type === 'ClaimProposed');
    const tampered = proposals[proposals.length - 1]!;
    // The text of the last claim changed in the file, its hash left as it was.
    updateRow(dir.path, tampered.position, (row) => ({ data: row.data.replace(/"text":"/, '"text":"Not what was said: ') }));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const after = (await readQuestion(store, main))!;
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`the event at position ${tampered.position}`));
      const claimId = (JSON.parse(tampered.data) as { claimId: string }).claimId;
      expect(before.question.claims.has(claimId)).toBe(true);
      expect(after.question.claims.has(claimId)).toBe(false);
      expect([...after.question.claims.values()].some((c) => c.text.startsWith('Not what was said'))).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });
});
