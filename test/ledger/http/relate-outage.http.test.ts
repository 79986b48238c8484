import { EventStoreUnavailableError } from '../../../src/event-store/event-store.errors';
import { ProjectionRunner } from '../../../src/projection-runtime/projection-runner';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * Relating claims looks the `from` claim up in the views, catching up with the store on a miss. Only a
 * claim that is really not there is the client's mistake (422 naming fromClaimId): a store that does
 * not answer is an outage (503), never reported as a missing claim.
 */
describe('POST /api/claims/relations when the store does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('answers 503, not 422 unknown-claim, and 422 once the store answers again', async () => {
    const questionId = (await t.http.post('/api/questions').send({ title: 'Who paid?' }).expect(201)).body.id;
    const claimId = (await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'The NKVD', kind: 'answer' }).expect(201)).body.id;
    const unknown = '00000000-0000-4000-8000-000000000001';
    const runner = t.app.get(ProjectionRunner);
    const catchUp = vi.spyOn(runner, 'catchUp').mockRejectedValue(new EventStoreUnavailableError('the store is unavailable (test)'));
    try {
      const outage = await t.http.post('/api/claims/relations').send({ fromClaimId: unknown, toClaimId: claimId, relation: 'rebuts' });
      expect(outage.status).toBe(503);
      expect(JSON.stringify(outage.body)).not.toContain('unknown-claim');
    } finally {
      catchUp.mockRestore();
    }
    const missing = await t.http.post('/api/claims/relations').send({ fromClaimId: unknown, toClaimId: claimId, relation: 'rebuts' }).expect(422);
    expect(missing.body.type).toMatch(/unknown-claim/);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['fromClaimId']);
  });
});
