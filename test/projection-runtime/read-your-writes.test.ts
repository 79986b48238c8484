import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app';

describe('reading your own writes', () => {
  it('serves a write at once, waits for ?minPosition=, and refuses a position beyond the head at once with 400', async () => {
    const t = await startTestApp({ LEDGER_READ_TIMEOUT_MS: '150' });
    try {
      const written = (await t.http.post('/api/questions').send({ title: 'Read me back' }).expect(201)).body;
      await t.http.get(`/api/questions/${written.id}?minPosition=${written.position}`).expect(200);
      await t.http.get(`/api/questions/${written.id}`).expect(200);

      // Issue 15: a position no write has answered used to wait out the read timeout, then answer 503.
      const future = BigInt(written.position) + 1000n;
      const late = await t.http.get(`/api/questions/${written.id}/consensus?minPosition=${future}`).expect(400);
      expect(late.body).toMatchObject({ status: 400, errors: [{ field: 'minPosition' }] });

      const health = await t.anonymous.get('/health').expect(200);
      expect(health.body.info.projections).toMatchObject({ status: 'up', position: written.position, problems: [] });
    } finally {
      await t.close();
    }
  });
});
