// Child process of the durability test: appends forever and reports each acknowledged append on
// stdout, until the parent kills it with SIGKILL.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';

async function main(): Promise<void> {
  const [filename, durability] = process.argv.slice(2);
  const store = new SqliteEventStore({ filename, durability: durability as 'FULL' | 'NORMAL' });
  for (let i = 0; ; i++) {
    const stream = `durability-${i % 7}`;
    const batch = Array.from({ length: 1 + (i % 3) }, (_, k) => ({
      id: randomUUID(),
      type: 'Appended',
      data: { i, k, padding: 'п'.repeat(200 + (i % 50)) },
    }));
    const result = await store.append(stream, batch, { expectedRevision: 'any' });
    process.stdout.write(`${JSON.stringify({ ids: batch.map((e) => e.id), position: result.position.toString() })}\n`);
  }
}

void main();
