import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../contract/json';
import type { NewEvent } from '../../../src/event-store/event-store.port';
import { questionStream } from '../../../contract/event-catalogue';
import { eventHash, GENESIS_HASH } from '../../../src/ledger/provenance/hash-chain';
import { firstChainBreak } from '../../support/chain-check';
import { provenanceMetadata } from '../../../src/ledger/provenance/provenance';
import { recordedEventFromJson } from '../../../src/event-store/event-json';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * A ledger written before proof standards, verification and passages existed: its QuestionOpened,
 * ClaimProposed and EvidenceAttached events are at schema version 1. They read, and are decided on,
 * in today's shape: the question under the default proof standard, the claim with no passage, the
 * evidence as cited.
 */
describe('events stored at schema version 1 (sqlite)', () => {
  let t: TestApp;
  const questionId = randomUUID();
  const claimId = randomUUID();
  const evidenceId = randomUUID();

  beforeAll(async () => {
    t = await startTestApp({ LEDGER_STORE: 'sqlite' });
    const sourceId = (
      await t.http.post('/api/sources').send({ kind: 'archival', title: 'GARF f. R-9501', authors: [], identifiers: { archive: { repository: 'GARF', fond: 'R-9501' } } }).expect(201)
    ).body.id as string;
    const owner = { id: t.admin.id, name: t.admin.name };
    const stream = questionStream(questionId);
    const v1: { type: string; data: JsonObject }[] = [
      { type: 'QuestionOpened', data: { questionId, title: 'Who paid the allowance?', body: '', tags: [], parentQuestionId: null } },
      { type: 'ClaimProposed', data: { questionId, claimId, text: 'The NKVD, through the Red Cross', kind: 'answer', owner } },
      { type: 'EvidenceAttached', data: { questionId, evidenceId, claimId, sourceId, stance: 'supports', locator: 'op. 17', quote: null, credibility: 2, owner } },
    ];
    let prevHash = GENESIS_HASH;
    const events: NewEvent[] = v1.map(({ type, data }, index) => {
      const commandId = randomUUID();
      const context = { principal: owner, commandId, correlationId: commandId, causationId: commandId, provenance: {} };
      const metadata: JsonObject = { ...provenanceMetadata(context, new Date('2025-06-01T12:00:00Z')), schemaVersion: 1, prevHash };
      const id = randomUUID();
      metadata.hash = eventHash({ id, type, stream, revision: BigInt(index), data, metadata }, prevHash);
      prevHash = metadata.hash;
      return { id, type, data, metadata };
    });
    await t.store.append(stream, events, { expectedRevision: 'no_stream' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('reads the question under preponderance, the claim with no passage and the evidence as cited', async () => {
    const question = (await t.http.get(`/api/questions/${questionId}`).expect(200)).body;
    expect(question.proofStandard).toBe('preponderance');
    expect(question.claims).toEqual([expect.objectContaining({ id: claimId, text: 'The NKVD, through the Red Cross', passage: null })]);
    expect((await t.http.get(`/api/claims/${claimId}`).expect(200)).body.passage).toBeNull();
    expect(question.evidence).toEqual([expect.objectContaining({ id: evidenceId, verification: 'cited', verifications: [expect.objectContaining({ verification: 'cited' })] })]);
  });

  it('decides on them in today’s shape: cited evidence can be raised, the default standard is the one in force', async () => {
    const unchanged = await t.http.post(`/api/questions/${questionId}/proof-standard`).send({ proofStandard: 'preponderance', reason: 'x' }).expect(422);
    expect(unchanged.body.code).toBe('unchanged');
    await t.http.post(`/api/evidence/${evidenceId}/verification`).send({ verification: 'examined', note: 'read it' }).expect(200);
    const events = (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as { type: string; metadata: { schemaVersion: number } }[];
    expect(events.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['QuestionOpened', 1],
      ['ClaimProposed', 1],
      ['EvidenceAttached', 1],
      ['EvidenceVerified', 1],
    ]);
    expect(firstChainBreak((await t.http.get(`/api/questions/${questionId}/events`)).body.map(recordedEventFromJson))).toBeNull();
    expect((await t.http.get(`/api/claims/${claimId}`).expect(200)).body.evidence[0].verification).toBe('examined');
  });
});
