import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureProblem, type Checkpoint } from '../../../src/ledger/integrity/checkpoint';
import { leafHash, rootFromInclusionPath } from '../../../src/ledger/integrity/merkle';
import { parsePublicKey } from '../../../src/ledger/integrity/signing-key';
import type { InclusionProof } from '../../../src/ledger/integrity/tree-reader';
import { ROOT } from '../../support/run-service';
import { temporaryDirectory } from '../../support/tamper';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * Inclusion proofs over HTTP, checked as a third party would: with the script docs/tamper-evidence.md
 * gives (run here exactly as printed there), Node's standard library and nothing of the ledger's.
 */
const documented = /<!-- verify-proof\.mjs[^>]*-->\n```js\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'docs/tamper-evidence.md'), 'utf8'))?.[1];
const files = temporaryDirectory('ledger-proof-');
const script = join(files.path, 'verify-proof.mjs');

let t: TestApp;
let questionId: string;
let publicKeyPem: string;
/** A checkpoint taken early on, kept as a third party would. */
let early: Checkpoint;
type Proof = InclusionProof & { checkpoint?: Checkpoint };

beforeAll(async () => {
  expect(documented, 'docs/tamper-evidence.md holds the verify-proof.mjs script').toBeDefined();
  writeFileSync(script, documented!);
  t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?', tags: [] }).expect(201)).body.id as string;
  early = (await t.http.get('/api/checkpoints/latest').expect(200)).body as Checkpoint;
  // More than two blocks of the tree (256 events each), written concurrently as the API allows.
  for (let round = 0; round < 15; round++) {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Claim ${round}.${i}`, kind: 'hypothesis' }).expect(201)),
    );
  }
  publicKeyPem = (await t.anonymous.get('/api/checkpoints/public-key').expect(200)).body.publicKey as string;
  writeFileSync(join(files.path, 'key.pem'), publicKeyPem);
}, 120_000);

afterAll(async () => {
  await t?.close();
  files.remove();
});

function runDocumented(proof: Proof, extra: { checkpoint?: Checkpoint; event?: unknown; key?: string } = {}) {
  const name = (n: string) => join(files.path, n);
  writeFileSync(name('proof.json'), JSON.stringify(proof));
  const args = [script, name('proof.json'), extra.key ?? name('key.pem')];
  if (extra.checkpoint || extra.event) {
    writeFileSync(name('checkpoint.json'), JSON.stringify(extra.checkpoint ?? proof.checkpoint));
    args.push(name('checkpoint.json'));
  }
  if (extra.event) {
    writeFileSync(name('event.json'), JSON.stringify(extra.event));
    args.push(name('event.json'));
  }
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('GET /api/events/:id/proof', () => {
  it('proves every event is in the signed tree; the documented script checks the proof, the signature and the event itself', async () => {
    const events = (await t.http.get(`/api/questions/${questionId}/events?limit=1000`).expect(200)).body as { id: string; position: string }[];
    expect(events.length).toBeGreaterThan(300);
    const key = parsePublicKey(publicKeyPem);
    const checked = [0, 1, 200, 254, 255, 256, 257, 290, events.length - 1];
    for (const [index, event] of events.entries()) {
      const proof = (await t.http.get(`/api/events/${event.id}/proof`).expect(200)).body as Proof;
      const checkpoint = proof.checkpoint!;
      expect(checkpoint.rootHash).toBe(proof.rootHash);
      expect(checkpoint.treeSize).toBe(proof.treeSize);
      expect(signatureProblem(checkpoint, key, checkpoint.keyId)).toBeUndefined();
      expect(proof.leaf).toMatchObject({ id: event.id, position: event.position });
      const leaf = leafHash(`${proof.leaf.position}\n${proof.leaf.id}\n${proof.leaf.recordedAt}\n${proof.leaf.hash}`);
      expect(leaf.toString('hex')).toBe(proof.leafHash);
      const root = rootFromInclusionPath(proof.leafIndex, proof.treeSize, leaf, proof.auditPath.map((h) => Buffer.from(h, 'hex')));
      expect(root?.toString('hex'), `event ${index}`).toBe(proof.rootHash);
      if (checked.includes(index)) {
        const run = runDocumented(proof, { event });
        expect(run.out, `event ${index}`).toMatch(new RegExp(`^ok: event ${event.id} is leaf ${proof.leafIndex} of the ${proof.treeSize}-event log`));
        expect(run.code).toBe(0);
      }
    }
  }, 120_000);

  it('proves an early event against a checkpoint kept from before the log grew (?treeSize=)', async () => {
    const [opened] = (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as { id: string }[];
    const proof = (await t.http.get(`/api/events/${opened!.id}/proof?treeSize=${early.treeSize}`).expect(200)).body as Proof;
    expect(proof.checkpoint).toBeUndefined();
    expect(proof.treeSize).toBe(early.treeSize);
    expect(proof.rootHash).toBe(early.rootHash);
    expect(runDocumented(proof, { checkpoint: early })).toMatchObject({ code: 0, out: expect.stringMatching(/^ok: /) });
  });

  it('the documented script refuses a proof that is not exactly right, another key, another checkpoint or a changed event', async () => {
    const [, claim] = (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as { id: string; data: { text: string } }[];
    const proof = (await t.http.get(`/api/events/${claim!.id}/proof`).expect(200)).body as Proof;
    expect(runDocumented({ ...proof, leaf: { ...proof.leaf, recordedAt: '2021-02-10T08:02:00.000Z' } })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the event is not in the tree/) });
    expect(runDocumented({ ...proof, leafIndex: proof.leafIndex + 1 })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED/) });
    expect(runDocumented({ ...proof, auditPath: proof.auditPath.slice(1) })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED/) });
    expect(runDocumented(proof, { checkpoint: early })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the proof is for another tree size/) });
    const forged = { ...proof.checkpoint!, rootHash: proof.auditPath[0]! };
    expect(runDocumented(proof, { checkpoint: forged })).toMatchObject({ code: 1, out: expect.stringMatching(/NOT VERIFIED: the checkpoint is not signed by this key/) });
    const { generateKeyPairSync } = await import('node:crypto');
    writeFileSync(join(files.path, 'other.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    expect(runDocumented(proof, { key: join(files.path, 'other.pem') })).toMatchObject({ code: 1, out: expect.stringMatching(/not signed by this key/) });
    expect(runDocumented(proof, { event: { ...claim, data: { ...claim!.data, text: 'Nobody paid it' } } })).toMatchObject({ code: 1, out: expect.stringMatching(/was changed/) });
  });

  it('answers 404 for an unknown event, 400 for a bad id or tree size, 409 for an event past the tree size asked for', async () => {
    await t.http.get('/api/events/00000000-0000-4000-8000-000000000000/proof').expect(404);
    await t.http.get('/api/events/not-a-uuid/proof').expect(400);
    for (const bad of ['0', '-1', 'x', '1.5', '99999999999999999']) {
      const res = await t.http.get(`/api/events/00000000-0000-4000-8000-000000000000/proof?treeSize=${bad}`).expect(400);
      expect(res.body.errors[0].field).toBe('treeSize');
    }
    const events = (await t.http.get(`/api/questions/${questionId}/events?limit=1000`).expect(200)).body as { id: string }[];
    const late = await t.http.get(`/api/events/${events.at(-1)!.id}/proof?treeSize=${early.treeSize}`).expect(409);
    expect(late.body.detail).toMatch(/not in a tree of/);
  });
});
