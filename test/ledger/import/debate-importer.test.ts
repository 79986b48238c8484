import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DebateImporter, ImportRefusedError } from '../../../src/ledger/import/debate-importer';
import type { DebateFile } from '../../../src/ledger/import/debate-file';
import { parseDebateText, validateDebate } from '../../../src/ledger/import/validate-debate';
import type { Principal } from '../../../src/ledger/provenance/provenance';
import { startTestApp, type TestApp } from '../../support/test-app';

const fixture = readFileSync(join(__dirname, '../../fixtures/small-debate.yaml'), 'utf8');

/** The small fixture debate with the given entries after it, validated as `claims import` would. */
async function debate(id: string, entries: Record<string, unknown>[], mutate?: (file: DebateFile) => void): Promise<DebateFile> {
  const document = parseDebateText(fixture, 'small-debate.yaml').document as DebateFile;
  document.debate = id;
  document.entries.push(...(entries as DebateFile['entries']));
  mutate?.(document);
  const { file, problems } = await validateDebate(document);
  expect(problems).toEqual([]);
  return file!;
}

type EventJson = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

describe('importing proof standards, verification and relations to evidence', () => {
  let t: TestApp;
  let importer: DebateImporter;
  let admin: Principal;

  beforeAll(async () => {
    t = await startTestApp();
    importer = t.app.get(DebateImporter);
    admin = { ...t.admin, role: 'admin' };
  });

  afterAll(async () => {
    await t?.close();
  });

  const eventsOf = async (questionId: string) => (await t.http.get(`/api/questions/${questionId}/events`).expect(200)).body as EventJson[];

  it('imports every new field and entry, each with its provenance, and appends nothing the second time', async () => {
    const file = await debate(
      'import-new-fields',
      [
        { key: 'garf', command: 'RegisterSource', kind: 'archival', title: 'GARF f. R-9501, op. 17', authors: [] },
        { key: 'e-lead', command: 'AttachEvidence', claim: 'allowance', source: 'garf', stance: 'supports', locator: 'op. 17' },
        { key: 'e-read', command: 'AttachEvidence', claim: 'allowance', source: 'garf', stance: 'supports', verification: 'examined' },
        {
          key: 'v-lead',
          command: 'VerifyEvidence',
          by: { name: 'Ángel Viñas' },
          at: '2021-03-01T10:00:00+01:00',
          evidence: 'e-lead',
          verification: 'transcribed',
          note: 'Quoted from ll. 12-14',
        },
        { key: 'r-criticism', command: 'RelateClaims', by: { name: 'Paul Preston' }, from: 'budget', toEvidence: 'e-read', relation: 'undercuts' },
        { key: 'r-rivals', command: 'RelateClaims', from: 'budget', to: 'allowance', relation: 'competes' },
        { key: 'stricter', command: 'ChangeProofStandard', question: 'q', proofStandard: 'beyond-reasonable-doubt', reason: 'read as a verdict' },
      ],
      (f) => (f.entries[1].proofStandard = 'clear-and-convincing'),
    );
    const summary = await importer.import(file, admin);
    expect(summary.appended).toBe(file.entries.length);
    const questionId = summary.ids.q;

    const events = await eventsOf(questionId);
    const ofType = (type: string) => events.filter((e) => e.type === type);
    expect(ofType('QuestionOpened')[0]).toMatchObject({ data: { proofStandard: 'clear-and-convincing' }, metadata: { schemaVersion: 2 } });
    expect(ofType('EvidenceAttached').map((e) => [e.data.evidenceId, e.data.verification])).toEqual([
      [summary.ids['e-lead'], 'cited'],
      [summary.ids['e-read'], 'examined'],
    ]);
    expect(ofType('EvidenceVerified')).toEqual([
      expect.objectContaining({
        data: { questionId, evidenceId: summary.ids['e-lead'], claimId: summary.ids.allowance, verification: 'transcribed', note: 'Quoted from ll. 12-14' },
        metadata: expect.objectContaining({ attributedTo: { name: 'Ángel Viñas' }, occurredAt: '2021-03-01T09:00:00.000Z', recordedBy: { id: admin.id, name: admin.name } }),
      }),
    ]);
    expect(ofType('ClaimRelatedToEvidence')).toEqual([
      expect.objectContaining({
        data: { questionId, relationId: summary.ids['r-criticism'], fromClaimId: summary.ids.budget, toEvidenceId: summary.ids['e-read'], relation: 'undercuts' },
        metadata: expect.objectContaining({ attributedTo: { name: 'Paul Preston' } }),
      }),
    ]);
    expect(ofType('ClaimsRelated').map((e) => e.data.relation)).toEqual(['supports', 'competes']);
    expect(ofType('ProofStandardChanged').map((e) => e.data)).toEqual([{ questionId, proofStandard: 'beyond-reasonable-doubt', reason: 'read as a verdict' }]);

    const question = (await t.http.get(`/api/questions/${questionId}`).expect(200)).body;
    expect(question.proofStandard).toBe('beyond-reasonable-doubt');
    expect(question.evidenceRelations).toHaveLength(1);

    const again = await importer.import(file, admin);
    expect(again).toMatchObject({ appended: 0, alreadyPresent: file.entries.length, events: 0 });
  });

  it('carries a claim’s verbatim passage and an archive guide entry into the ledger as they are written', async () => {
    const passage = 'But here comes the surprising part: some of them received a 600-ruble allowance to maintain their families while they were gone.';
    const guide = { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' };
    const file = await debate(
      'import-passages',
      [
        { key: 'garf', command: 'RegisterSource', kind: 'archival', title: 'GARF guide entry for f. R-9501', authors: [], identifiers: { archive: guide } },
        { key: 'quoted', command: 'ProposeClaim', by: { name: 'Silvia Ribelles de la Vega' }, at: '2021-02-10T03:02:00-05:00', in: 'post-1', question: 'q', kind: 'background', text: 'Some of them received a 600-ruble allowance.', passage },
      ],
    );
    const summary = await importer.import(file, admin);
    expect((await t.http.get(`/api/claims/${summary.ids.quoted}`).expect(200)).body).toMatchObject({ passage, text: 'Some of them received a 600-ruble allowance.' });
    expect((await t.http.get(`/api/claims/${summary.ids.allowance}`).expect(200)).body.passage).toBeNull();
    expect((await t.http.get(`/api/sources/${summary.ids.garf}`).expect(200)).body.identifiers).toEqual({ archive: guide });
  });

  const refusals: [string, Record<string, unknown>[], { field: string; message: RegExp }][] = [
    [
      'a lowered verification',
      [
        { key: 'e1', command: 'AttachEvidence', claim: 'allowance', source: 'post-1', stance: 'supports', verification: 'examined' },
        { key: 'v1', command: 'VerifyEvidence', evidence: 'e1', verification: 'cited' },
      ],
      { field: 'verification', message: /withdraw the evidence and attach it again/ },
    ],
    [
      'a verification already reached',
      [
        { key: 'e1', command: 'AttachEvidence', claim: 'allowance', source: 'post-1', stance: 'supports' },
        { key: 'v1', command: 'VerifyEvidence', evidence: 'e1', verification: 'cited' },
      ],
      { field: 'verification', message: /already cited/ },
    ],
    [
      'a rivalry stated again the other way round',
      [
        { key: 'r1', command: 'RelateClaims', from: 'budget', to: 'allowance', relation: 'competes' },
        { key: 'r2', command: 'RelateClaims', from: 'allowance', to: 'budget', relation: 'competes' },
      ],
      { field: 'relation', message: /already compete/ },
    ],
    [
      'a relation to withdrawn evidence',
      [
        { key: 'e1', command: 'AttachEvidence', claim: 'allowance', source: 'post-1', stance: 'supports' },
        { key: 'w1', command: 'WithdrawEvidence', evidence: 'e1', reason: 'a forum post is no evidence' },
        { key: 'r1', command: 'RelateClaims', from: 'budget', toEvidence: 'e1', relation: 'rebuts' },
      ],
      { field: 'toEvidence', message: /withdrawn/ },
    ],
    [
      'a change to the proof standard in force',
      [{ key: 'p1', command: 'ChangeProofStandard', question: 'q', proofStandard: 'preponderance', reason: 'x' }],
      { field: 'proofStandard', message: /already held to the preponderance standard/ },
    ],
  ];
  refusals.forEach(([name, entries, expected], i) => {
    it(`stops at ${name}, naming the entry and field`, async () => {
      const file = await debate(`import-refusal-${i}`, entries);
      const error = await importer.import(file, admin).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ImportRefusedError);
      const { problem, summary } = error as ImportRefusedError;
      expect(problem).toMatchObject({ entry: file.entries.length - 1, key: entries.at(-1)!.key, field: expected.field });
      expect(problem.message).toMatch(expected.message);
      expect(summary.appended).toBe(file.entries.length - 1);
    });
  });

  it('keeps the reference debate valid', async () => {
    const path = join(__dirname, '../../../examples/wais-soviet-red-cross.yaml');
    expect((await validateDebate(parseDebateText(readFileSync(path, 'utf8'), path).document)).problems).toEqual([]);
  });
});
