import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { collect, event } from '../event-store.contract';

// The contract lets a store leave `positions` out; the embedded store always names them, which
// spares the write side a read after appending several commands at once.
describe('sqlite: the positions of an append', () => {
  it('names every event’s position, for a first append and for its retry', async () => {
    const store = new SqliteEventStore({ filename: ':memory:' });
    try {
      await store.append('other', [event()], { expectedRevision: 'no_stream' });
      const batch = [event(), event(), event()];
      const appended = await store.append('s', batch, { expectedRevision: 'no_stream' });
      const read = (await collect(store.readStream('s'))).map((e) => e.position);
      expect(appended.positions).toEqual(read);
      expect(await store.append('s', batch, { expectedRevision: 'no_stream' })).toEqual(appended);
    } finally {
      await store.close();
    }
  });
});
