import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkResolution,
  computeQuestionConsensus,
  diffConsensus,
  QuestionConsensusEngine,
  questionStatus,
  type ClaimConsensus,
  type ClaimLabel,
  type QuestionConsensus,
  type Reliability,
  type SourceLookup,
} from '../../../projections/consensus';
import { StatusTally } from '../../../projections/consensus/status-tally';
import { step, take, type Step } from './question-steps';
import { QuestionLog } from './question-log';

const lookup = (reliabilities: Map<string, Reliability | null>): SourceLookup => (id) => ({ title: `Title of ${id}`, reliability: reliabilities.get(id) ?? null });

/**
 * Histories that grow big questions: more proposals than the general step mix, and answers more
 * often, so that corroborated answers with rivals (what the status tally counts) and resolutions
 * are common, then every other kind of event.
 */
const bigStep: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ kind: 'propose', claimKind: 'answer' }), weight: 4 },
  { arbitrary: fc.constant<Step>({ kind: 'propose', claimKind: 'hypothesis' }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('relate' as const), from: fc.nat(), to: fc.nat(), relation: fc.constant('competes' as const) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('cite' as const),
      pick: fc.nat(),
      source: fc.constantFrom(0, 1),
      stance: fc.constantFrom('supports' as const, 'undermines' as const),
      credibility: fc.constantFrom(1 as const, 2 as const),
      verification: fc.constantFrom('examined' as const, 'transcribed' as const),
    }),
    weight: 2,
  },
  { arbitrary: step, weight: 12 },
);

/** Everything an update must agree on beyond equality with the reference, which shares the tally. */
function expectConsistent(engine: QuestionConsensusEngine, before: QuestionConsensus | null, result: QuestionConsensus, log: QuestionLog, sources: SourceLookup): void {
  expect(result).toEqual(computeQuestionConsensus(log.question, sources));
  // The tally's status and the resolution check against the plain passes over every claim.
  expect(result.status).toBe(questionStatus(result.claims));
  expect(result.resolution).toEqual(checkResolution(log.question.resolution, result.claims, result.status));
  // The changes against the result the update replaced: only the entries redone, the same as in full.
  expect(engine.changesSince(before, 0.05)).toEqual(diffConsensus(before, result, 0.05));
}

describe('QuestionConsensusEngine on big random histories (fast-check)', () => {
  it('equals the reference after every event of histories growing to a few hundred claims', () => {
    let largest = 0;
    let corroboratedWithRivals = 0;
    fc.assert(
      fc.property(fc.array(bigStep, { minLength: 450, maxLength: 500 }), (steps) => {
        const log = new QuestionLog();
        const reliabilities = new Map<string, Reliability | null>([['garf', 'A'], ['cia', 'B']]);
        const sources = lookup(reliabilities);
        const engine = new QuestionConsensusEngine();
        let before = engine.update(log.question, sources, log.takeTouched());
        const counter = { next: 0 };
        for (const s of steps) {
          if (!take(log, reliabilities, s, counter)) continue;
          const result = engine.update(log.question, sources, log.takeTouched());
          expectConsistent(engine, before, result, log, sources);
          before = result;
        }
        largest = Math.max(largest, before.claims.length);
        corroboratedWithRivals += before.claims.filter((c) => c.kind === 'answer' && c.label === 'corroborated' && c.rivals.length > 0).length;
      }),
      { numRuns: 2, seed: 19 },
    );
    // What the histories must have reached for the property to mean something.
    expect(largest).toBeGreaterThanOrEqual(180);
    expect(corroboratedWithRivals).toBeGreaterThan(0);
  }, 120_000);

  it('keeps earlier results unchanged when it updates (a reader may hold one)', () => {
    const log = new QuestionLog();
    const sources = lookup(new Map([['garf', 'A']]));
    const engine = new QuestionConsensusEngine();
    log.claim('a', 'An answer', 'answer');
    log.cite('e1', 'a', 'garf', 'supports', { credibility: 1, locator: 'l. 1', verification: 'examined' });
    const first = engine.update(log.question, sources, log.takeTouched());
    const copy = structuredClone(first);
    log.claim('b', 'A rival answer', 'answer');
    log.relate('b', 'competes', 'a', 'r1');
    log.withdraw('e1');
    const second = engine.update(log.question, sources, log.takeTouched());
    expect(second.claims).not.toBe(first.claims);
    expect(second.evidence).not.toBe(first.evidence);
    expect(first).toEqual(copy);
    expect(second).toEqual(computeQuestionConsensus(log.question, sources));
  });
});

describe('StatusTally', () => {
  const LABELS: ClaimLabel[] = ['corroborated', 'unverified', 'contested', 'refuted', 'open', 'retracted'];
  const entry = (id: string, kind: 'answer' | 'hypothesis', label: ClaimLabel, rivals: string[]) =>
    ({ id, kind, label, rivals: rivals.map((claimId) => ({ claimId, strength: 0, groundedStrength: 0 })) }) as unknown as ClaimConsensus;

  it('gives the status questionStatus gives over the same entries, after any sequence of replacements', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const replacement = fc.record({
      id: fc.constantFrom(...ids),
      kind: fc.constantFrom('answer' as const, 'hypothesis' as const),
      label: fc.constantFrom(...LABELS),
      rivals: fc.subarray(ids),
    });
    fc.assert(
      fc.property(fc.array(replacement, { minLength: 1, maxLength: 60 }), (replacements) => {
        const tally = new StatusTally();
        const current = new Map<string, ClaimConsensus>();
        for (const r of replacements) {
          const next = entry(r.id, r.kind, r.label, r.rivals.filter((x) => x !== r.id));
          tally.replace(current.get(r.id), next);
          current.set(r.id, next);
          expect(tally.status).toBe(questionStatus([...current.values()]));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is answered only while a corroborated answer has no contested rival answer', () => {
    const tally = new StatusTally();
    const a = entry('a', 'answer', 'corroborated', ['b']);
    tally.replace(undefined, a);
    expect(tally.status).toBe('answered');
    const b = entry('b', 'answer', 'contested', ['a']);
    tally.replace(undefined, b);
    expect(tally.status).toBe('contested');
    tally.replace(b, entry('b', 'answer', 'refuted', ['a']));
    expect(tally.status).toBe('answered');
    tally.replace(a, undefined);
    expect(tally.status).toBe('open');
  });
});
