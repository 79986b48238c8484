// Child process of the cross-process race test: opens the shared file, says "ready", waits for "go"
// on stdin, then appends with the expected revision it was given and reports won or lost.
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../../../src/event-store/event-store.errors';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';

const [filename, stream, expected] = process.argv.slice(2);
const store = new SqliteEventStore({ filename });
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  try {
    await store.append(stream, [{ id: randomUUID(), type: 'Raced', data: { pid: process.pid } }], {
      expectedRevision: BigInt(expected),
    });
    process.stdout.write('won\n');
  } catch (error) {
    process.stdout.write(error instanceof WrongExpectedRevisionError ? 'lost\n' : `error ${String(error)}\n`);
  } finally {
    await store.close();
    process.exit(0);
  }
});
