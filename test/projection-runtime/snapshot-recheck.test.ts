import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { readLocalCheckpoint } from '../../src/ledger/integrity/checkpoint';
import { BLOCK_SIZE } from '../../src/ledger/integrity/merkle';
import { ProjectionRunner, type SnapshotCheckStatus } from '../../src/projection-runtime/projection-runner';
import type { Snapshot } from '../../src/projection-runtime/snapshot-file';
import { copyOf, reseal, rows, startAppOn, temporaryDirectory, updateRow, withFile, type AppOnDir, writeLedgerOfClaims } from '../support/tamper';
import { TEST_ADMIN_TOKEN } from '../support/test-app';

/**
 * A server started from a snapshot takes the views, chains and tree the snapshot holds as read. It
 * reads the stored log below the snapshot again in the background, without holding up its start,
 * and reports what no longer matches the root the snapshot recorded as it reports an event that
 * fails as it is read: by position in the log and on /health, the stream refused from then on.
 */
const root = temporaryDirectory('ledger-snapshot-recheck-');
afterAll(() => root.remove());

let pristine: string;
let questionId: string;
let stream: string;

beforeAll(async () => {
  pristine = join(root.path, 'pristine');
  questionId = await writeLedgerOfClaims(pristine);
  stream = `question-${questionId}`;
}, 180_000);

/** Starts the application on a data directory, returning as soon as it is initialised (before any request). */
async function start(dir: string): Promise<AppOnDir & { runner: ProjectionRunner; recheck: () => Promise<SnapshotCheckStatus> }> {
  const t = await startAppOn(dir);
  const runner = t.app.get(ProjectionRunner);
  const recheck = async () => {
    await (runner as unknown as { snapshotCheck?: { done?: Promise<void> } }).snapshotCheck?.done;
    return runner.integrity.snapshot!;
  };
  return { ...t, runner, recheck };
}

describe('the snapshot', () => {
  it('records the size and root of the tree at its position: the root of the ledger’s checkpoint of the same log', () => {
    const snapshot = deserialize(readFileSync(join(pristine, 'projections.snapshot'))) as Snapshot;
    const checkpoint = readLocalCheckpoint(pristine)!;
    expect(snapshot.tree).toEqual({ size: rows(pristine).length, rootHash: checkpoint.rootHash });
    expect(snapshot.tree!.size).toBeGreaterThan(BLOCK_SIZE);
    expect(snapshot.position.toString()).toBe(checkpoint.lastPosition);
  });
});

describe('a start from a snapshot', () => {
  it('is ready before the log below the snapshot is re-checked, which then finds it sound', async () => {
    const dir = copyOf(pristine, root.path, 'untouched');
    // Initialised by hand (no request, no timer in between): the re-check has not had a turn of the event loop yet.
    const config = loadConfig({ LEDGER_DATA_DIR: dir, PORT: '0', LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    const app = await createApp(config, { logger: false });
    try {
      await app.init();
      const runner = app.get(ProjectionRunner);
      expect(runner.integrity.snapshot).toMatchObject({ state: 'checking', position: String(rows(dir).at(-1)!.position) });
      await (runner as unknown as { snapshotCheck: { done: Promise<void> } }).snapshotCheck.done;
      expect(runner.integrity.snapshot).toMatchObject({ state: 'verified', checked: rows(dir).length, problem: null });
      expect(runner.integrity.breaks).toEqual([]);
      console.log(`snapshot re-check: ${rows(dir).length} events, longest slice ${runner.recheckLongestSliceMs.toFixed(1)} ms`);
    } finally {
      await app.close();
    }
    const t = await start(dir);
    try {
      expect((await t.recheck()).state).toBe('verified');
      const health = await t.http.get('/health').expect(200);
      expect(health.body.details.integrity.snapshot).toMatchObject({ state: 'verified', problem: null });
    } finally {
      await t.close();
    }
  });

  it('catches an old event edited below the snapshot, names it by position, and honours nothing of it', async () => {
    const dir = copyOf(pristine, root.path, 'edited');
    const claim = rows(dir).find((r) => r.stream === stream && r.type === 'ClaimProposed')!;
    updateRow(dir, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'The Comintern paid it all' }) }));
    const errors = vi.spyOn(Logger.prototype, 'error');
    const t = await start(dir);
    try {
      const status = await t.recheck();
      expect(status.state).toBe('failed');
      const refusedAfter = rows(dir).filter((r) => r.stream === stream && r.revision > claim.revision).length;
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.status).toBe('down');
      expect(health.body.details.integrity.breaks).toEqual([
        expect.objectContaining({ position: String(claim.position), eventId: claim.id, stream, revision: String(claim.revision), refusedAfter, problem: expect.stringMatching(/hash does not match the content.*below the snapshot/) }),
      ]);
      // Its leaf in the tree (position, id, time, hash) is unchanged: the chain, not the root, names it.
      expect(status.problem).toBeNull();
      const logged = errors.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain(`integrity: refused the event at position ${claim.position} (${claim.id}, stream ${stream}, revision ${claim.revision})`);
      // The views hold what was verified when the snapshot was written; nothing is signed or written on top.
      const question = (await t.http.get(`/api/questions/${questionId}`).expect(200)).body;
      expect(JSON.stringify(question)).not.toContain('Comintern');
      await t.http.get('/api/checkpoints/latest').expect(409);
      await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'On top of it', kind: 'answer' }).expect(409);
      await t.http.post('/api/questions').send({ title: 'Elsewhere, writes go on', tags: [] }).expect(201);
    } finally {
      errors.mockRestore();
      await t.close();
    }
    // The ledger's checkpoint was not signed again over the changed log.
    expect(readLocalCheckpoint(dir)).toEqual(readLocalCheckpoint(pristine));
  });

  it('catches a stream rewritten and sealed again below the snapshot, and its last events deleted, by stream and position', async () => {
    const resealed = copyOf(pristine, root.path, 'resealed');
    const claim = rows(resealed).filter((r) => r.stream === stream && r.type === 'ClaimProposed')[3]!;
    updateRow(resealed, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'Nobody paid it' }) }));
    reseal(resealed, stream, claim.revision);
    const head = rows(resealed).filter((r) => r.stream === stream).at(-1)!;
    let t = await start(resealed);
    try {
      const status = await t.recheck();
      expect(status.state).toBe('failed');
      expect(t.runner.integrity.breaks).toEqual([
        expect.objectContaining({ stream, revision: String(head.revision), position: String(head.position), problem: expect.stringMatching(/were rewritten and sealed again below the snapshot/) }),
      ]);
      expect(status.problem).toMatch(/no longer hashes to the root/);
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.snapshot.state).toBe('failed');
    } finally {
      await t.close();
    }

    const cut = copyOf(pristine, root.path, 'cut');
    const last = rows(cut).filter((r) => r.stream === stream).slice(-2);
    withFile(cut, (db) => db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(last[0]!.position, last[1]!.position));
    t = await start(cut);
    try {
      const status = await t.recheck();
      expect(status.problem).toMatch(/the log holds \d+ events up to position \d+, where the snapshot .* read \d+: 2 were deleted/);
      expect(t.runner.integrity.breaks).toEqual([expect.objectContaining({ stream, problem: expect.stringMatching(new RegExp(`its events after revision ${last[0]!.revision - 1} .* were deleted below the snapshot`)) })]);
      await t.http.get('/health').expect(503);
    } finally {
      await t.close();
    }
  });
});
