import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, setCliTimeouts } from '../support/run-cli';

setCliTimeouts();

const directory = mkdtempSync(join(tmpdir(), 'ledger-cli-dir-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Commands that only read: none may create a ledger where there is none. */
const READ_COMMANDS = [
  ['consensus', '00000000'],
  ['export', '00000000', '--format', 'json'],
  ['replay', '00000000'],
  ['questions'],
  ['verify'],
  ['checkpoint'],
  ['public-key'],
  ['rebuild'],
  ['principal', 'list'],
  ['token', 'list', 'admin'],
  ['token', 'revoke', '00000000-0000-0000-0000-000000000000'],
];

describe('the data directory the CLI uses', () => {
  it('a read command where there is no ledger exits 2, naming the directory and LEDGER_DATA_DIR, and creates nothing', async () => {
    const missing = join(directory, 'missing');
    const empty = join(directory, 'empty');
    mkdirSync(empty);
    const runs = await Promise.all(
      [missing, empty].flatMap((dataDir) => READ_COMMANDS.map(async (args) => ({ dataDir, args, run: await runCli(args, { LEDGER_DATA_DIR: dataDir }) }))),
    );
    for (const { dataDir, args, run } of runs) {
      const what = `claims ${args.join(' ')} in ${dataDir}`;
      expect(run.code, `${what}: ${run.stderr}`).toBe(2);
      expect(run.stderr, what).toContain(`no ledger in ${dataDir} (LEDGER_DATA_DIR)`);
      expect(run.stderr, what).not.toMatch(/\n\s+at /);
      expect(run.stdout, what).toBe('');
    }
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('a data directory that is a file is refused in one line, with no stack trace', async () => {
    const file = join(directory, 'a-file');
    writeFileSync(file, 'not a directory');
    for (const args of [['verify'], ['principal', 'add', 'ada', '--role', 'admin']]) {
      const run = await runCli(args, { LEDGER_DATA_DIR: file });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([`claims: LEDGER_DATA_DIR: ${file} is a file, not a directory; set LEDGER_DATA_DIR to a directory this user can write to`]);
    }
  });
});
