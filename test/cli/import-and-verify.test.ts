import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { collect } from '../event-store/event-store.contract';
import { runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const fixture = join(__dirname, '../fixtures/small-debate.yaml');

async function storedEvents(dataDir: string) {
  const store = new SqliteEventStore({ filename: join(dataDir, 'ledger.db') });
  try {
    return await collect(store.readAll());
  } finally {
    await store.close();
  }
}

describe('claims import', () => {
  it('appends a debate once, however often it is imported', async () => {
    const env = { LEDGER_DATA_DIR: join(directory, 'twice') };
    const first = await runCli(['import', fixture], env);
    // The first use of an empty ledger creates its admin and shows the token, once.
    expect(first.stderr).toMatch(/created the admin principal "admin"\. Its bearer token, shown this once:\s+clt_\S{43}/);
    // Which ledger it used is said on standard error: standard output stays the command's own.
    expect(first.stderr).toContain(`claims: new ledger in ${env.LEDGER_DATA_DIR} (LEDGER_DATA_DIR)`);
    expect(first.stdout).not.toContain('LEDGER_DATA_DIR');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/4 entries; 4 appended \(5 events\), 0 already in the ledger/);
    const after = (await storedEvents(env.LEDGER_DATA_DIR)).filter((e) => e.stream !== 'accounts');
    expect(after).toHaveLength(5);

    const second = await runCli(['import', fixture], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 appended \(0 events\), 4 already in the ledger/);
    expect(second.stderr).toBe(`claims: ledger in ${env.LEDGER_DATA_DIR} (LEDGER_DATA_DIR)\n`);
    expect(await storedEvents(env.LEDGER_DATA_DIR)).toHaveLength(7);
    expect(after.find((e) => e.type === 'ClaimProposed')?.metadata).toMatchObject({
      attributedTo: { name: 'Silvia Ribelles de la Vega' },
      recordedBy: { id: expect.any(String), name: 'admin' },
      occurredAt: '2021-02-10T08:02:00.000Z',
    });
  });

  it('writes nothing from an invalid file, and names each error with its entry and field (exit 1)', async () => {
    const env = { LEDGER_DATA_DIR: join(directory, 'invalid') };
    const bad = join(directory, 'bad.yaml');
    writeFileSync(bad, readFileSync(fixture, 'utf8').replace('kind: background', 'kind: rumour').replace('question: q\n    text: The', 'question: nowhere\n    text: The'));
    const run = await runCli(['import', bad], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('entries[2] (allowance): kind: must be one of: answer, hypothesis, background');
    expect(run.stderr).toContain('entries[3] (budget): question: "nowhere" is not the key of an earlier entry');
    expect(existsSync(join(env.LEDGER_DATA_DIR, 'ledger.db'))).toBe(false);
  });

  it('answers a usage error with exit 2 and --help with exit 0', async () => {
    const usage = await runCli(['import'], { LEDGER_DATA_DIR: join(directory, 'usage') });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument/);
    const help = await runCli(['import', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: claims import/);
  });
});

describe('claims verify', () => {
  it('passes on a clean ledger and names the event after one byte of the SQLite file is changed', async () => {
    const env = { LEDGER_DATA_DIR: join(directory, 'verify') };
    expect((await runCli(['import', fixture], env)).code).toBe(0);
    const clean = await runCli(['verify'], env);
    expect(clean.code).toBe(0);
    // 5 events of the debate in 2 streams, and the accounts stream (the admin and its token).
    expect(clean.stdout).toMatch(/^ok: 7 events in 3 hash-chained streams verified/);

    const target = (await storedEvents(env.LEDGER_DATA_DIR)).find((e) => e.data.text === 'The allowance was a budgetary device.')!;
    const file = join(env.LEDGER_DATA_DIR, 'ledger.db');
    const original = readFileSync(file);
    // SQLite may keep stale copies of a row in free pages; change one byte in one copy at a time
    // until the live one is hit. Each attempt differs from the clean file by exactly one byte.
    const needle = Buffer.from('budgetary device');
    let broken = clean;
    for (let at = original.indexOf(needle); at >= 0 && broken.code === 0; at = original.indexOf(needle, at + 1)) {
      const bytes = Buffer.from(original);
      bytes[at] = 'B'.charCodeAt(0); // "budgetary" becomes "Budgetary"
      writeFileSync(file, bytes);
      broken = await runCli(['verify'], env);
    }
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`event ${target.id}`);
    expect(broken.stderr).toContain('hash does not match the content');
  });
});
