import { createPublicKey } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, type Checkpoint } from '../../src/ledger/integrity/checkpoint';
import { keyIdOf } from '../../src/ledger/integrity/signing-key';
import { ledgerWithSmallDebate, runCli, setCliTimeouts } from '../support/run-cli';
import { copyOf, reseal, rows, temporaryDirectory, updateRow, withFile } from '../support/tamper';

setCliTimeouts();

const root = temporaryDirectory('ledger-cli-tamper-');
let ledger: Awaited<ReturnType<typeof ledgerWithSmallDebate>>;
let kept: string;
let checkpoint: Checkpoint;

beforeAll(async () => {
  ledger = await ledgerWithSmallDebate();
  kept = join(root.path, 'kept.json');
  const signed = await runCli(['checkpoint', '--out', kept], ledger.env);
  expect(signed.code, signed.stderr).toBe(0);
  checkpoint = parseCheckpoint(readFileSync(kept, 'utf8'));
});
afterAll(() => {
  ledger?.remove();
  root.remove();
});

/** A copy of the ledger to tamper with, read afresh by the CLI (no projection snapshot to start from). */
function copy(name: string): { env: Record<string, string>; dir: string } {
  const dir = copyOf(ledger.env.LEDGER_DATA_DIR!, root.path, name);
  rmSync(join(dir, 'projections.snapshot'), { force: true });
  return { dir, env: { LEDGER_DATA_DIR: dir } };
}

describe('claims checkpoint and claims public-key', () => {
  it('sign the head of a sound log with the key the public key checks', async () => {
    expect(checkpoint.treeSize).toBe(7);
    const streams = Object.keys(checkpoint.streams!).sort();
    expect(streams).toHaveLength(3);
    expect(streams).toEqual(expect.arrayContaining(['accounts', `question-${ledger.questionId}`]));
    expect(streams.find((s) => s.startsWith('source-'))).toBeDefined();
    const printed = await runCli(['public-key'], ledger.env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    expect(keyIdOf(createPublicKey(printed.stdout))).toBe(checkpoint.keyId);
    expect(printed.stderr).toContain(`Ed25519 key ${checkpoint.keyId}`);
    // The key file is readable by its owner only.
    expect(readFileSync(join(ledger.env.LEDGER_DATA_DIR!, 'signing-key.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(statSync(join(ledger.env.LEDGER_DATA_DIR!, 'signing-key.pem')).mode & 0o777).toBe(0o600);

    const clean = await runCli(['verify', '--against', kept], ledger.env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain(`ok: the log extends ${kept}: its first 7 events hash to the root signed ${checkpoint.timestamp}.`);
  });
});

describe('claims verify catches, naming the event or position', () => {
  it('deleted events at the end of a stream', async () => {
    const { dir, env } = copy('tail');
    const stream = `question-${ledger.questionId}`;
    const last = rows(dir).filter((r) => r.stream === stream).at(-1)!;
    withFile(dir, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(last.position));
    const run = await runCli(['verify'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`BROKEN: stream ${stream} at revision ${last.revision} (position ${last.position}): its events after revision ${last.revision - 1}`);
    expect(run.stderr).toMatch(/1 were deleted/);
  });

  it('a chain sealed again, against a checkpoint kept elsewhere; and nothing is signed over a broken log', async () => {
    const { dir, env } = copy('resealed');
    const stream = `question-${ledger.questionId}`;
    const claim = rows(dir).find((r) => r.type === 'ClaimProposed')!;
    updateRow(dir, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'Nobody paid it' }) }));
    reseal(dir, stream, claim.revision);
    // The ledger's own checkpoint gone too: only the one kept elsewhere remembers.
    rmSync(join(dir, 'checkpoint.json'));
    const alone = await runCli(['verify'], env);
    expect(alone.code, alone.stderr).toBe(0);
    expect(alone.stderr).toContain('no checkpoint to compare the log with');
    const against = await runCli(['verify', '--against', kept], env);
    expect(against.code).toBe(1);
    const head = checkpoint.streams![stream]!;
    expect(against.stderr).toContain(`BROKEN: stream ${stream} at revision ${head[0]} (position ${head[1]}): its events up to revision ${head[0]} (the last at position ${head[1]}) were rewritten and sealed again`);

    const { dir: edited, env: editedEnv } = copy('edited');
    updateRow(edited, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'Nobody paid it' }) }));
    const refused = await runCli(['checkpoint', '--out', join(root.path, 'never.json')], editedEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`BROKEN: event ${claim.id} (position ${claim.position}): hash does not match the content`);
    expect(refused.stderr).toContain('no checkpoint is signed over it');
  });

  it('a checkpoint that cannot be read is a usage error; one signed by another key is a break', async () => {
    const missing = await runCli(['verify', '--against', join(root.path, 'missing.json')], ledger.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--against .*missing\.json: cannot be read \(ENOENT\)/);
    const forged = join(root.path, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...checkpoint, rootHash: 'f'.repeat(64) }));
    const run = await runCli(['verify', '--against', forged], ledger.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/its signature does not verify with the ledger's key .*: the checkpoint was altered or forged/);
  });
});
