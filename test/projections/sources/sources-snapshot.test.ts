import { describe, expect, it } from 'vitest';
import { StreamedEntries, stepsDone } from '../../../projections/projection';
import { sourcesProjection, type SourcesView, type SourceView } from '../../../projections/sources/sources.projection';
import {
  claimProposed,
  evidenceAttached,
  evidenceVerified,
  evidenceWithdrawn,
  questionOpened,
  said,
  sourceAppraised,
  sourceRegistered,
  type GivenEvent,
} from '../../support/ledger-events';
import { ProjectionFold } from '../../support/projection-spec';
import { ordered, sharing } from '../../support/view-shape';
import { viewSnapshotFiles } from '../../support/view-snapshot-file';

const saveView = viewSnapshotFiles('sources-snapshot-');

/** `data` as the sources view's snapshot form, written to a snapshot file as the runner writes it, and read back. */
const throughFile = (data: unknown): unknown => saveView('sources', data).load()!.views.sources;

function throughSnapshot(view: SourcesView): SourcesView {
  return sourcesProjection.fromSnapshot!(throughFile(sourcesProjection.toSnapshot!(view)));
}

function folded(events: readonly GivenEvent[]): SourcesView {
  const fold = new ProjectionFold(sourcesProjection);
  fold.apply(...events);
  return fold.view;
}

const q = 'q';
/** Two sources, appraised, cited by several pieces of evidence (one verified, one withdrawn), and a citation of a source never registered. */
const history: GivenEvent[] = [
  sourceRegistered({ sourceId: 'garf', title: 'GARF fond R-9501', kind: 'archival', authors: ['Soviet Red Cross'], reliability: 'B' }),
  sourceRegistered({ sourceId: 'cia', title: 'CIA report', kind: 'report' }),
  sourceAppraised({ sourceId: 'garf', reliability: 'D', note: 'copied from a copy' }),
  said(sourceAppraised({ sourceId: 'garf', reliability: 'A', note: 'the original found' }), { by: { name: 'Siobhán Hearne' }, at: '2025-02' }),
  questionOpened({ questionId: q }),
  claimProposed({ questionId: q, claimId: 'a' }),
  claimProposed({ questionId: q, claimId: 'b' }),
  evidenceAttached({ questionId: q, evidenceId: 'e1', claimId: 'a', sourceId: 'garf', verification: 'cited', locator: 'l. 3' }),
  evidenceAttached({ questionId: q, evidenceId: 'e2', claimId: 'a', sourceId: 'cia', stance: 'undermines' }),
  evidenceAttached({ questionId: q, evidenceId: 'e3', claimId: 'b', sourceId: 'garf', locator: 'f. 12' }),
  evidenceAttached({ questionId: q, evidenceId: 'e4', claimId: 'b', sourceId: 'ghost' }),
  evidenceVerified({ questionId: q, evidenceId: 'e1', claimId: 'a', verification: 'transcribed' }),
  evidenceWithdrawn({ questionId: q, evidenceId: 'e2', claimId: 'a' }),
];

describe('the sources view through a snapshot', () => {
  it('comes back equal to the fold: records, key and Map order, and a citation one object in its source and in the index', () => {
    const view = folded(history);
    const restored = throughSnapshot(view);
    expect(ordered(restored)).toEqual(ordered(view));
    expect(sharing(restored)).toEqual(sharing(view));
    expect(restored.citationByEvidence.get('e1')).toBe(restored.sources.get('garf')!.citations[0]);
    // The citation of a source never registered is kept for a later verification or withdrawal.
    expect(restored.citationByEvidence.get('e4')).toMatchObject({ claimId: 'b', withdrawn: false });
  });

  it('folds on after a restore as it folds on without one', () => {
    const more: GivenEvent[] = [evidenceVerified({ questionId: q, evidenceId: 'e3', claimId: 'b', verification: 'transcribed' }), evidenceWithdrawn({ questionId: q, evidenceId: 'e1', claimId: 'a' })];
    const straight = new ProjectionFold(sourcesProjection);
    straight.apply(...history, ...more);
    const restarted = new ProjectionFold(sourcesProjection);
    restarted.apply(...history);
    restarted.restore(throughSnapshot(restarted.view));
    restarted.apply(...more);
    expect(ordered(restarted.view)).toEqual(ordered(straight.view));
    expect(restarted.view.sources.get('garf')!.citations.map((c) => [c.verification, c.withdrawn])).toEqual([
      ['transcribed', true],
      ['transcribed', false],
    ]);
  });

  it('writes the citations as primitives: a source is its record without them, then their evidence ids', () => {
    const view = folded(history);
    const snapshot = sourcesProjection.toSnapshot!(view) as { sources: StreamedEntries<string, SourceView>; citationByEvidence: StreamedEntries<string, unknown> };
    expect(snapshot.sources).toBeInstanceOf(StreamedEntries);
    const cellsOf = <V>(entries: StreamedEntries<string, V>, value: V) => {
      const cells: unknown[] = [];
      entries.write(value, (cell) => cells.push(cell));
      return cells;
    };
    const garf = cellsOf(snapshot.sources, view.sources.get('garf')!);
    expect(garf[0]).toBe(1);
    expect(garf[1]).toMatchObject({ id: 'garf', citations: null, appraisals: [expect.objectContaining({ note: 'copied from a copy' }), expect.objectContaining({ note: 'the original found' })] });
    expect(garf.slice(2)).toEqual([2, 'e1', 'e3']);
    expect(cellsOf(snapshot.citationByEvidence, view.citationByEvidence.get('e1'))).toEqual([1, q, 'a', 'supports', 'l. 3', 'transcribed', false]);
  });

  it('writes as it is, and reads back so, a view whose citations are not shared as the fold shares them', () => {
    const view = folded(history);
    // A source listing a copy of its citation rather than the indexed record: the fold never does this.
    const garf = view.sources.get('garf')!;
    garf.citations[0] = { ...garf.citations[0]! };
    expect(sourcesProjection.toSnapshot!(view)).toBe(view);
    const restored = throughSnapshot(view);
    expect(ordered(restored)).toEqual(ordered(view));
    expect(restored.citationByEvidence.get('e1')).not.toBe(restored.sources.get('garf')!.citations[0]);
  });

  it('reads a snapshot written before this form (the view as records) as it is', () => {
    const view = folded(history);
    const restored = sourcesProjection.fromSnapshot!(throughFile(view));
    expect(ordered(restored)).toEqual(ordered(view));
    expect(restored.citationByEvidence.get('e1')).toBe(restored.sources.get('garf')!.citations[0]);
  });

  it('refuses a source in a form it does not know, or citing evidence its citations do not hold, naming it', () => {
    const view = folded(history);
    const citations = new Map([...view.citationByEvidence].map(([id, c]) => [id, [1, c.questionId, c.claimId, c.stance, c.locator, c.verification, c.withdrawn]]));
    expect(() => sourcesProjection.fromSnapshot!({ sources: new Map([['garf', [2, {}, 0]]]), citationByEvidence: citations })).toThrow(/source garf is in a form this build does not read \(2\)/);
    expect(() => sourcesProjection.fromSnapshot!({ sources: new Map([['garf', [1, { id: 'garf' }, 1, 'e9']]]), citationByEvidence: citations })).toThrow(/source garf cites evidence e9/);
  });

  it('restores a large view a few thousand entries a step, to the same view', () => {
    const events: GivenEvent[] = [sourceRegistered({ sourceId: 's' }), questionOpened({ questionId: q }), claimProposed({ questionId: q, claimId: 'a' })];
    for (let index = 0; index < 5000; index++) events.push(evidenceAttached({ questionId: q, evidenceId: `e${index}`, claimId: 'a', sourceId: index % 3 === 0 ? 'nowhere' : 's' }));
    const view = folded(events);
    const data = throughFile(sourcesProjection.toSnapshot!(view));
    const steps = sourcesProjection.restoreInSteps!(data);
    let taken = 0;
    let step = steps.next();
    while (!step.done) {
      taken++;
      step = steps.next();
    }
    expect(taken).toBeGreaterThanOrEqual(2);
    expect(ordered(step.value)).toEqual(ordered(view));
    expect(ordered(stepsDone(sourcesProjection.restoreInSteps!(data)))).toEqual(ordered(view));
  });
});
