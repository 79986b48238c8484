import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/create-app';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../../src/projection-runtime/projection-runner';
import { projectionsFor } from '../../src/projection-runtime/projections.registry';
import { copyOf, rows, temporaryDirectory, updateRow, writeLedgerOfClaims } from '../support/tamper';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import request from 'supertest';

/**
 * A fold from the first event (a rebuild, a start without a snapshot) may leave the hashing to a
 * worker thread that reads the same rows from its own connection (src/ledger/integrity/
 * parallel-verification.ts). It must come to exactly what a fold verifying each event comes to, and
 * a log that does not verify must be judged as that fold judges it.
 */
const root = temporaryDirectory('ledger-parallel-verification-');
afterAll(() => root.remove());

let pristine: string;
let questionId: string;

beforeAll(async () => {
  pristine = join(root.path, 'pristine');
  questionId = await writeLedgerOfClaims(pristine);
}, 180_000);

/** A runner over a copy of the ledger, as `claims rebuild` makes one; `from`: its parallelVerificationFrom. */
function runnerOn(dir: string, from: number) {
  const config = loadConfig({ LEDGER_DATA_DIR: dir, LEDGER_SEED: 'none' });
  const store = new SqliteEventStore({ filename: join(dir, 'ledger.db') });
  const runner = new ProjectionRunner(store, config, projectionsFor(config));
  runner.parallelVerificationFrom = from;
  (runner as unknown as { logger: unknown }).logger = { log: () => undefined, warn: () => undefined, error: () => undefined };
  return { runner, store, config };
}

describe('verifying on a worker while folding', () => {
  it('comes to the views, chains and tree of a fold that verifies each event', async () => {
    const onWorker = runnerOn(copyOf(pristine, root.path, 'worker'), 0);
    const inFold = runnerOn(copyOf(pristine, root.path, 'in-fold'), Number.MAX_SAFE_INTEGER);
    try {
      const a = await onWorker.runner.rebuild();
      const b = await inFold.runner.rebuild();
      expect(onWorker.runner.lastFoldVerified).toBe('on-worker');
      expect(inFold.runner.lastFoldVerified).toBe('in-fold');
      expect(a).toEqual(b);
      expect(a.events).toBe(rows(pristine).length);
      // As a snapshot holds them (the consensus view keeps engines, compared by what it records).
      const plain = (runner: ProjectionRunner) =>
        projectionsFor(onWorker.config).map((p) => (p.toSnapshot ? p.toSnapshot(runner.viewByName(p.name) as never) : runner.viewByName(p.name)));
      expect(plain(onWorker.runner)).toEqual(plain(inFold.runner));
      expect(onWorker.runner.audit.tree.root().toString('hex')).toBe(inFold.runner.audit.tree.root().toString('hex'));
      expect(onWorker.runner.audit.streamHeads()).toEqual(inFold.runner.audit.streamHeads());
      expect(onWorker.runner.integrity.breaks).toEqual([]);
    } finally {
      await onWorker.store.close();
      await inFold.store.close();
    }
  });

  it('a row edited in the file: the rebuild is not taken from the worker, the event is refused and named', async () => {
    const dir = copyOf(pristine, root.path, 'edited');
    const edited = rows(dir).find((r) => r.type === 'ClaimProposed' && JSON.parse(r.data).text === 'Claim 3.4')!;
    updateRow(dir, edited.position, (r) => ({ data: r.data.replace('Claim 3.4', 'The Comintern paid it all') }));
    const { runner, store } = runnerOn(dir, 0);
    try {
      await runner.rebuild();
      // The worker's verdict was not clean: the fold was done again, verifying each event.
      expect(runner.lastFoldVerified).toBe('in-fold');
      const breaks = runner.integrity.breaks;
      expect(breaks[0]).toMatchObject({ position: String(edited.position), eventId: edited.id });
      expect(breaks[0]!.problem).toMatch(/hash does not match/);
      const questions = runner.viewByName<{ claims: Map<string, unknown> }>('questions');
      expect(JSON.stringify([...questions.claims.values()], (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain('Comintern');
    } finally {
      await store.close();
    }
  });
});

describe('a server started in the background (as main.ts starts one)', () => {
  it('answers /health at once, and its reads wait for the views, which are then live', async () => {
    const dir = copyOf(pristine, root.path, 'background');
    rmSync(join(dir, 'projections.snapshot'), { force: true });
    const config = loadConfig({ LEDGER_DATA_DIR: dir, PORT: '0', LEDGER_SEED: 'none', LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    const app = await createApp(config, { logger: false });
    const runner = app.get(ProjectionRunner);
    runner.parallelVerificationFrom = 0;
    runner.startInBackground();
    await app.init();
    try {
      const server = app.getHttpServer();
      const health = await request(server).get('/health').expect(200);
      expect(['restoring', 'catching-up', 'live']).toContain(health.body.details.projections.state);
      const question = await request(server).get(`/api/questions/${questionId}`).expect(200);
      expect(question.body.title).toBe('Who paid the allowance?');
      expect(runner.startup.state).toBe('live');
      expect(runner.lastFoldVerified).toBe('on-worker');
      const live = await request(server).get('/health').expect(200);
      expect(live.body.details.projections).toMatchObject({ state: 'live', position: String(rows(dir).at(-1)!.position) });
    } finally {
      await app.close();
    }
  });
});
