import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { collect } from '../event-store.contract';

const root = resolve(__dirname, '../../..');
const directory = mkdtempSync(join(tmpdir(), 'ledger-durability-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Acknowledged {
  ids: string[];
  position: string;
}

/** Runs the appending child until it has acknowledged `atLeast` appends, then kills it with SIGKILL. */
function appendThenKill(filename: string, durability: 'FULL' | 'NORMAL', atLeast: number, extraMs: number): Promise<Acknowledged[]> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'test/support/ts-register.cjs'), join(__dirname, 'append-until-killed.child.ts'), filename, durability],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acknowledged: Acknowledged[] = [];
    let buffer = '';
    let stderr = '';
    let killScheduled = false;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) acknowledged.push(JSON.parse(line) as Acknowledged);
      if (!killScheduled && acknowledged.length >= atLeast) {
        killScheduled = true;
        // Kill at an arbitrary moment while appends are in flight.
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without being killed: ${stderr}`));
      // A partial last line was not acknowledged: it is deliberately ignored.
      resolveRun(acknowledged);
    });
  });
}

describe('sqlite durability', () => {
  for (const [durability, round] of [
    ['FULL', 0],
    ['FULL', 1],
    ['NORMAL', 2],
  ] as const) {
    it(`keeps every acknowledged append when the process is killed with SIGKILL (synchronous=${durability}, run ${round + 1})`, async () => {
      const filename = join(directory, `kill-${round}.db`);
      const acknowledged = await appendThenKill(filename, durability, 150 + round * 100, 7 + round * 13);
      expect(acknowledged.length).toBeGreaterThanOrEqual(150);

      const store = new SqliteEventStore({ filename });
      try {
        expect(store.integrityCheck()).toBe('ok');
        const stored = await collect(store.readAll());
        const storedIds = new Set(stored.map((e) => e.id));
        const missing = acknowledged.flatMap((a) => a.ids).filter((id) => !storedIds.has(id));
        expect(missing).toEqual([]);
        for (let i = 1; i < stored.length; i++) expect(stored[i].position > stored[i - 1].position).toBe(true);
        // The file still takes appends after the crash.
        const head = await store.headPosition();
        const result = await store.append('after-crash', [{ id: crypto.randomUUID(), type: 'Reopened', data: {} }], {
          expectedRevision: 'no_stream',
        });
        expect(result.position > head!).toBe(true);
      } finally {
        await store.close();
      }
    });
  }
});
