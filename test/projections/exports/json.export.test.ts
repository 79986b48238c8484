import { toJson } from '../../../projections/exports/json.export';
import { buildExportInput } from './export-fixture';

describe('JSON export', () => {
  const input = buildExportInput();
  const json = toJson(input);

  it('is plain data: it survives JSON text unchanged', () => {
    expect(JSON.parse(JSON.stringify(json))).toStrictEqual(json);
  });

  it('carries the question metadata and the moderator resolution with its check', () => {
    expect(json.format).toBe('claims-ledger/consensus-export@1');
    expect(json.question).toMatchObject({
      id: 'q-red-cross',
      tags: ['soviet-red-cross', 'nkvd'],
      status: 'resolved',
      subQuestions: [{ id: 'q-archives', title: 'Can the archives of the Soviet Red Cross in Moscow be consulted?', status: 'open' }],
      provenance: { attributedTo: { name: 'Silvia Ribelles de la Vega', location: 'USA' }, occurredAt: '2021-02-10T03:02:00-05:00' },
    });
    expect(json.question.revision).toMatch(/^\d+$/);
    expect(json.question.resolution).toMatchObject({
      acceptedClaimIds: ['c-infiltrated', 'c-external'],
      agrees: false,
      disagreements: [{ kind: 'not-accepted', claimId: 'c-external', label: 'contested' }, { kind: 'question-contested' }],
    });
    expect(json.consensus).toEqual({ status: 'contested', asOf: '2025-03-01T10:00:30.000Z' });
  });

  it('gives each claim its consensus, wordings and retraction', () => {
    expect(json.claims.map((c) => [c.number, c.id, c.label, c.strength, c.grounded])).toEqual([
      ['C1', 'c-infiltrated', 'accepted', 0.7125, 'in'],
      ['C2', 'c-external', 'contested', 0.5, 'undec'],
      ['C3', 'c-budgetary', 'retracted', null, null],
      ['C4', 'c-fond', 'rejected', 0.355, 'out'],
    ]);
    expect(json.claims[1]!.versions.map((v) => v.reason)).toEqual([null, 'names every successor agency']);
    expect(json.claims[2]!.retraction).toMatchObject({ reason: 'a feeble hypothesis, as I said' });
  });

  it('lists relations, evidence and the sources with their citations', () => {
    expect(json.relations.map((r) => r.relation)).toEqual(['supports', 'rebuts', 'undercuts']);
    expect(json.evidence.map((e) => [e.number, e.status])).toEqual([
      ['E1', 'attached'],
      ['E2', 'attached'],
      ['E3', 'attached'],
      ['E4', 'withdrawn'],
    ]);
    expect(json.sources.find((s) => s.id === 'garf-r9501-op17')!.citation).toContain('GARF, f. R-9501, op. 17, d. 8756');
  });

  it('shares no object with the view it was made from', () => {
    json.claims[0]!.provenance.attributedTo.name = 'changed';
    json.question.tags.push('changed');
    expect(input.question.claims.get('c-infiltrated')!.provenance.attributedTo.name).toBe('John Eipper');
    expect(input.question.tags).toEqual(['soviet-red-cross', 'nkvd']);
  });
});
