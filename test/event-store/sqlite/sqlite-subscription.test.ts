import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { collect, event } from '../event-store.contract';

const directory = mkdtempSync(join(tmpdir(), 'ledger-subscription-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// A live subscription takes the rows its own instance appends without reading them back; another
// instance on the file (another process) writes between them, so positions it has not been handed
// must still be read, in order, once each.
describe('sqlite: live subscription with writers in this instance and another', () => {
  it('delivers every event once, in position order, as a read returns it', async () => {
    const filename = join(directory, 'shared.db');
    const here = new SqliteEventStore({ filename, pollIntervalMs: 10 });
    const there = new SqliteEventStore({ filename, pollIntervalMs: 10 });
    await here.append('seed', [event('Seed')], { expectedRevision: 'no_stream' });

    const subscription = here.subscribeAll();
    const received: RecordedEvent[] = [];
    const total = 1 + 3 * 40;
    const reading = (async () => {
      for await (const item of subscription) {
        if (item.kind === 'event') received.push(item.event);
        if (received.length === total) break;
      }
    })();

    for (let i = 0; i < 40; i++) {
      await here.append('here', [event('Here', { i }), event('Here', { i, second: true })], { expectedRevision: 'any' });
      await there.append('there', [event('There', { i })], { expectedRevision: 'any' });
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    await reading;

    const stored = await collect(here.readAll());
    expect(received).toEqual(stored);
    await subscription.close();
    await here.close();
    await there.close();
  });
});
