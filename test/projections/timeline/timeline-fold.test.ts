import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeQuestionConsensus, diffConsensus, type QuestionConsensus } from '../../../projections/consensus';
import { CHANGE_STRENGTH_THRESHOLD } from '../../../projections/current-consensus/current-consensus.projection';
import { NO_OTHER_VIEWS, type ProjectedEvent } from '../../../projections/projection';
import { questionsProjection } from '../../../projections/questions/questions.projection';
import { sourceLookup } from '../../../projections/sources/source-lookup';
import { sourcesProjection } from '../../../projections/sources/sources.projection';
import { QuestionHistory, type TimelineEntry } from '../../../projections/timeline/question-history';
import { presentTimelineEntry } from '../../../src/read-side/consensus-presenter';
import {
  claimProposed,
  claimRetracted,
  claimRevised,
  claimsRelated,
  evidenceAttached,
  evidenceVerified,
  evidenceWithdrawn,
  proofStandardChanged,
  questionOpened,
  questionReopened,
  questionResolved,
  sourceAppraised,
  sourceRegistered,
  stanceRecorded,
  type GivenEvent,
} from '../../support/ledger-events';
import { ProjectionFold } from '../../support/projection-spec';

/**
 * The timeline's fold keeps brief claims' entries (`QuestionHistory` with `labels`: no readings or
 * explanations, which it would throw away). Its entries must be byte for byte those of the full
 * fold, and their changes those between consensuses computed from scratch after every event: the
 * reference computation.
 */

const q = 'q';
const SOURCES = ['garf', 'cia', 'forum'];
const RELIABILITIES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** The same history folded three ways: brief entries, full entries, and the reference's changes, step by step. */
function foldThreeWays(events: readonly GivenEvent[]): { brief: TimelineEntry[]; full: TimelineEntry[]; reference: TimelineEntry['changes'][] } {
  const sources = new ProjectionFold(sourcesProjection);
  const brief = new QuestionHistory(q, {}, 'labels');
  const full = new QuestionHistory(q, {});
  const view = questionsProjection.init();
  const briefEntries: TimelineEntry[] = [];
  const fullEntries: TimelineEntry[] = [];
  const reference: TimelineEntry['changes'][] = [];
  let before: QuestionConsensus | null = null;
  for (const given of events) {
    const [event] = sources.apply(given) as [ProjectedEvent];
    const lookup = sourceLookup(sources.view);
    const a = brief.step(event, lookup);
    const b = full.step(event, lookup);
    expect(a === undefined).toBe(b === undefined);
    if (!a || !b) continue;
    briefEntries.push(a.entry);
    fullEntries.push(b.entry);
    // The brief consensus agrees with the full one on everything the changes and the status read.
    expect(a.consensus.status).toBe(b.consensus.status);
    expect(a.consensus.resolution).toEqual(b.consensus.resolution);
    expect(a.consensus.claims.map((c) => [c.id, c.label, c.strength, c.groundedStrength])).toEqual(b.consensus.claims.map((c) => [c.id, c.label, c.strength, c.groundedStrength]));
    if (event.type !== 'SourceAppraised') questionsProjection.apply(view, event, NO_OTHER_VIEWS);
    const after = computeQuestionConsensus(view.questions.get(q)!, lookup);
    reference.push(diffConsensus(before, after, CHANGE_STRENGTH_THRESHOLD));
    before = after;
  }
  return { brief: briefEntries, full: fullEntries, reference };
}

const json = (entries: readonly TimelineEntry[]) => JSON.stringify(entries.map(presentTimelineEntry));

/** One random step, turned into an event the deciders would accept on the history so far. */
type Step = { kind: 'propose' | 'relate' | 'cycle' | 'cite' | 'verify' | 'withdraw' | 'retract' | 'revise' | 'appraise' | 'stance' | 'standard' | 'resolve' | 'reopen'; a: number; b: number; c: number };
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<Step['kind']>('propose', 'propose', 'propose', 'relate', 'relate', 'relate', 'cycle', 'cycle', 'cite', 'cite', 'verify', 'withdraw', 'retract', 'revise', 'appraise', 'appraise', 'stance', 'standard', 'resolve', 'reopen'),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
});

/** Builds a question's history from steps, with rebuttal cycles (a rebuts b, then b rebuts a, or longer rings). */
function historyFrom(steps: readonly Step[]): GivenEvent[] {
  const events: GivenEvent[] = SOURCES.map((sourceId, i) => sourceRegistered({ sourceId, reliability: RELIABILITIES[i * 2]! }));
  events.push(questionOpened({ questionId: q }));
  const live: string[] = [];
  const evidence: { id: string; claimId: string; verification: 'cited' | 'transcribed' | 'examined' }[] = [];
  const related = new Set<string>();
  let resolved = false;
  let next = 0;
  const pick = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(items.length, 1)];
  const relate = (from: string, relation: 'supports' | 'rebuts' | 'undercuts' | 'competes', to: string) => {
    const key = `${from}-${relation}-${to}`;
    if (from === to || related.has(key)) return;
    related.add(key);
    events.push(claimsRelated({ questionId: q, fromClaimId: from, relation, toClaimId: to }));
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'propose': {
        const id = `c${next++}`;
        events.push(claimProposed({ questionId: q, claimId: id, kind: s.a % 2 === 0 ? 'answer' : 'hypothesis' }));
        live.push(id);
        break;
      }
      case 'relate': {
        const [from, to] = [pick(live, s.a), pick(live, s.b)];
        if (from && to) relate(from, (['supports', 'rebuts', 'undercuts', 'competes'] as const)[s.c % 4]!, to);
        break;
      }
      case 'cycle': {
        // A ring of rebuttals over two or three live claims: what the cycle solver iterates.
        const ring = [pick(live, s.a), pick(live, s.b), s.c % 2 === 0 ? pick(live, s.c) : undefined].filter((id): id is string => id !== undefined);
        const unique = [...new Set(ring)];
        if (unique.length >= 2) unique.forEach((from, i) => relate(from, 'rebuts', unique[(i + 1) % unique.length]!));
        break;
      }
      case 'cite': {
        const claimId = pick(live, s.a);
        if (!claimId) break;
        const id = `e${next++}`;
        const verification = (['cited', 'transcribed', 'examined'] as const)[s.b % 3]!;
        events.push(evidenceAttached({ questionId: q, evidenceId: id, claimId, sourceId: SOURCES[s.c % SOURCES.length]!, stance: s.c % 3 === 0 ? 'undermines' : 'supports', credibility: ([null, 1, 2, 3, 4] as const)[s.b % 5]!, verification }));
        evidence.push({ id, claimId, verification });
        break;
      }
      case 'verify': {
        const piece = evidence.find((e, i) => i >= s.a % Math.max(evidence.length, 1) && e.verification !== 'examined');
        if (!piece) break;
        piece.verification = piece.verification === 'cited' && s.b % 2 === 0 ? 'transcribed' : 'examined';
        events.push(evidenceVerified({ questionId: q, evidenceId: piece.id, claimId: piece.claimId, verification: piece.verification }));
        break;
      }
      case 'withdraw': {
        const piece = pick(evidence, s.a);
        if (!piece) break;
        evidence.splice(evidence.indexOf(piece), 1);
        events.push(evidenceWithdrawn({ questionId: q, evidenceId: piece.id, claimId: piece.claimId }));
        break;
      }
      case 'retract': {
        const claimId = pick(live, s.a);
        if (!claimId || live.length < 3) break;
        live.splice(live.indexOf(claimId), 1);
        events.push(claimRetracted({ questionId: q, claimId }));
        break;
      }
      case 'revise': {
        const claimId = pick(live, s.a);
        if (claimId) events.push(claimRevised({ questionId: q, claimId, text: `Claim ${claimId}, revised ${s.b}` }));
        break;
      }
      case 'appraise':
        events.push(sourceAppraised({ sourceId: SOURCES[s.a % SOURCES.length]!, reliability: RELIABILITIES[s.b % RELIABILITIES.length]! }));
        break;
      case 'stance': {
        const claimId = pick(live, s.a);
        if (claimId) events.push(stanceRecorded({ questionId: q, claimId, participant: { id: `p${s.b % 3}`, name: `P${s.b % 3}` }, stance: s.c % 2 === 0 ? 'endorse' : 'dispute', confidence: (s.c % 11) / 10 }));
        break;
      }
      case 'standard':
        events.push(proofStandardChanged({ questionId: q, proofStandard: (['scintilla', 'preponderance', 'clear-and-convincing', 'beyond-reasonable-doubt'] as const)[s.a % 4]! }));
        break;
      case 'resolve': {
        const accepted = [pick(live, s.a), pick(live, s.b)].filter((id): id is string => id !== undefined);
        events.push(questionResolved({ questionId: q, acceptedClaimIds: [...new Set(accepted)] }));
        resolved = true;
        break;
      }
      case 'reopen':
        if (!resolved) break;
        events.push(questionReopened({ questionId: q }));
        resolved = false;
        break;
    }
  }
  return events;
}

describe('the timeline’s fold (brief entries)', () => {
  it('gives, on random histories with rebuttal cycles, byte for byte the entries of the full fold and the changes between full recomputes', () => {
    let longest = 0;
    let cycles = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 160, size: 'max' }), (steps) => {
        const events = historyFrom(steps);
        const { brief, full, reference } = foldThreeWays(events);
        expect(json(brief)).toBe(json(full));
        expect(brief.map((entry) => entry.changes)).toEqual(reference);
        longest = Math.max(longest, brief.length);
        if (steps.some((s) => s.kind === 'cycle')) cycles++;
      }),
      { numRuns: 25, seed: 1919 },
    );
    // What the runs covered: long histories, most of them with rebuttal cycles.
    expect(longest).toBeGreaterThan(100);
    expect(cycles).toBeGreaterThan(12);
  });

  it('keeps a timeline entry for every event of a history with a three-claim rebuttal ring, each change the reference’s', () => {
    const events = [
      ...SOURCES.map((sourceId) => sourceRegistered({ sourceId, reliability: 'C' })),
      questionOpened({ questionId: q }),
      claimProposed({ questionId: q, claimId: 'a', kind: 'answer' }),
      claimProposed({ questionId: q, claimId: 'b', kind: 'answer' }),
      claimProposed({ questionId: q, claimId: 'c' }),
      claimsRelated({ questionId: q, fromClaimId: 'a', relation: 'rebuts', toClaimId: 'b' }),
      claimsRelated({ questionId: q, fromClaimId: 'b', relation: 'rebuts', toClaimId: 'c' }),
      claimsRelated({ questionId: q, fromClaimId: 'c', relation: 'rebuts', toClaimId: 'a' }),
      claimsRelated({ questionId: q, fromClaimId: 'a', relation: 'competes', toClaimId: 'b' }),
      evidenceAttached({ questionId: q, evidenceId: 'e', claimId: 'a', sourceId: 'garf', credibility: 1 }),
      sourceAppraised({ sourceId: 'garf', reliability: 'A' }),
      questionResolved({ questionId: q, acceptedClaimIds: ['a'] }),
      sourceAppraised({ sourceId: 'garf', reliability: 'F' }),
    ];
    const { brief, full, reference } = foldThreeWays(events);
    expect(brief).toHaveLength(events.length - SOURCES.length);
    expect(json(brief)).toBe(json(full));
    expect(brief.map((entry) => entry.changes)).toEqual(reference);
    // The ring and the appraisals moved labels and the status: the comparison was not of empty lists.
    expect(brief.flatMap((entry) => entry.changes).map((change) => change.kind)).toEqual(expect.arrayContaining(['status', 'label', 'strength', 'resolution-agreement']));
  });
});
