import { describe, expect, it } from 'vitest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp } from '../support/test-app';

describe('GET /health', () => {
  it('answers 200 with the store once it answers, and 503 naming the store when it does not', async () => {
    const t = await startTestApp();
    try {
      const ok = await t.http.get('/health').expect(200);
      expect(ok.body).toMatchObject({ status: 'ok', store: 'sqlite', info: { store: { status: 'up' } } });

      // The real store, made to fail its ping as an unreachable server would.
      const store = t.app.get<EventStore>(EVENT_STORE);
      const ping = store.ping.bind(store);
      store.ping = async () => {
        throw new Error('connection refused');
      };
      const down = await t.http.get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 503, store: 'sqlite' });
      expect(JSON.stringify(down.body)).toContain('connection refused');
      store.ping = ping;
    } finally {
      await t.close();
    }
  });
});
