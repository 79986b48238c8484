import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureProblem, type Checkpoint } from '../../../src/ledger/integrity/checkpoint';
import { leafDataOf } from '../../../src/ledger/integrity/ledger-audit';
import { leafHash, MerkleLog, verifyConsistency } from '../../../src/ledger/integrity/merkle';
import { parsePublicKey } from '../../../src/ledger/integrity/signing-key';
import type { ConsistencyProof } from '../../../src/ledger/integrity/tree-reader';
import { ROOT } from '../../support/run-service';
import { copyOf, reseal, rows, startAppOn, temporaryDirectory, updateRow, withFile } from '../../support/tamper';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * Consistency proofs over HTTP, checked as a third party holding two checkpoints would: with the
 * script docs/tamper-evidence.md gives (run here exactly as printed there), Node's standard library
 * and nothing of the ledger's; and against roots computed here from the events themselves.
 */
const documented = /<!-- verify-consistency\.mjs[^>]*-->\n```js\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'docs/tamper-evidence.md'), 'utf8'))?.[1];
const files = temporaryDirectory('ledger-consistency-');
const script = join(files.path, 'verify-consistency.mjs');

type Proof = ConsistencyProof & { checkpoint?: Checkpoint };

let t: TestApp;
let publicKeyPem: string;
/** Checkpoints taken as the log grew, kept as a third party would, smallest first. */
const kept: Checkpoint[] = [];
/** The root of every prefix of the log, computed here from the events as the store holds them. */
let roots: Buffer[];

beforeAll(async () => {
  expect(documented, 'docs/tamper-evidence.md holds the verify-consistency.mjs script').toBeDefined();
  writeFileSync(script, documented!);
  t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  const keep = async () => kept.push((await t.http.get('/api/checkpoints/latest').expect(200)).body as Checkpoint);
  await keep();
  const questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?', tags: [] }).expect(201)).body.id as string;
  await keep();
  for (let i = 0; i < 3; i++) {
    await t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Early claim ${i}`, kind: 'hypothesis' }).expect(201);
    await keep();
  }
  // More than a block of the tree (256 events), written concurrently as the API allows.
  for (let round = 0; round < 14; round++) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Claim ${round}.${i}`, kind: 'hypothesis' }).expect(201)),
    );
    if (round % 4 === 3) await keep();
  }
  await keep();
  publicKeyPem = (await t.anonymous.get('/api/checkpoints/public-key').expect(200)).body.publicKey as string;
  writeFileSync(join(files.path, 'key.pem'), publicKeyPem);
  const tree = new MerkleLog();
  roots = [tree.root()];
  for await (const event of t.store.readAll()) {
    tree.append(leafHash(leafDataOf(event)), event.position);
    roots.push(tree.root());
  }
}, 180_000);

afterAll(async () => {
  await t?.close();
  files.remove();
});

function runDocumented(proof: Proof, older: Checkpoint, extra: { newer?: Checkpoint; key?: string } = {}) {
  const name = (n: string) => join(files.path, n);
  writeFileSync(name('proof.json'), JSON.stringify(proof));
  writeFileSync(name('old.json'), JSON.stringify(older));
  const args = [script, name('proof.json'), extra.key ?? name('key.pem'), name('old.json')];
  if (extra.newer) {
    writeFileSync(name('new.json'), JSON.stringify(extra.newer));
    args.push(name('new.json'));
  }
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const hashes = (hex: string[]) => hex.map((h) => Buffer.from(h, 'hex'));
const verifies = (p: ConsistencyProof, fromRoot = p.fromRoot, toRoot = p.toRoot) =>
  verifyConsistency(p.fromSize, p.toSize, Buffer.from(fromRoot, 'hex'), Buffer.from(toRoot, 'hex'), hashes(p.consistencyPath));

describe('GET /api/checkpoints/consistency', () => {
  it('proves every pair of sizes asked, powers of two and block edges among them, with the roots of the log as it is', async () => {
    const size = roots.length - 1;
    expect(size).toBeGreaterThan(270);
    const sizes = [...new Set([1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 32, 33, 64, 127, 128, 129, 255, 256, 257, size - 1, size, ...kept.map((c) => c.treeSize)])]
      .filter((s) => s >= 1 && s <= size)
      .sort((a, b) => a - b);
    let proved = 0;
    for (const from of sizes) {
      for (const to of sizes.filter((s) => s >= from)) {
        const proof = (await t.http.get(`/api/checkpoints/consistency?from=${from}&to=${to}`).expect(200)).body as Proof;
        const what = `${from} → ${to}`;
        expect(proof, what).toMatchObject({ fromSize: from, toSize: to, fromRoot: roots[from]!.toString('hex'), toRoot: roots[to]!.toString('hex') });
        expect(verifies(proof), what).toBe(true);
        if (from === to) expect(proof.consistencyPath, what).toEqual([]);
        else expect(verifies(proof, roots[from - 1]!.toString('hex')), what).toBe(false);
        proved++;
      }
    }
    expect(proved).toBeGreaterThan(250);
  }, 120_000);

  it('without to, proves up to the whole log, with a checkpoint signing it', async () => {
    const key = parsePublicKey(publicKeyPem);
    const proof = (await t.http.get(`/api/checkpoints/consistency?from=${kept[0]!.treeSize}`).expect(200)).body as Proof;
    const size = roots.length - 1;
    expect(proof).toMatchObject({ fromSize: kept[0]!.treeSize, toSize: size, toRoot: roots[size]!.toString('hex') });
    expect(proof.checkpoint).toMatchObject({ treeSize: size, rootHash: proof.toRoot });
    expect(signatureProblem(proof.checkpoint!, key, proof.checkpoint!.keyId)).toBeUndefined();
    expect(verifies(proof)).toBe(true);
  });

  it('the documented script checks every kept checkpoint against the latest, and against each later one', async () => {
    for (const older of kept) {
      const latest = (await t.http.get(`/api/checkpoints/consistency?from=${older.treeSize}`).expect(200)).body as Proof;
      const run = runDocumented(latest, older);
      expect(run.out, `from ${older.treeSize}`).toMatch(new RegExp(`^ok: the ${older.treeSize}-event log signed ${older.timestamp} is a prefix of the ${latest.toSize}-event log`));
      expect(run.code).toBe(0);
    }
    // Each kept checkpoint against itself and the next one (a node process each: a few, not every pair).
    for (const [i, older] of kept.entries()) {
      for (const newer of kept.slice(i, i + 2)) {
        const proof = (await t.http.get(`/api/checkpoints/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200)).body as Proof;
        // A checkpoint comes with the proof only when it ends at the whole log.
        expect(proof.checkpoint === undefined, `${older.treeSize} → ${newer.treeSize}`).toBe(newer.treeSize < roots.length - 1);
        expect(runDocumented(proof, older, { newer }), `${older.treeSize} → ${newer.treeSize}`).toMatchObject({ code: 0, out: expect.stringMatching(/^ok: /) });
      }
    }
  }, 120_000);

  it('the documented script refuses a proof that is not exactly right, another checkpoint, a forged one or another key', async () => {
    const older = kept[2]!;
    const proof = (await t.http.get(`/api/checkpoints/consistency?from=${older.treeSize}`).expect(200)).body as Proof;
    expect(proof.consistencyPath.length).toBeGreaterThan(1);
    const bent = proof.consistencyPath.map((h, i) => (i === 1 ? proof.fromRoot : h));
    expect(runDocumented({ ...proof, consistencyPath: bent }, older)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the old log is not a prefix/) });
    expect(runDocumented({ ...proof, consistencyPath: proof.consistencyPath.slice(0, -1) }, older)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED/) });
    expect(runDocumented({ ...proof, consistencyPath: [...proof.consistencyPath, proof.toRoot] }, older)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED/) });
    expect(runDocumented({ ...proof, consistencyPath: [] }, older)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the proof is empty/) });
    expect(runDocumented(proof, kept[1]!)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the proof does not start from the old checkpoint/) });
    expect(runDocumented(proof, older, { newer: kept[3]! })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the proof does not end at the new checkpoint/) });
    // A proof and an old checkpoint made to agree with each other: the old checkpoint's signature gives it away.
    const forged = { ...older, rootHash: roots[older.treeSize - 1]!.toString('hex') };
    expect(runDocumented({ ...proof, fromRoot: forged.rootHash }, forged)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the old checkpoint is not signed by this key/) });
    writeFileSync(join(files.path, 'other.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(runDocumented(proof, older, { key: join(files.path, 'other.pem') })).toMatchObject({ code: 1, out: expect.stringMatching(/not signed by this key/) });
    // The same size proves itself with an empty path.
    const same = (await t.http.get(`/api/checkpoints/consistency?from=${older.treeSize}&to=${older.treeSize}`).expect(200)).body as Proof;
    expect(same).toMatchObject({ consistencyPath: [], fromRoot: older.rootHash, toRoot: older.rootHash });
    expect(runDocumented(same, older, { newer: older })).toMatchObject({ code: 0, out: expect.stringMatching(/^ok: /) });
  });

  it('answers 400 naming the parameter for a missing, malformed, zero or too large size, and for from > to', async () => {
    const size = roots.length - 1;
    const cases: [string, string, RegExp][] = [
      ['', 'from', /from is required/],
      ['?to=5', 'from', /from is required/],
      ['?from=', 'from', /whole number/],
      ['?from=x', 'from', /whole number/],
      ['?from=-1', 'from', /whole number/],
      ['?from=1.5', 'from', /whole number/],
      ['?from=1e3', 'from', /whole number/],
      ['?from=99999999999999999', 'from', /whole number/],
      ['?from=0', 'from', /1 or more: the empty tree/],
      ['?from=0&to=5', 'from', /1 or more/],
      ['?from=2&to=x', 'to', /whole number/],
      ['?from=2&to=0', 'to', /1 or more/],
      ['?from=5&to=4', 'from', /from \(5\) is larger than to \(4\)/],
      [`?from=${size + 1}`, 'from', new RegExp(`the log has ${size} events, fewer than ${size + 1}`)],
      [`?from=1&to=${size + 1}`, 'to', new RegExp(`fewer than ${size + 1}`)],
      ['?from=1&from=2', 'from', /whole number/],
    ];
    for (const [query, field, detail] of cases) {
      const res = await t.http.get(`/api/checkpoints/consistency${query}`).expect(400);
      expect(res.body.errors?.[0]?.field, query).toBe(field);
      expect(res.body.detail, query).toMatch(detail);
    }
  });
});

describe('a rewritten log', () => {
  const root = temporaryDirectory('ledger-consistency-rewritten-');
  afterAll(() => root.remove());

  it('cannot prove itself consistent with a checkpoint kept from before, whether resealed or cut and grown again', async () => {
    const pristine = join(root.path, 'pristine');
    let t2 = await startAppOn(pristine);
    let older: Checkpoint;
    let questionId: string;
    try {
      questionId = (await t2.http.post('/api/questions').send({ title: 'Who paid?', tags: [] }).expect(201)).body.id as string;
      for (let i = 0; i < 6; i++) await t2.http.post(`/api/questions/${questionId}/claims`).send({ text: `Claim ${i}`, kind: 'answer' }).expect(201);
      older = (await t2.http.get('/api/checkpoints/latest').expect(200)).body as Checkpoint;
      writeFileSync(join(root.path, 'key.pem'), (await t2.http.get('/api/checkpoints/public-key').expect(200)).body.publicKey as string);
    } finally {
      await t2.close();
    }
    const stream = `question-${questionId}`;
    const check = async (dir: string) => {
      // The attacker has the data directory: the server reads the log afresh and, its own checkpoint
      // gone, signs the rewritten log with the ledger's key. Only the checkpoint kept elsewhere remembers.
      rmSync(join(dir, 'projections.snapshot'));
      rmSync(join(dir, 'checkpoint.json'));
      t2 = await startAppOn(dir);
      try {
        for (const title of ['A later question', 'Another one']) await t2.http.post('/api/questions').send({ title, tags: [] }).expect(201);
        const proof = (await t2.http.get(`/api/checkpoints/consistency?from=${older.treeSize}`).expect(200)).body as Proof;
        expect(proof.toSize).toBeGreaterThan(older.treeSize);
        expect(proof.fromRoot).not.toBe(older.rootHash);
        // The proof the rewritten log gives holds for its own old root, never for the one kept.
        expect(verifies(proof)).toBe(true);
        expect(verifies(proof, older.rootHash)).toBe(false);
        const run = (given: Proof) => {
          writeFileSync(join(root.path, 'proof.json'), JSON.stringify(given));
          writeFileSync(join(root.path, 'old.json'), JSON.stringify(older));
          return spawnSync(process.execPath, [script, join(root.path, 'proof.json'), join(root.path, 'key.pem'), join(root.path, 'old.json')], { encoding: 'utf8' });
        };
        expect(run(proof)).toMatchObject({ status: 1, stdout: expect.stringMatching(/NOT VERIFIED: the proof does not start from the old checkpoint/) });
        // Given the kept root instead of its own, the path does not lead there.
        expect(run({ ...proof, fromRoot: older.rootHash })).toMatchObject({ status: 1, stdout: expect.stringMatching(/NOT VERIFIED: the old log is not a prefix of the new one/) });
      } finally {
        await t2.close();
      }
    };

    // A claim edited and its chain sealed again: every hash chain holds.
    const resealed = copyOf(pristine, root.path, 'resealed');
    const claim = rows(resealed).find((r) => r.stream === stream && r.type === 'ClaimProposed')!;
    updateRow(resealed, claim.position, (r) => ({ data: JSON.stringify({ ...JSON.parse(r.data), text: 'Nobody paid it' }) }));
    reseal(resealed, stream, claim.revision);
    await check(resealed);

    // The last event cut off, and the log grown past the old size again.
    const cut = copyOf(pristine, root.path, 'cut');
    const last = rows(cut).at(-1)!;
    withFile(cut, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(last.position));
    await check(cut);
  }, 120_000);
});
