import { describe, expect, it } from 'vitest';
import type { Consensus, Provenance, QuestionClaim, QuestionDetail, QuestionEvidence, TimelineEntry } from '../../web/src/api/types';
import {
  credibilityText,
  findingAids,
  proposalPositions,
  readingEntries,
  readingOrder,
  reliabilityText,
  sourcesOfEntries,
  type SourceRecord,
} from '../../web/src/features/reading/reading-model';

const provenance = (occurredAt: string, name = 'Someone', saidIn: string | null = null): Provenance => ({
  recordedBy: { id: 'p', name: 'admin' },
  recordedAt: '2026-01-01T00:00:00.000Z',
  attributedTo: { name },
  occurredAt,
  saidIn,
});
const claim = (id: string, occurredAt: string, extra: Partial<QuestionClaim> = {}): QuestionClaim => ({
  id,
  questionId: 'q',
  kind: 'answer',
  text: `claim ${id}`,
  passage: null,
  status: 'live',
  owner: { id: 'p', name: 'admin' },
  provenance: provenance(occurredAt),
  versions: [],
  ...extra,
});
const proposed = (id: string, position: number): TimelineEntry =>
  ({ position: String(position), eventId: `e${id}`, type: 'ClaimProposed', stream: 'question-q', revision: '0', provenance: provenance('2026'), subjectId: id, changes: [] }) as TimelineEntry;

describe('the reading order', () => {
  it('goes by when each claim was said, a partial date by the first moment it can mean, then by log position', () => {
    const claims = [
      claim('late', '2021-02-12T08:13:00.000Z'),
      claim('day', '1947-02-10'),
      claim('year', '1947'),
      claim('month', '1947-02'),
      claim('same-b', '2021-02-10T08:02:00.000Z'),
      claim('same-a', '2021-02-10T08:02:00.000Z'),
    ];
    // same-a was recorded before same-b, though listed after it.
    const positions = proposalPositions([proposed('same-b', 20), proposed('same-a', 10), proposed('late', 30)]);
    expect(readingOrder(claims, positions).map((c) => c.id)).toEqual(['year', 'month', 'day', 'same-a', 'same-b', 'late']);
  });

  it('keeps the question’s own order where positions are unknown, and puts an unreadable date last', () => {
    const claims = [claim('bad', 'not a date'), claim('b', '2021'), claim('a', '2021')];
    expect(readingOrder(claims, new Map()).map((c) => c.id)).toEqual(['b', 'a', 'bad']);
  });

  it('takes each claim’s first proposal position from the timeline, ignoring other events', () => {
    const positions = proposalPositions([
      proposed('c', 5),
      { ...proposed('c', 9), type: 'ClaimRevised' },
      { ...proposed('x', 3), type: 'EvidenceAttached' },
    ]);
    expect([...positions]).toEqual([['c', 5n]]);
  });
});

describe('the reading entries', () => {
  const question = {
    id: 'q',
    claims: [
      claim('c1', '2021-02-10T08:02:00.000Z', { passage: 'verbatim words', provenance: provenance('2021-02-10T08:02:00.000Z', 'Silvia', 'post-1') }),
      claim('c2', '2021-02-12T08:13:00.000Z', { text: 'a rebuttal that goes on for more than ten words so that it is cut short here' }),
      claim('c3', '1947-02'),
    ],
    relations: [{ id: 'r1', fromClaimId: 'c2', toClaimId: 'c1', relation: 'rebuts', provenance: provenance('2021') }],
    evidenceRelations: [{ id: 'r2', fromClaimId: 'c3', toEvidenceId: 'e1', relation: 'undercuts', provenance: provenance('2021') }],
    evidence: [{ id: 'e1', claimId: 'c1', sourceId: 'archive-1', verification: 'cited', verifications: [] } as unknown as QuestionEvidence],
  } as unknown as QuestionDetail;
  const consensus = (ids: string[]) => ({ claims: ids.map((id) => ({ id, label: id === 'c2' ? 'contested' : 'unverified' })) }) as unknown as Consensus;

  it('numbers the claims in reading order and says their relations in words, both ways', () => {
    const entries = readingEntries(question, consensus(['c1', 'c2', 'c3']), [], false);
    expect(entries.map((e) => [e.ref, e.claim.id, e.label])).toEqual([
      ['C1', 'c3', 'unverified'],
      ['C2', 'c1', 'unverified'],
      ['C3', 'c2', 'contested'],
    ]);
    const [c3, c1, c2] = entries;
    expect(c2!.outgoing.map((r) => [r.words, r.target.kind === 'claim' && r.target.ref])).toEqual([['rebuts', 'C2']]);
    expect(c1!.incoming.map((r) => [r.words, r.target.kind === 'claim' && r.target.ref])).toEqual([['is rebutted by', 'C3']]);
    expect(c3!.outgoing).toEqual([{ words: 'undercuts the evidence', target: { kind: 'evidence', id: 'e1', sourceId: 'archive-1' } }]);
    // A partial date is shown as given, an instant in UTC.
    expect(c3!.said).toBe('1947-02');
    expect(c1!.said).toBe('2021-02-10 08:02 UTC');
    expect(c1!.author).toBe('Silvia');
    expect(c1!.evidence.map((e) => e.id)).toEqual(['e1']);
  });

  it('at a replay moment shows only the claims the consensus of that moment knows, and only relations between them', () => {
    const entries = readingEntries(question, consensus(['c1', 'c3']), [], true);
    expect(entries.map((e) => e.claim.id)).toEqual(['c3', 'c1']);
    expect(entries[1]!.incoming).toEqual([]);
  });

  it('lists the sources the entries rely on, where claims were said and what evidence cites, once each', () => {
    expect(sourcesOfEntries(readingEntries(question, consensus(['c1', 'c2', 'c3']), [], false))).toEqual(['post-1', 'archive-1']);
  });
});

describe('sources: finding aids and appraisals', () => {
  const source = (identifiers: SourceRecord['identifiers']): SourceRecord =>
    ({ id: 's', kind: 'archival', title: 't', authors: [], issued: null, identifiers, details: {}, reliability: 'B', registeredReliability: 'B', appraisals: [], provenance: provenance('2026') }) as SourceRecord;

  it('gives a guide entry as one, with its counts, never as a file', () => {
    const aids = findingAids(
      source({ archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', inventories: 17, storageUnits: 8756, years: '1918–1992' } }),
    );
    expect(aids).toEqual([{ kind: 'Archive guide entry', text: 'GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)' }]);
    expect(aids[0]!.text).not.toMatch(/d\. 8756/);
  });

  it('gives a file citation in the archive’s form, and every other identifier, with links where they resolve', () => {
    const aids = findingAids(source({ archive: { repository: 'GARF', fond: 'R-9501', opis: '1', delo: '45', list: '12-14' }, crest: 'CIA-1', doi: '10.1/x', url: 'https://example.org/a' }));
    expect(aids).toEqual([
      { kind: 'Archival reference', text: 'GARF, f. R-9501, op. 1, d. 45, ll. 12-14' },
      { kind: 'CREST', text: 'CIA-1' },
      { kind: 'DOI', text: '10.1/x', href: 'https://doi.org/10.1/x' },
      { kind: 'URL', text: 'https://example.org/a', href: 'https://example.org/a' },
    ]);
  });

  it('says the Admiralty letters and digits in words', () => {
    expect(reliabilityText('B')).toBe('B (usually reliable)');
    expect(reliabilityText('Z')).toBe('Z');
    expect(credibilityText(2)).toBe('2 (probably true)');
  });
});
