import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app';

describe('reading your own writes', () => {
  it('serves a write at once, waits for ?minPosition=, and answers 503 past the read timeout', async () => {
    const t = await startTestApp({ LEDGER_READ_TIMEOUT_MS: '150' });
    try {
      const written = (await t.http.post('/api/questions').send({ title: 'Read me back' }).expect(201)).body;
      await t.http.get(`/api/questions/${written.id}?minPosition=${written.position}`).expect(200);
      await t.http.get(`/api/questions/${written.id}`).expect(200);

      const started = Date.now();
      const future = BigInt(written.position) + 1000n;
      const late = await t.http.get(`/api/questions/${written.id}/consensus?minPosition=${future}`).expect(503);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(late.body).toMatchObject({ status: 503, wantedPosition: future.toString(), position: written.position });

      const health = await t.anonymous.get('/health').expect(200);
      expect(health.body.info.projections).toMatchObject({ status: 'up', position: written.position, problems: [] });
    } finally {
      await t.close();
    }
  });
});
