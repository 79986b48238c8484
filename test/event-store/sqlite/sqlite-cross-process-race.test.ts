import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { collect } from '../event-store.contract';

const root = resolve(__dirname, '../../..');
const directory = mkdtempSync(join(tmpdir(), 'ledger-race-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Within one process the SQLite adapter appends one at a time; the real race is between processes
// sharing the file (the server and the CLI, say). The write lock must let exactly one win.
describe('sqlite: racing writers in separate processes', () => {
  it('exactly one of six processes appending at the same expected revision wins', async () => {
    const filename = join(directory, 'race.db');
    const seed = new SqliteEventStore({ filename });
    await seed.append('contested', [{ id: randomUUID(), type: 'Opened', data: {} }], { expectedRevision: 'no_stream' });
    await seed.close();

    const children = Array.from({ length: 6 }, () =>
      spawn(process.execPath, ['-r', join(root, 'test/support/ts-register.cjs'), join(__dirname, 'race-append.child.ts'), filename, 'contested', '0'], {
        cwd: root,
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = children.map((child) => {
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      return {
        ready: new Promise<void>((r) => child.stdout.on('data', () => out.includes('ready') && r())),
        done: new Promise<string>((r) => child.on('exit', () => r(out.replace('ready\n', '').trim()))),
      };
    });
    await Promise.all(lines.map((l) => l.ready));
    children.forEach((child) => child.stdin.write('go\n'));
    const outcomes = await Promise.all(lines.map((l) => l.done));

    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'lost')).toHaveLength(5);
    const store = new SqliteEventStore({ filename });
    expect(await collect(store.readStream('contested'))).toHaveLength(2);
    await store.close();
  });
});
