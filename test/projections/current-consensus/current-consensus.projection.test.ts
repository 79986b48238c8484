import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { computeQuestionConsensus } from '../../../projections/consensus';
import {
  currentConsensusProjection,
  engineBytes,
  readCurrentConsensus,
  readCurrentConsensusSliced,
  type CurrentConsensusView,
} from '../../../projections/current-consensus/current-consensus.projection';
import { questionsProjection, type QuestionsView } from '../../../projections/questions/questions.projection';
import { sourceLookup } from '../../../projections/sources/source-lookup';
import { sourcesProjection, type SourcesView } from '../../../projections/sources/sources.projection';
import { claimProposed, evidenceAttached, questionOpened, sourceAppraised, sourceRegistered, type GivenEvent } from '../../support/ledger-events';
import { ProjectionFold, projectionSpec } from '../../support/projection-spec';

const owner = { id: 'user-1', name: 'Test User' };
const consensusProjection = currentConsensusProjection({}, 'test');

/** The three views the projection needs, fed events in log order as the runner feeds them. */
class Ledger {
  private readonly fold: ProjectionFold<CurrentConsensusView>;

  constructor(projection = consensusProjection) {
    this.fold = new ProjectionFold(projection, {
      after: [questionsProjection, sourcesProjection],
      recordedBy: owner,
      startAt: new Date(Date.UTC(2021, 1, 10)),
      stepMs: 0,
    });
  }

  get questions(): QuestionsView {
    return this.fold.viewOf(questionsProjection);
  }

  get sources(): SourcesView {
    return this.fold.viewOf(sourcesProjection);
  }

  get consensus(): CurrentConsensusView {
    return this.fold.view;
  }

  set consensus(view: CurrentConsensusView) {
    this.fold.restore(view);
  }

  /** Folds the event; gives its position. */
  apply(event: GivenEvent): bigint {
    return this.fold.apply(event)[0]!.meta.position;
  }

  open(questionId: string): void {
    this.apply({ type: 'QuestionOpened', data: { questionId, title: `Question ${questionId}`, body: '', tags: [], parentQuestionId: null, proofStandard: 'preponderance' } });
  }

  claim(questionId: string, claimId: string, respondsTo?: { claimId: string; relation: 'supports' | 'rebuts' }): void {
    this.apply({ type: 'ClaimProposed', data: { questionId, claimId, text: `Claim ${claimId}`, passage: null, kind: 'answer', owner } });
    if (respondsTo) {
      this.apply({ type: 'ClaimsRelated', data: { questionId, relationId: `${claimId}-r`, fromClaimId: claimId, toClaimId: respondsTo.claimId, relation: respondsTo.relation } });
    }
  }

  read(questionId: string) {
    return readCurrentConsensus(this.consensus, this.questions, this.sources, questionId);
  }

  full(questionId: string) {
    return computeQuestionConsensus(this.questions.questions.get(questionId)!, sourceLookup(this.sources));
  }
}

describe('the current-consensus projection', () => {
  it('computes nothing while events are applied, and a read equals a full recompute, after one event or several', () => {
    const ledger = new Ledger();
    ledger.open('q');
    ledger.claim('q', 'a');
    expect(ledger.consensus.questions.get('q')!.engine).toBeUndefined();
    expect(ledger.read('q')!.consensus).toEqual(ledger.full('q'));

    ledger.claim('q', 'b', { claimId: 'a', relation: 'rebuts' });
    ledger.claim('q', 'c', { claimId: 'b', relation: 'rebuts' });
    ledger.apply({ type: 'StanceRecorded', data: { questionId: 'q', claimId: 'a', participant: { id: 'p', name: 'P' }, stance: 'endorse', confidence: 0.8 } });
    expect(ledger.consensus.questions.get('q')!.stale).toBe(true);
    expect(ledger.read('q')!.consensus).toEqual(ledger.full('q'));
    expect(ledger.consensus.questions.get('q')!.engine!.recomputed).toEqual(['claim:a', 'claim:b', 'claim:c']);
    expect(ledger.consensus.questions.get('q')!.stale).toBe(false);
  });

  it('moves a question by the re-appraisal of a source it cites, and by no other', () => {
    const ledger = new Ledger();
    ledger.open('q');
    ledger.claim('q', 'a');
    ledger.apply({ type: 'SourceRegistered', data: { sourceId: 's', kind: 'archival', title: 'GARF', authors: [], issued: null, identifiers: {}, details: {}, reliability: 'C' } });
    ledger.apply({ type: 'SourceRegistered', data: { sourceId: 'other', kind: 'archival', title: 'Other', authors: [], issued: null, identifiers: {}, details: {}, reliability: 'C' } });
    ledger.apply({ type: 'EvidenceAttached', data: { questionId: 'q', evidenceId: 'e', claimId: 'a', sourceId: 's', stance: 'supports', locator: null, quote: null, credibility: 2, verification: 'examined', owner } });
    const before = ledger.read('q')!;
    ledger.apply({ type: 'SourceAppraised', data: { sourceId: 'other', reliability: 'A', note: 'n' } });
    expect(ledger.read('q')!.position).toBe(before.position);
    const appraised = ledger.apply({ type: 'SourceAppraised', data: { sourceId: 's', reliability: 'A', note: 'n' } });
    const after = ledger.read('q')!;
    expect(after.position).toBe(appraised);
    expect(after.consensus).toEqual(ledger.full('q'));
    expect(after.consensus.claims[0].strength).toBeGreaterThan(before.consensus.claims[0].strength!);
  });

  it('keeps the engines of the questions read last within its bound in bytes, and computes a dropped one afresh', () => {
    // One claim each: every engine weighs the same; the bound holds exactly 20 of them.
    const probe = new Ledger();
    probe.open('p');
    probe.claim('p', 'p-a');
    probe.read('p');
    const each = engineBytes(probe.consensus.questions.get('p')!.engine);
    const ledger = new Ledger(currentConsensusProjection({}, 'test', { maxBytes: each * 20, idleMs: 0 }));
    const ids = Array.from({ length: 25 }, (_, i) => `q${i}`);
    for (const id of ids) {
      ledger.open(id);
      ledger.claim(id, `${id}-a`);
      ledger.read(id);
    }
    const withEngines = ids.filter((id) => ledger.consensus.questions.get(id)!.engine !== undefined);
    expect(withEngines).toEqual(ids.slice(5));
    expect(ledger.consensus.engines.calculatedSize).toBe(each * 20);
    ledger.claim('q0', 'q0-b', { claimId: 'q0-a', relation: 'rebuts' });
    expect(ledger.read('q0')!.consensus).toEqual(ledger.full('q0'));
    // q0's engine came back (bigger now: two claims), evicting the least recently read ones.
    expect(ledger.consensus.questions.get('q0')!.engine).toBeDefined();
    expect(ledger.consensus.questions.get('q5')!.engine).toBeUndefined();
    expect(ledger.consensus.engines.calculatedSize).toBeLessThanOrEqual(each * 20);
  });

  it('answers a read of a question too big for the whole bound without keeping its engine', () => {
    const ledger = new Ledger(currentConsensusProjection({}, 'test', { maxBytes: 1, idleMs: 0 }));
    ledger.open('q');
    ledger.claim('q', 'a');
    const read = ledger.read('q')!;
    expect(read.consensus).toEqual(ledger.full('q'));
    expect(read.explain('a')?.claimId).toBe('a');
    expect(ledger.consensus.questions.get('q')!.engine).toBeUndefined();
    expect(ledger.consensus.engines.size).toBe(0);
    ledger.claim('q', 'b', { claimId: 'a', relation: 'supports' });
    expect(ledger.read('q')!.consensus).toEqual(ledger.full('q'));
  });

  it('keeps only positions in a snapshot, and reads the same after restoring it', () => {
    const ledger = new Ledger();
    ledger.open('q');
    ledger.claim('q', 'a');
    ledger.claim('q', 'b', { claimId: 'a', relation: 'supports' });
    const live = ledger.read('q')!;
    const snapshot = deserialize(serialize(consensusProjection.toSnapshot!(ledger.consensus)));
    expect(snapshot).toEqual(new Map([['q', live.position]]));
    ledger.consensus = consensusProjection.fromSnapshot!(snapshot);
    expect(ledger.read('q')).toEqual(live);
  });

  it('answers undefined for a question the ledger does not have', async () => {
    expect(new Ledger().read('nowhere')).toBeUndefined();
    const ledger = new Ledger();
    expect(await readCurrentConsensusSliced(ledger.consensus, ledger.questions, ledger.sources, 'nowhere')).toBeUndefined();
  });

  it('reads in slices, one update at a time per question, with the same result as a read at once', async () => {
    const ledger = new Ledger();
    ledger.open('q');
    for (let i = 0; i < 60; i++) ledger.claim('q', `c${i}`, i > 0 ? { claimId: `c${i - 1}`, relation: 'rebuts' } : undefined);
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        if (i !== j) ledger.apply({ type: 'ClaimsRelated', data: { questionId: 'q', relationId: `x${i}-${j}`, fromClaimId: `c${i}`, toClaimId: `c${j}`, relation: 'rebuts' } });
      }
    }
    const [first, second] = await Promise.all([
      readCurrentConsensusSliced(ledger.consensus, ledger.questions, ledger.sources, 'q'),
      readCurrentConsensusSliced(ledger.consensus, ledger.questions, ledger.sources, 'q'),
    ]);
    // The second read waited for the first rather than solving again.
    expect(first!.consensus).toBe(second!.consensus);
    expect(first!.consensus).toEqual(ledger.full('q'));
    expect(first!.consensus.converged).toBe(true);
  });
});

describe('the current-consensus projection, specified', () => {
  const spec = projectionSpec(consensusProjection, { after: [questionsProjection, sourcesProjection] });

  it('notes the position of the last event that moved each question, a cited source’s re-appraisal included', () => {
    spec
      .given([
        questionOpened({ questionId: 'q' }),
        questionOpened({ questionId: 'other' }),
        sourceRegistered({ sourceId: 's' }),
        claimProposed({ questionId: 'q', claimId: 'a' }),
        evidenceAttached({ questionId: 'q', evidenceId: 'e', claimId: 'a', sourceId: 's' }),
      ])
      .then((view) => {
        expect(view.questions.get('q')).toMatchObject({ position: 4n, stale: true, engine: undefined });
        expect(view.questions.get('other')!.position).toBe(1n);
      })
      .and([sourceAppraised({ sourceId: 's', reliability: 'A' })])
      .then((view) => {
        expect(view.questions.get('q')!.position).toBe(5n);
        expect(view.questions.get('other')!.position).toBe(1n);
      });
  });

  it('needs the sources view to run before it, to find the questions a re-appraisal moves', () => {
    projectionSpec(consensusProjection)
      .given([sourceRegistered({ sourceId: 's' }), sourceAppraised({ sourceId: 's', reliability: 'A' })])
      .thenThrows(/reads sources, which does not run before it/);
  });
});
