import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { startTestApp, type TestApp } from '../support/test-app';

describe('snapshot pacing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_SNAPSHOT_EVERY: '1', LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  });
  afterAll(() => t?.close());

  it('waits fifty times as long as the last snapshot took before writing the next', async () => {
    const runner = t.app.get(ProjectionRunner);
    const file = (runner as unknown as { snapshots: { save: (snapshot: unknown) => void } }).snapshots;
    // The fake clock starts an hour after the real one (which the runner read when it started and
    // took its first snapshot), so the test holds whatever today's date is.
    let clock = Date.now() + 3_600_000;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const save = vi.spyOn(file, 'save').mockImplementation(() => {
      clock += 100; // a snapshot that takes 100 ms
    });
    try {
      const write = async (title: string) => {
        const answer = await t.http.post('/api/questions').send({ title }).expect(201);
        await runner.readyForRead(BigInt(answer.body.position));
      };
      await write('The first question, which a snapshot follows');
      expect(save).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 5; i++) await write(`Question ${i}, within five seconds of that snapshot`);
      expect(save).toHaveBeenCalledTimes(1);
      clock += 5_000;
      await write('A question five seconds later');
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
