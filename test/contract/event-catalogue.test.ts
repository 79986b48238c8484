import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, currentData, toLedgerEvent } from '../../contract/event-catalogue';

const openedV1 = { questionId: 'q1', title: 'Who paid the allowance?', body: '', tags: [], parentQuestionId: null };
const proposedV1 = { questionId: 'q1', claimId: 'c1', text: 'A budgetary device', kind: 'hypothesis', owner: { id: 'p1', name: 'Paul Preston' } };
const attachedV1 = {
  questionId: 'q1',
  evidenceId: 'e1',
  claimId: 'c1',
  sourceId: 's1',
  stance: 'supports',
  locator: 'op. 17',
  quote: null,
  credibility: 2,
  owner: { id: 'p1', name: 'Boris Volodarsky' },
};

describe('event catalogue: schema versions and upcasters', () => {
  it('is at version 2 for QuestionOpened, ClaimProposed, EvidenceAttached and SourceRegistered, 1 for every other type', () => {
    expect(CURRENT_SCHEMA_VERSION.QuestionOpened).toBe(2);
    expect(CURRENT_SCHEMA_VERSION.ClaimProposed).toBe(2);
    expect(CURRENT_SCHEMA_VERSION.EvidenceAttached).toBe(2);
    expect(CURRENT_SCHEMA_VERSION.SourceRegistered).toBe(2);
    for (const type of ['ProofStandardChanged', 'ClaimRelatedToEvidence', 'EvidenceVerified', 'ClaimsRelated', 'ClaimRevised', 'SourceAppraised'] as const) {
      expect(CURRENT_SCHEMA_VERSION[type], type).toBe(1);
    }
  });

  it('reads a version 1 QuestionOpened as opened under the default proof standard, preponderance', () => {
    const recorded = { type: 'QuestionOpened', data: openedV1, metadata: { schemaVersion: 1 } };
    expect(currentData(recorded)).toEqual({ ...openedV1, proofStandard: 'preponderance' });
    expect(toLedgerEvent(recorded)).toEqual({ type: 'QuestionOpened', data: { ...openedV1, proofStandard: 'preponderance' } });
  });

  it('reads a version 1 SourceRegistered with no bibliographic details: it recorded none', () => {
    const registeredV1 = { sourceId: 's1', kind: 'report', title: 'Soviet Relations with Foreign Communist Parties', authors: ['Central Intelligence Agency'], issued: '1954-06-25', identifiers: {}, reliability: null };
    const recorded = { type: 'SourceRegistered', data: registeredV1, metadata: { schemaVersion: 1 } };
    expect(currentData(recorded)).toEqual({ ...registeredV1, details: {} });
    const current = { type: 'SourceRegistered', data: { ...registeredV1, details: { genre: 'Information report' } }, metadata: { schemaVersion: 2 } };
    expect(currentData(current)).toEqual(current.data);
  });

  it('reads a version 1 EvidenceAttached as cited: nothing in the record says anybody read it', () => {
    const recorded = { type: 'EvidenceAttached', data: attachedV1, metadata: { schemaVersion: 1 } };
    expect(currentData(recorded)).toEqual({ ...attachedV1, verification: 'cited' });
    expect(toLedgerEvent(recorded)).toEqual({ type: 'EvidenceAttached', data: { ...attachedV1, verification: 'cited' } });
  });

  it('reads a version 1 ClaimProposed with no passage: the record holds none for it', () => {
    const recorded = { type: 'ClaimProposed', data: proposedV1, metadata: { schemaVersion: 1 } };
    expect(currentData(recorded)).toEqual({ ...proposedV1, passage: null });
    expect(toLedgerEvent(recorded)).toEqual({ type: 'ClaimProposed', data: { ...proposedV1, passage: null } });
    const passage = 'However, this is just a feeble suggestion.';
    expect(currentData({ type: 'ClaimProposed', data: { ...proposedV1, passage }, metadata: { schemaVersion: 2 } })).toEqual({ ...proposedV1, passage });
  });

  it('reads an event with no schemaVersion at all as version 1', () => {
    expect(currentData({ type: 'EvidenceAttached', data: attachedV1, metadata: {} })).toMatchObject({ verification: 'cited' });
    expect(currentData({ type: 'QuestionOpened', data: openedV1, metadata: {} })).toMatchObject({ proofStandard: 'preponderance' });
    expect(currentData({ type: 'ClaimProposed', data: proposedV1, metadata: {} })).toMatchObject({ passage: null });
  });

  it('leaves version 2 events as they were stored', () => {
    const attached = { ...attachedV1, verification: 'transcribed' };
    expect(currentData({ type: 'EvidenceAttached', data: attached, metadata: { schemaVersion: 2 } })).toEqual(attached);
    const opened = { ...openedV1, proofStandard: 'beyond-reasonable-doubt' };
    expect(toLedgerEvent({ type: 'QuestionOpened', data: opened, metadata: { schemaVersion: 2 } })).toEqual({ type: 'QuestionOpened', data: opened });
  });

  it('does not touch the stored data it upcasts', () => {
    const data = { ...attachedV1 };
    currentData({ type: 'EvidenceAttached', data, metadata: { schemaVersion: 1 } });
    expect(data).toEqual(attachedV1);
  });

  it('ignores events that are not the ledger’s', () => {
    expect(currentData({ type: 'SomethingElse', data: {}, metadata: {} })).toBeNull();
    expect(toLedgerEvent({ type: 'SomethingElse', data: {}, metadata: {} })).toBeNull();
  });
});
