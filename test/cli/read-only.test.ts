import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

/** Each file of the directory: its name, size, modification time and a digest of its bytes. */
function contentsOf(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    const stat = statSync(path);
    files[name] = stat.isFile() ? `${stat.size} ${stat.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}` : 'directory';
  }
  return files;
}

const readCommands = (questionId: string) => [
  ['consensus', questionId.slice(0, 8)],
  ['consensus', questionId, '--format', 'json'],
  ['consensus', questionId, '--wide', '--as-of', '2021-02-11', '--axis', 'occurred'],
  ['export', questionId.slice(0, 8), '--format', 'markdown'],
  ['export', questionId, '--format', 'json'],
  ['replay', questionId, '--json'],
  ['questions'],
  ['questions', '--json', '--search', 'soviet'],
];

describe('read commands open the ledger read-only', () => {
  let ledger: Awaited<ReturnType<typeof ledgerWithSmallDebate>>;
  beforeAll(async () => {
    ledger = await ledgerWithSmallDebate();
  });
  afterAll(() => ledger.remove());

  it('consensus, export, replay and questions answer and leave every file of the data directory as it was', async () => {
    const before = contentsOf(ledger.env.LEDGER_DATA_DIR!);
    expect(Object.keys(before)).toContain('ledger.db');
    for (const args of readCommands(ledger.questionId)) {
      const run = await runCli(args, ledger.env);
      expect(run.code, `claims ${args.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stdout.length, `claims ${args.join(' ')}`).toBeGreaterThan(0);
      // Nothing added (no -wal or -shm left behind, no snapshot, no checkpoint), nothing changed.
      expect(contentsOf(ledger.env.LEDGER_DATA_DIR!), `after claims ${args.join(' ')}`).toEqual(before);
    }
  });

  it('while another process has the ledger open for writing, a read command shares its files and leaves them to it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-shared-'));
    try {
      copyFileSync(join(ledger.env.LEDGER_DATA_DIR!, 'ledger.db'), join(directory, 'ledger.db'));
      const writer = new SqliteEventStore({ filename: join(directory, 'ledger.db') });
      try {
        const open = readdirSync(directory).sort();
        expect(open).toEqual(['ledger.db', 'ledger.db-shm', 'ledger.db-wal']);
        const run = await runCli(['questions', '--json'], { LEDGER_DATA_DIR: directory });
        expect(run.code, run.stderr).toBe(0);
        expect((JSON.parse(run.stdout) as { id: string }[]).map((q) => q.id)).toEqual([ledger.questionId]);
        expect(readdirSync(directory).sort()).toEqual(open);
      } finally {
        await writer.close();
      }
      // The writer, last out, removed SQLite's files as it does when no reader made any of its own.
      expect(readdirSync(directory)).toEqual(['ledger.db']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("SqliteEventStore's readonly option", () => {
  const directory = mkdtempSync(join(tmpdir(), 'ledger-readonly-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('never creates a file: opening one that does not exist fails', () => {
    expect(() => new SqliteEventStore({ filename: join(directory, 'none.db'), readonly: true })).toThrow();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('reads what was written, refuses to append, and leaves the file as it was', async () => {
    const filename = join(directory, 'ledger.db');
    const writer = new SqliteEventStore({ filename });
    await writer.append('s-1', [{ id: '11111111-1111-4111-8111-111111111111', type: 'Noted', data: { n: 1 } }], { expectedRevision: 'no_stream' });
    await writer.close();
    const before = contentsOf(directory);

    const reader = new SqliteEventStore({ filename, readonly: true });
    const read = [];
    for await (const event of reader.readStream('s-1')) read.push(event.data);
    expect(read).toEqual([{ n: 1 }]);
    await expect(reader.append('s-1', [{ id: '22222222-2222-4222-8222-222222222222', type: 'Noted', data: { n: 2 } }], { expectedRevision: 0n })).rejects.toThrow(/read-only/);
    await reader.close();

    expect(contentsOf(directory)).toEqual(before);
  });
});
