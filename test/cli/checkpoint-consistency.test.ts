import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, type Checkpoint } from '../../src/ledger/integrity/checkpoint';
import { verifyConsistency } from '../../src/ledger/integrity/merkle';
import type { ConsistencyProof } from '../../src/ledger/integrity/tree-reader';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';
import { ROOT } from '../support/run-service';
import { temporaryDirectory } from '../support/tamper';

setCliTimeouts();

/**
 * `claims checkpoint --consistent-with OLD --proof FILE` and `claims verify --against OLD`: an old
 * checkpoint checked against the log now by a consistency proof, and the proof written for a third
 * party, who checks it with the script docs/tamper-evidence.md prints.
 */
const documented = /<!-- verify-consistency\.mjs[^>]*-->\n```js\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'docs/tamper-evidence.md'), 'utf8'))?.[1];
const root = temporaryDirectory('ledger-cli-consistency-');
let ledger: Awaited<ReturnType<typeof ledgerWithSmallDebate>>;
let older: Checkpoint;
const file = (name: string) => join(root.path, name);

beforeAll(async () => {
  expect(documented).toBeDefined();
  writeFileSync(file('verify-consistency.mjs'), documented!);
  ledger = await ledgerWithSmallDebate();
  const signed = await runCli(['checkpoint', '--out', file('old.json')], ledger.env);
  expect(signed.code, signed.stderr).toBe(0);
  older = parseCheckpoint(readFileSync(file('old.json'), 'utf8'));
  // The log grows: a principal and a token are events of the accounts stream.
  for (const args of [['principal', 'add', 'Boris Volodarsky', '--role', 'contributor'], ['token', 'create', 'Boris Volodarsky']]) {
    const run = await runCli(args, ledger.env);
    expect(run.code, run.stderr).toBe(0);
  }
});
afterAll(() => {
  ledger?.remove();
  root.remove();
});

describe('claims checkpoint --consistent-with', () => {
  it('signs a new checkpoint, shows the old log is a prefix of it, and writes a proof the documented script accepts', async () => {
    const run = await runCli(['checkpoint', '--out', file('new.json'), '--consistent-with', file('old.json'), '--proof', file('proof.json')], ledger.env);
    expect(run.code, run.stderr).toBe(0);
    const newer = parseCheckpoint(readFileSync(file('new.json'), 'utf8'));
    expect(newer.treeSize).toBeGreaterThan(older.treeSize);
    expect(run.stderr).toMatch(new RegExp(`the ${older.treeSize}-event log of .*old\\.json \\(signed ${older.timestamp}\\) is a prefix of this one: consistency proof of \\d+ hash`));
    const proof = JSON.parse(readFileSync(file('proof.json'), 'utf8')) as ConsistencyProof & { checkpoint: Checkpoint };
    expect(proof).toMatchObject({ fromSize: older.treeSize, toSize: newer.treeSize, fromRoot: older.rootHash, toRoot: newer.rootHash });
    expect(proof.checkpoint).toMatchObject({ treeSize: newer.treeSize, rootHash: newer.rootHash, signature: newer.signature });
    expect(verifyConsistency(proof.fromSize, proof.toSize, Buffer.from(older.rootHash, 'hex'), Buffer.from(newer.rootHash, 'hex'), proof.consistencyPath.map((h) => Buffer.from(h, 'hex')))).toBe(true);

    // A third party with the two checkpoints, the proof and the public key.
    const key = await runCli(['public-key'], ledger.env);
    writeFileSync(file('key.pem'), key.stdout);
    const check = spawnSync(process.execPath, [file('verify-consistency.mjs'), file('proof.json'), file('key.pem'), file('old.json'), file('new.json')], { encoding: 'utf8' });
    expect(check.stdout).toMatch(new RegExp(`^ok: the ${older.treeSize}-event log signed ${older.timestamp} is a prefix of the ${newer.treeSize}-event log`));
    expect(check.status).toBe(0);

    // claims verify --against checks the same proof from the kept checkpoint.
    const verified = await runCli(['verify', '--against', file('old.json')], ledger.env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`ok: consistency proof \\(RFC 9162\\) from .*old\\.json to the ${newer.treeSize} events now: \\d+ hash`));
  });

  it('refuses an old checkpoint the log does not extend, and --proof without it', async () => {
    // An old checkpoint of another log (its root changed and signed by nobody): nothing is signed.
    writeFileSync(file('other.json'), JSON.stringify({ ...older, rootHash: 'ab'.repeat(32) }));
    const refused = await runCli(['checkpoint', '--out', file('never.json'), '--consistent-with', file('other.json')], ledger.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/BROKEN: .*its signature does not verify/);
    expect(existsSync(file('never.json'))).toBe(false);
    const usage = await runCli(['checkpoint', '--proof', file('p.json')], ledger.env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--proof: needs --consistent-with FILE/);
    const missing = await runCli(['checkpoint', '--consistent-with', file('missing.json')], ledger.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--consistent-with .*missing\.json: cannot be read \(ENOENT\)/);
  });
});
