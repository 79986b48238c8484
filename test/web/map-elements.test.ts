import { describe, expect, it } from 'vitest';
import type { Consensus, ConsensusClaim, Provenance, QuestionDetail } from '../../web/src/api/types';
import { graphElements, labelCounts } from '../../web/src/features/map/graph-elements';

const prov = (occurredAt: string, recordedAt = '2026-01-01T00:00:00.000Z'): Provenance => ({
  recordedBy: { id: 'p', name: 'admin' },
  recordedAt,
  attributedTo: { name: 'someone' },
  occurredAt,
  saidIn: null,
});

const claim = (id: string, label: ConsensusClaim['label'], extra: Partial<ConsensusClaim> = {}): ConsensusClaim => ({
  id, text: `claim ${id}`, kind: 'answer', author: 'A', label, contestedBecause: null, reading: '', strength: 0.5, groundedStrength: null, base: 0.5,
  status: 'in', grounded: false, grounds: [], against: [], leads: [], rivals: [], wouldChange: [], counts: { supporters: 0, attackers: 0, undercutters: 0 },
  stances: { endorse: 2, dispute: 1, agreement: null }, ...extra,
});

const consensus = (claims: ConsensusClaim[], evidence: Consensus['evidence'] = []): Consensus => ({
  questionId: 'q', status: 'open', proofStandard: 'preponderance', thresholds: { accept: 0.6, reject: 0.4, rivalMargin: 0.05 }, semantics: 'df-quad',
  asOf: null, axis: 'recorded', atPosition: null, position: '10', resolution: { exists: false, acceptedClaimIds: [], agrees: null, disagreements: [] }, claims, evidence,
  summary: {
    claims: claims.length,
    liveClaims: claims.filter((c) => c.label !== 'retracted').length,
    evidence: evidence.length,
    labels: { corroborated: 0, unverified: 0, contested: 0, refuted: 0, open: 0, retracted: 0, ...Object.fromEntries(claims.map((c) => [c.label, claims.filter((o) => o.label === c.label).length])) },
    acceptedAnswers: [],
  },
});

const question = {
  relations: [
    { id: 'r1', fromClaimId: 'b', toClaimId: 'a', relation: 'supports', provenance: prov('1947-02') },
    { id: 'r2', fromClaimId: 'c', toClaimId: 'a', relation: 'rebuts', provenance: prov('2021-02-12T08:00:00.000Z') },
    { id: 'r3', fromClaimId: 'gone', toClaimId: 'a', relation: 'undercuts', provenance: prov('1947') },
  ],
  evidenceRelations: [{ id: 'r4', fromClaimId: 'c', toEvidenceId: 'e2', relation: 'undercuts', provenance: prov('1950') }],
} as unknown as QuestionDetail;

const evidence = (id: string, claimId: string, verification: string) => ({
  id, claimId, sourceId: 's', sourceTitle: 'GARF, f. 9501', stance: 'supports', locator: null, verification, weight: 0.3, strength: 0.3, status: 'in', counted: true, countedAs: null,
});

describe('the argument map’s elements', () => {
  const now = consensus([claim('a', 'contested'), claim('b', 'corroborated', { strength: 0.913 }), claim('c', 'refuted'), claim('x', 'retracted')], [
    evidence('e1', 'b', 'examined'),
    evidence('e2', 'a', 'cited'),
  ]);

  it('has every live claim and evidence as nodes, with label, strength and stances written on them', () => {
    const elements = graphElements(question, now);
    const nodes = elements.filter((e) => e.group === 'nodes');
    expect(nodes.map((n) => n.data.id).sort()).toEqual(['a', 'b', 'c', 'e1', 'e2']);
    const b = nodes.find((n) => n.data.id === 'b')!;
    expect(b.classes).toBe('claim label-corroborated');
    expect(b.data.caption).toMatch(/^✔ corroborated · 0\.91 · ▲2 ▼1\nclaim b$/);
  });

  it('draws relations by kind and cited-only evidence as a lead; drops edges to what is not on the map', () => {
    const edges = graphElements(question, now).filter((e) => e.group === 'edges');
    expect(edges.map((e) => `${e.data.id}:${e.classes}`).sort()).toEqual([
      'e1->b:rel-supports',
      'e2->a:rel-supports lead',
      'r1:rel-supports',
      'r2:rel-rebuts',
      'r4:rel-undercuts on-evidence',
    ]);
    expect(graphElements(question, now).find((e) => e.data.id === 'e2')!.classes).toBe('evidence lead');
  });

  it('as of a moment, keeps only the relations made by then (a partial date once all of it has passed)', () => {
    const then = consensus([claim('a', 'open'), claim('b', 'open'), claim('c', 'open')]);
    const at = (asOf: string) => graphElements(question, then, { asOf, axis: 'occurred' }).filter((e) => e.group === 'edges').map((e) => e.data.id);
    expect(at('2021-02-11')).toEqual(['r1']);
    expect(at('1947-02-27')).toEqual([]);
    expect(at('2021-02-12T08:00:00.000Z')).toEqual(['r1', 'r2']);
    const byPosition = graphElements(question, then, { atPosition: '5' }, new Map([['r1', '4'], ['r2', '6']]));
    expect(byPosition.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual(['r1']);
  });

  it('counts the labels for the legend', () => {
    expect([...labelCounts(now)].sort()).toEqual([['contested', 1], ['corroborated', 1], ['refuted', 1], ['retracted', 1]]);
  });
});
