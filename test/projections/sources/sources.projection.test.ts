import { describe, expect, it } from 'vitest';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { sourceLookup } from '../../../projections/sources/source-lookup';
import { claimProposed, evidenceAttached, evidenceVerified, evidenceWithdrawn, questionOpened, said, sourceAppraised, sourceRegistered } from '../../support/ledger-events';
import { projectionSpec } from '../../support/projection-spec';

const spec = projectionSpec(sourcesProjection);
const q = 'q';
const garf = sourceRegistered({ sourceId: 'garf', title: 'GARF fond R-9501', kind: 'archival', authors: ['Soviet Red Cross'], reliability: 'B' });

describe('the sources projection', () => {
  it('registers a source with its bibliographic record, details empty when none were given', () => {
    spec.given([garf]).then((view) => {
      expect(view.sources.get('garf')).toMatchObject({ title: 'GARF fond R-9501', kind: 'archival', authors: ['Soviet Red Cross'], details: {}, reliability: 'B', registeredReliability: 'B', appraisals: [], citations: [], position: 0n });
    });
  });

  it('keeps every appraisal in log order with its position, the last one current, the registered one kept', () => {
    spec
      .given([garf, sourceRegistered({ sourceId: 'other' }), sourceAppraised({ sourceId: 'garf', reliability: 'D', note: 'copied from a copy' })])
      .then((view) => expect(view.sources.get('garf')!.reliability).toBe('D'))
      .and([said(sourceAppraised({ sourceId: 'garf', reliability: 'A', note: 'the original found' }), { by: { name: 'Siobhán Hearne' }, at: '2025-02' })])
      .then((view) => {
        const source = view.sources.get('garf')!;
        expect(source.reliability).toBe('A');
        expect(source.registeredReliability).toBe('B');
        expect(source.appraisals.map((a) => [a.reliability, a.note, a.position, a.provenance.occurredAt])).toEqual([
          ['D', 'copied from a copy', 2n, expect.stringMatching(/^2021-/)],
          ['A', 'the original found', 3n, '2025-02'],
        ]);
        expect(sourceLookup(view)('garf')).toEqual({ title: 'GARF fond R-9501', reliability: 'A' });
        expect(sourceLookup(view)('nowhere')).toBeUndefined();
      });
  });

  it('lists where a source is cited, following each citation’s verification and withdrawal', () => {
    spec
      .given([
        garf,
        questionOpened({ questionId: q }),
        claimProposed({ questionId: q, claimId: 'a' }),
        evidenceAttached({ questionId: q, evidenceId: 'e1', claimId: 'a', sourceId: 'garf', verification: 'cited', locator: 'l. 3' }),
        evidenceAttached({ questionId: q, evidenceId: 'e2', claimId: 'a', sourceId: 'garf', stance: 'undermines' }),
      ])
      .then((view) => {
        expect(view.sources.get('garf')!.citations).toEqual([
          { evidenceId: 'e1', questionId: q, claimId: 'a', stance: 'supports', locator: 'l. 3', verification: 'cited', withdrawn: false },
          { evidenceId: 'e2', questionId: q, claimId: 'a', stance: 'undermines', locator: null, verification: 'examined', withdrawn: false },
        ]);
      })
      .and([evidenceVerified({ questionId: q, evidenceId: 'e1', claimId: 'a', verification: 'transcribed' }), evidenceWithdrawn({ questionId: q, evidenceId: 'e2', claimId: 'a' })])
      .then((view) => {
        const [first, second] = view.sources.get('garf')!.citations;
        expect(first).toMatchObject({ verification: 'transcribed', withdrawn: false });
        expect(second).toMatchObject({ verification: 'examined', withdrawn: true });
        expect(view.citationByEvidence.get('e1')).toBe(first);
      });
  });

  it('ignores an appraisal of a source it does not know, and keeps no source for a citation of one', () => {
    spec
      .given([sourceAppraised({ sourceId: 'ghost', reliability: 'A' }), questionOpened({ questionId: q }), evidenceAttached({ questionId: q, evidenceId: 'e', claimId: 'a', sourceId: 'ghost' })])
      .then((view) => {
        expect(view.sources.size).toBe(0);
        // The citation is still found by evidence id, for a later verification or withdrawal.
        expect(view.citationByEvidence.get('e')).toMatchObject({ questionId: q, withdrawn: false });
      });
  });
});
