import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureProblem, type Checkpoint } from '../../../src/ledger/integrity/checkpoint';
import { leafHash, rootFromInclusionPath } from '../../../src/ledger/integrity/merkle';
import { parsePublicKey } from '../../../src/ledger/integrity/signing-key';
import type { InclusionProof } from '../../../src/ledger/integrity/tree-reader';
import { verifyLedgerWithCheckpoints } from '../../../src/ledger/integrity/verify-data-dir';
import { startEventStoreDbTestServer } from '../../support/eventstoredb-test-server';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * The same tamper evidence on EventStoreDB (the loopback gRPC test server): events sealed under hash
 * version 2 verify though the server records its own time, the tree and its checkpoints cover the
 * log, and an event's inclusion is proved by reading its block back over gRPC.
 */
let t: TestApp;
let stop: (() => Promise<void>) | undefined;
let questionId: string;

beforeAll(async () => {
  const server = await startEventStoreDbTestServer();
  stop = server.stop;
  t = await startTestApp({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: server.connectionString, LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  questionId = (await t.http.post('/api/questions').send({ title: 'Who paid the allowance?', tags: [] }).expect(201)).body.id as string;
  // More than one block of the tree (256 events), so that a proof reads a full block back.
  for (let round = 0; round < 14; round++) {
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.http.post(`/api/questions/${questionId}/claims`).send({ text: `Claim ${round}.${i}`, kind: 'answer' }).expect(201)));
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
  await stop?.();
});

describe('tamper evidence on EventStoreDB', () => {
  it('every event verifies as it is read; /health says so', async () => {
    const health = (await t.http.get('/health').expect(200)).body;
    expect(health.details.integrity).toMatchObject({ status: 'up', breaks: [], checkpoint: null });
    expect(health.details.integrity.events).toBeGreaterThan(280);
    const { report, breaks } = await verifyLedgerWithCheckpoints(t.config, t.store);
    expect(breaks).toEqual([]);
    expect(report.events).toBe(health.details.integrity.events);
  });

  it('proves an event of the first block and one of the last against a signed checkpoint', async () => {
    const events = (await t.http.get(`/api/questions/${questionId}/events?limit=1000`).expect(200)).body as { id: string }[];
    const key = parsePublicKey((await t.http.get('/api/checkpoints/public-key').expect(200)).body.publicKey);
    for (const event of [events[1]!, events.at(-1)!]) {
      const proof = (await t.http.get(`/api/events/${event.id}/proof`).expect(200)).body as InclusionProof & { checkpoint: Checkpoint };
      expect(signatureProblem(proof.checkpoint, key, proof.checkpoint.keyId)).toBeUndefined();
      const leaf = leafHash(`${proof.leaf.position}\n${proof.leaf.id}\n${proof.leaf.recordedAt}\n${proof.leaf.hash}`);
      expect(rootFromInclusionPath(proof.leafIndex, proof.treeSize, leaf, proof.auditPath.map((h) => Buffer.from(h, 'hex')))?.toString('hex')).toBe(proof.checkpoint.rootHash);
    }
  });
});
