import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { readLocalCheckpoint, signCheckpoint, signatureProblem, writeLocalCheckpoint, type Checkpoint } from '../../../src/ledger/integrity/checkpoint';
import { keyIdOf, loadSigningKey } from '../../../src/ledger/integrity/signing-key';
import { verifyLedger } from '../../../src/ledger/integrity/verify-ledger';
import { ProjectionRunner } from '../../../src/projection-runtime/projection-runner';
import { copyOf, reseal, rows, startAppOn, temporaryDirectory, updateRow, verifyDir, withFile, type Row } from '../../support/tamper';

/**
 * Tamper evidence without blind spots: a ledger written through the real application, then changed
 * behind its back in every way the issue names. Each change is caught by what `claims verify` runs
 * (naming the event or position), and where the server reads what was changed, it refuses it.
 */
const root = temporaryDirectory('ledger-tamper-');
afterAll(() => root.remove());

let pristine: string;
/** A checkpoint kept elsewhere (outside the data directory), signed by the ledger when the log was sound. */
let external: Checkpoint;
let questionId: string;
let claimIds: string[];
let eve: { id: string; token: string };

beforeAll(async () => {
  pristine = join(root.path, 'pristine');
  const t = await startAppOn(pristine);
  try {
    const sourceId = (await t.http.post('/api/sources').send({ kind: 'archival', title: 'GARF f. R-9501', authors: [], identifiers: { archive: { repository: 'GARF', fond: 'R-9501' } } }).expect(201)).body.id as string;
    const other = (await t.http.post('/api/sources').send({ kind: 'report', title: 'CIA report, 1954', authors: [] }).expect(201)).body.id as string;
    questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?', tags: [] }).expect(201)).body.id as string;
    claimIds = [];
    for (const text of ['The NKVD, through the Red Cross', 'The PCE itself', 'A budgetary device of the Red Cross']) {
      claimIds.push((await t.http.post(`/api/questions/${questionId}/claims`).send({ text, kind: 'answer' }).expect(201)).body.id as string);
    }
    await t.http.post('/api/claims/relations').send({ fromClaimId: claimIds[1], toClaimId: claimIds[0], relation: 'rebuts' }).expect(201);
    await t.http.post(`/api/claims/${claimIds[0]}/evidence`).send({ sourceId, stance: 'supports', locator: 'op. 17', credibility: 2 }).expect(201);
    await t.http.post(`/api/claims/${claimIds[2]}/evidence`).send({ sourceId: other, stance: 'supports', locator: 'p. 3', credibility: 1 }).expect(201);
    const added = (await t.http.post('/api/admin/principals').send({ name: 'eve', role: 'contributor' }).expect(201)).body as { id: string };
    const token = (await t.http.post(`/api/admin/principals/${added.id}/tokens`).send({}).expect(201)).body as { token: string };
    eve = { id: added.id, token: token.token };
    await t.as(eve.token).post(`/api/questions/${questionId}/claims`).send({ text: 'Eve’s own claim', kind: 'hypothesis' }).expect(201);
  } finally {
    await t.close();
  }
  // Stopping wrote the ledger's own checkpoint; the SQLite file is whole (no write-ahead log left).
  expect(readLocalCheckpoint(pristine)?.treeSize).toBe(rows(pristine).length);
  expect(existsSync(join(pristine, 'ledger.db-wal'))).toBe(false);
  const store = new SqliteEventStore({ filename: join(pristine, 'ledger.db') });
  try {
    external = signCheckpoint((await verifyLedger(store)).audit, loadSigningKey({ dataDir: pristine }, { create: false })!);
  } finally {
    await store.close();
  }
}, 120_000);

const questionStreamOf = () => `question-${questionId}`;
const eventsOf = (dir: string, stream: string) => rows(dir).filter((r) => r.stream === stream);
const problems = (found: { breaks: { problem: string }[] }) => found.breaks.map((b) => b.problem).join('\n');

describe('verification of an untouched ledger', () => {
  it('passes, and the log extends the ledger’s own checkpoint and the one kept elsewhere', async () => {
    const { report, breaks } = await verifyDir(pristine, [{ label: 'kept.json', checkpoint: external }]);
    expect(breaks).toEqual([]);
    expect(report.events).toBe(rows(pristine).length);
    expect(report.checkpoints.map((c) => [c.label, c.extended, c.signatureChecked])).toEqual([
      ["checkpoint.json (the ledger's own)", true, true],
      ['kept.json', true, true],
    ]);
  });

  it('seals every new event under hash version 2, recorded at the time sealed into it', () => {
    for (const row of rows(pristine)) {
      const metadata = JSON.parse(row.metadata);
      expect(metadata.hashVersion, row.type).toBe(2);
      expect(row.recorded_at).toBe(metadata.recordedAt);
    }
  });
});

describe('tampering with the SQLite file', () => {
  it('random byte flips: every flip that changes what is read is caught; one that changes nothing is not a false alarm', async () => {
    const original = readFileSync(join(pristine, 'ledger.db'));
    const honest = normalised(rows(pristine));
    let seed = 20_260_101;
    const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    let changed = 0;
    let caught = 0;
    const flips = 150;
    for (let i = 0; i < flips; i++) {
      const dir = copyOf(pristine, root.path, `flip-${i}`);
      const bytes = Buffer.from(original);
      const at = Math.floor(random() * bytes.length);
      bytes[at]! ^= 1 << Math.floor(random() * 8);
      writeFileSync(join(dir, 'ledger.db'), bytes);
      const what = `flip ${i}: bit at byte ${at}`;
      let read: string | undefined;
      let sound = true;
      try {
        read = normalised(rows(dir));
        sound = withFile(dir, (db) => db.pragma('integrity_check', { simple: true })) === 'ok';
      } catch {
        read = undefined; // the file no longer reads at all
      }
      let verified: Awaited<ReturnType<typeof verifyDir>> | undefined;
      try {
        verified = await verifyDir(dir);
      } catch (error) {
        // Only a file SQLite cannot open at all stops verification: that is caught too, by name.
        expect((error as { code?: string }).code, what).toMatch(/^SQLITE_(NOTADB|CORRUPT)/);
      }
      if (read !== honest || !sound) {
        changed++;
        if (!verified || verified.breaks.length > 0) caught++;
        else expect.fail(`${what} changed what is read but verification passed`);
      } else {
        expect(verified?.breaks ?? [], what).toEqual([]);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(caught).toBe(changed);
    // The file is small and nearly all of it is the log: most flips change something.
    expect(changed).toBeGreaterThan(flips / 4);
  });

  it('an edited claim with its hash stripped, and the hashes after it: verify names the event, the server never serves it', async () => {
    const dir = copyOf(pristine, root.path, 'stripped');
    const stream = questionStreamOf();
    const claim = eventsOf(dir, stream).find((r) => JSON.parse(r.data).claimId === claimIds[2] && r.type === 'ClaimProposed')!;
    for (const row of eventsOf(dir, stream).filter((r) => r.revision >= claim.revision)) {
      updateRow(dir, row.position, (r) => {
        const metadata = JSON.parse(r.metadata);
        delete metadata.hash;
        const data = JSON.parse(r.data);
        if (r.position === claim.position) data.text = 'The Comintern paid it all';
        return { metadata: JSON.stringify(metadata), data: JSON.stringify(data) };
      });
    }
    const { breaks } = await verifyDir(dir);
    expect(breaks[0]).toMatchObject({ eventId: claim.id, position: String(claim.position), stream, revision: String(claim.revision) });
    expect(breaks[0]!.problem).toMatch(/has no hash/);

    // The server, reading the log afresh (no snapshot to start from), refuses it and says so on /health.
    rmSync(join(dir, 'projections.snapshot'));
    const t = await startAppOn(dir);
    try {
      await t.http.get(`/api/claims/${claimIds[2]}`).expect(404);
      const question = (await t.http.get(`/api/questions/${questionId}`).expect(200)).body;
      expect(JSON.stringify(question)).not.toContain('Comintern');
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.status).toBe('down');
      expect(health.body.details.integrity.breaks[0]).toMatchObject({ position: String(claim.position), eventId: claim.id, refusedAfter: eventsOf(dir, stream).length - claim.revision - 1 });
      // Nothing is signed over a log with a break, and nothing is written on top of the broken stream.
      await t.http.get('/api/checkpoints/latest').expect(409);
      const refused = await t.http.post(`/api/questions/${questionId}/claims`).send({ text: 'On top of it', kind: 'answer' }).expect(409);
      expect(refused.body).toMatchObject({ type: '/problems/integrity', position: String(claim.position), eventId: claim.id });
      await t.http.post('/api/questions').send({ title: 'Elsewhere, writes go on', tags: [] }).expect(201);
    } finally {
      await t.close();
    }
    expect(readLocalCheckpoint(dir)).toEqual(readLocalCheckpoint(pristine));
  });

  it('an event whose stored JSON no longer parses: named, read past, and refused by the server', async () => {
    const dir = copyOf(pristine, root.path, 'unreadable');
    const target = rows(dir).find((r) => r.type === 'EvidenceAttached')!;
    updateRow(dir, target.position, (r) => ({ data: r.data.slice(0, -2) }));
    const { breaks, report } = await verifyDir(dir);
    expect(breaks[0]).toMatchObject({ eventId: target.id, position: String(target.position), problem: expect.stringMatching(/cannot be read/) });
    expect(report.events).toBe(rows(dir).length);
    rmSync(join(dir, 'projections.snapshot'));
    const t = await startAppOn(dir);
    try {
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.breaks[0]).toMatchObject({ position: String(target.position), eventId: target.id });
      // The events after it, in other streams, are read and served.
      await t.http.get('/api/admin/principals').expect(200);
      expect((await t.http.get('/api/sources').expect(200)).body).toHaveLength(2);
    } finally {
      await t.close();
    }
  });

  it('a stream’s last events deleted: named by stream, revision and position', async () => {
    const dir = copyOf(pristine, root.path, 'tail');
    const stream = questionStreamOf();
    const events = eventsOf(dir, stream);
    const [beforeLast, last] = events.slice(-2);
    withFile(dir, (db) => db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(beforeLast!.position, last!.position));
    const { breaks } = await verifyDir(dir);
    expect(breaks).toContainEqual(
      expect.objectContaining({ stream, revision: String(last!.revision), position: String(last!.position), problem: expect.stringMatching(new RegExp(`events after revision ${beforeLast!.revision - 1} .* were deleted`)) }),
    );
    expect(problems({ breaks })).toMatch(/2 were deleted/);
  });

  it('a whole stream deleted: named, with where its last event was', async () => {
    const dir = copyOf(pristine, root.path, 'stream');
    const sourceStream = rows(dir).find((r) => r.type === 'SourceRegistered' && JSON.parse(r.data).title === 'CIA report, 1954')!.stream;
    const last = eventsOf(dir, sourceStream).at(-1)!;
    withFile(dir, (db) => db.prepare('DELETE FROM events WHERE stream = ?').run(sourceStream));
    const { breaks } = await verifyDir(dir);
    expect(breaks).toContainEqual(expect.objectContaining({ stream: sourceStream, position: String(last.position), problem: expect.stringMatching(/the whole stream was deleted/) }));
  });

  it('an edited recorded_at: named by event and position', async () => {
    const dir = copyOf(pristine, root.path, 'recorded-at');
    const target = rows(dir).find((r) => r.type === 'ClaimsRelated')!;
    updateRow(dir, target.position, () => ({ recorded_at: '2021-02-10T08:02:00.000Z' }));
    const { breaks } = await verifyDir(dir);
    expect(breaks[0]).toMatchObject({ eventId: target.id, position: String(target.position) });
    expect(breaks[0]!.problem).toMatch(/recorded_at \(2021-02-10T08:02:00.000Z\) is not the time sealed into its hash/);
  });

  it('a chain sealed again after an edit: caught against a checkpoint kept elsewhere, even with the ledger’s own checkpoint signed again', async () => {
    const dir = copyOf(pristine, root.path, 'resealed');
    const stream = questionStreamOf();
    const claim = eventsOf(dir, stream).find((r) => r.type === 'ClaimProposed')!;
    updateRow(dir, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'Nobody paid it' }) }));
    reseal(dir, stream, claim.revision);
    // Every chain holds again; only the checkpoints remember the log as it was.
    const againstOwn = await verifyDir(dir);
    expect(againstOwn.breaks).toContainEqual(expect.objectContaining({ stream, problem: expect.stringMatching(/rewritten and sealed again/) }));
    expect(againstOwn.breaks.filter((b) => b.eventId !== undefined)).toEqual([]);

    // An attacker with the data directory (and so its key) signs the ledger's own checkpoint again...
    const store = new SqliteEventStore({ filename: join(dir, 'ledger.db') });
    try {
      writeLocalCheckpoint(dir, signCheckpoint((await verifyLedger(store)).audit, loadSigningKey({ dataDir: dir }, { create: false })!));
    } finally {
      await store.close();
    }
    expect((await verifyDir(dir)).breaks).toEqual([]);
    // ...but not the one kept elsewhere: it names the stream and where its head was.
    const last = eventsOf(dir, stream).at(-1)!;
    const { breaks } = await verifyDir(dir, [{ label: 'kept.json', checkpoint: external }]);
    expect(breaks).toContainEqual(
      expect.objectContaining({ checkpoint: 'kept.json', stream, revision: String(last.revision), position: String(last.position), problem: expect.stringMatching(/were rewritten and sealed again/) }),
    );
    expect(problems({ breaks })).toMatch(/no longer hash to the root/);
  });

  it('a role edited into the accounts stream: named by verify, and the server does not honour it', async () => {
    const dir = copyOf(pristine, root.path, 'role');
    const added = rows(dir).find((r) => r.type === 'PrincipalAdded' && JSON.parse(r.data).name === 'eve')!;
    updateRow(dir, added.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), role: 'admin' }) }));
    const { breaks } = await verifyDir(dir);
    expect(breaks[0]).toMatchObject({ eventId: added.id, stream: 'accounts', position: String(added.position), problem: expect.stringMatching(/hash does not match the content/) });

    // Started from its snapshot, the server keeps what it verified when it first read the event: eve is a contributor.
    // Re-reading the log below the snapshot in the background, it finds the edit and names it by position.
    let t = await startAppOn(dir);
    try {
      await t.as(eve.token).get('/api/admin/principals').expect(403);
      await (t.app.get(ProjectionRunner) as unknown as { snapshotCheck: { done: Promise<void> } }).snapshotCheck.done;
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.snapshot.state).toBe('failed');
      expect(health.body.details.integrity.breaks).toEqual([expect.objectContaining({ stream: 'accounts', position: String(added.position), eventId: added.id })]);
      await t.as(eve.token).get('/api/admin/principals').expect(403);
    } finally {
      await t.close();
    }
    // Reading the log afresh, it refuses the edited event (and the accounts events after it): eve is nobody.
    rmSync(join(dir, 'projections.snapshot'));
    t = await startAppOn(dir);
    try {
      await t.as(eve.token).get('/api/admin/principals').expect(401);
      await t.as(eve.token).post(`/api/questions/${questionId}/claims`).send({ text: 'x', kind: 'answer' }).expect(401);
      const health = await t.http.get('/health').expect(503);
      expect(health.body.details.integrity.breaks).toEqual([expect.objectContaining({ stream: 'accounts', position: String(added.position), eventId: added.id })]);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('checkpoints', () => {
  it('are signed with the ledger’s key: another key, or any field changed, fails the check', () => {
    const key = loadSigningKey({ dataDir: pristine }, { create: false })!;
    expect(signatureProblem(external, key.publicKey, key.keyId)).toBeUndefined();
    const { publicKey: otherKey } = generateKeyPairSync('ed25519');
    expect(signatureProblem(external, otherKey, keyIdOf(otherKey))).toMatch(/signed by key .*, not by the ledger's key/);
    expect(signatureProblem({ ...external, keyId: keyIdOf(otherKey) }, otherKey, keyIdOf(otherKey))).toMatch(/does not verify/);
    for (const changed of [{ treeSize: external.treeSize - 1 }, { rootHash: '0'.repeat(64) }, { timestamp: new Date(0).toISOString() }, { lastPosition: '1' }]) {
      expect(signatureProblem({ ...external, ...changed }, key.publicKey, key.keyId), JSON.stringify(changed)).toMatch(/does not verify/);
    }
    const streams = { ...external.streams! };
    delete streams.accounts;
    expect(signatureProblem({ ...external, streams }, key.publicKey, key.keyId)).toMatch(/stream heads does not match/);
    // Verification names a checkpoint that does not verify.
    expect(signatureProblem({ ...external, signature: Buffer.alloc(64).toString('base64') }, key.publicKey, key.keyId)).toMatch(/altered or forged/);
  });

  it('an honest log that grew still extends every earlier checkpoint', async () => {
    const dir = copyOf(pristine, root.path, 'grown');
    const t = await startAppOn(dir);
    try {
      for (let i = 0; i < 5; i++) await t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Later claim ${i}`, kind: 'hypothesis' }).expect(201);
      await t.http.post('/api/questions').send({ title: 'Another question', tags: [] }).expect(201);
      const latest = (await t.http.get('/api/checkpoints/latest').expect(200)).body as Checkpoint;
      expect(latest.treeSize).toBe(external.treeSize + 6);
    } finally {
      await t.close();
    }
    const { breaks, report } = await verifyDir(dir, [{ label: 'kept.json', checkpoint: external }]);
    expect(breaks).toEqual([]);
    expect(report.checkpoints.map((c) => [c.treeSize, c.extended])).toEqual([
      [external.treeSize, true],
      [external.treeSize + 6, true],
    ]);
    expect(readLocalCheckpoint(dir)!.treeSize).toBe(external.treeSize + 6);
  });
});

/** Rows as the ledger reads them: a text column stored as a blob of the same bytes reads the same. */
function normalised(all: Row[]): string {
  return JSON.stringify(all.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'bigint' ? v.toString() : v]))));
}

