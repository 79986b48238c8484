import { toJson } from '../../../projections/exports/json.export';
import { buildExportInput } from './export-fixture';

describe('JSON export', () => {
  const input = buildExportInput();
  const json = toJson(input);

  it('is plain data: it survives JSON text unchanged', () => {
    expect(JSON.parse(JSON.stringify(json))).toStrictEqual(json);
  });

  it('carries the question metadata and the moderator resolution with its check', () => {
    expect(json.format).toBe('claims-ledger/consensus-export@2');
    expect(json.question).toMatchObject({
      id: 'q-red-cross',
      tags: ['soviet-red-cross', 'nkvd'],
      status: 'resolved',
      subQuestions: [{ id: 'q-archives', title: 'Can the archives of the Soviet Red Cross in Moscow be consulted?', status: 'open' }],
      proofStandard: 'preponderance',
      proofStandardChanges: [],
      provenance: { attributedTo: { name: 'Silvia Ribelles de la Vega', location: 'USA' }, occurredAt: '2021-02-10T03:02:00-05:00' },
    });
    expect(json.question.revision).toMatch(/^\d+$/);
    expect(json.question.resolution).toMatchObject({
      acceptedClaimIds: ['c-infiltrated', 'c-external'],
      agrees: false,
      disagreements: [{ kind: 'not-corroborated', claimId: 'c-external', label: 'contested' }, { kind: 'question-contested' }],
    });
    expect(json.consensus).toEqual({ status: 'contested', proofStandard: 'preponderance', asOf: '2025-03-01T10:00:30.000Z' });
  });

  it('gives each claim its consensus, stances, wordings and retraction', () => {
    expect(json.claims.map((c) => [c.number, c.id, c.label, c.strength, c.grounded, c.dialecticalStatus, c.leads])).toEqual([
      ['C1', 'c-infiltrated', 'corroborated', 0.7125, true, 'in', 0],
      ['C2', 'c-external', 'contested', 0.5, true, 'undec', 1],
      ['C3', 'c-budgetary', 'retracted', null, false, null, 0],
      ['C4', 'c-fond', 'refuted', 0.355, false, 'out', 0],
      ['C5', 'c-deniability', 'open', 0.5, false, 'in', 0],
    ]);
    expect(json.claims.map((c) => [c.stances.endorse, c.stances.dispute])).toEqual([[0, 0], [2, 1], [1, 0], [0, 0], [0, 1]]);
    expect(json.claims[4]!.reading).toContain('nothing in the record confirms it');
    expect(json.claims[1]!.versions.map((v) => v.reason)).toEqual([null, 'names every successor agency']);
    expect(json.claims[2]!.retraction).toMatchObject({ reason: 'a feeble hypothesis, as I said' });
  });

  it('gives each claim the verbatim passage it paraphrases beside its text, null when it is drawn from no text', () => {
    expect(json.claims.map((c) => c.passage)).toEqual([
      'I take it for granted that the Soviet Red Cross was a fully integrated and "infiltrated" branch of the Soviet government.',
      null,
      null,
      null,
      null,
    ]);
  });

  it('lists relations, evidence and the sources with their citations', () => {
    expect(json.relations.map((r) => r.relation)).toEqual(['supports', 'rebuts', 'undercuts', 'competes']);
    expect(json.evidenceRelations).toMatchObject([{ id: 'r5', fromClaimId: 'c-fond', toEvidenceId: 'e-garf', relation: 'undercuts' }]);
    expect(json.evidence.map((e) => [e.number, e.verification, e.status])).toEqual([
      ['E1', 'examined', 'attached'],
      ['E2', 'transcribed', 'attached'],
      ['E3', 'examined', 'attached'],
      ['E4', 'examined', 'withdrawn'],
      ['E5', 'cited', 'attached'],
    ]);
    expect(json.evidence[1]!.verifications).toMatchObject([
      { verification: 'examined', note: null },
      { verification: 'transcribed', note: 'quoted from the CREST scan', provenance: { attributedTo: { name: 'Siobhán Hearne' } } },
    ]);
    expect(json.sources.find((s) => s.id === 'garf-r9501-op17')!.citation).toContain('GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)');
  });

  it('shares no object with the view it was made from', () => {
    json.claims[0]!.provenance.attributedTo.name = 'changed';
    json.question.tags.push('changed');
    expect(input.question.claims.get('c-infiltrated')!.provenance.attributedTo.name).toBe('John Eipper');
    expect(input.question.tags).toEqual(['soviet-red-cross', 'nkvd']);
  });
});
