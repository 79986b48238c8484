import fc from 'fast-check';
import type { Credibility, Reliability } from '../../../projections/consensus';
import type { ClaimKind, ClaimRelation, EvidenceRelation, ProofStandard, Verification } from '../../../contract/question.events';
import type { QuestionLog } from './question-log';

/** The sources random histories cite. */
export const SOURCES = ['garf', 'cia', 'forum'] as const;

/** One random step of a question's history, of every kind of question event and a re-appraisal. */
export type Step =
  | { kind: 'propose'; claimKind: ClaimKind }
  | { kind: 'retract'; pick: number }
  | { kind: 'relate'; from: number; to: number; relation: ClaimRelation }
  | { kind: 'relate-evidence'; from: number; to: number; relation: EvidenceRelation }
  | { kind: 'cite'; pick: number; source: number; stance: 'supports' | 'undermines'; credibility: Credibility | null; verification: Verification }
  | { kind: 'verify'; pick: number; verification: Verification }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'revise'; pick: number }
  | { kind: 'stance'; pick: number; participant: number; endorse: boolean; confidence: number }
  | { kind: 'appraise'; source: number; reliability: Reliability }
  | { kind: 'proof-standard'; standard: ProofStandard }
  | { kind: 'resolve'; picks: number[] }
  | { kind: 'reopen' };

const VERIFICATIONS: Verification[] = ['cited', 'examined', 'transcribed'];
const reliability = fc.constantFrom<Reliability>('A', 'B', 'C', 'D', 'E', 'F');
export const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('propose' as const), claimKind: fc.constantFrom<ClaimKind>('answer', 'hypothesis', 'background') }), weight: 4 },
  fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }),
  {
    arbitrary: fc.record({
      kind: fc.constant('relate' as const),
      from: fc.nat(),
      to: fc.nat(),
      relation: fc.constantFrom<ClaimRelation>('supports', 'rebuts', 'undercuts', 'competes'),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('relate-evidence' as const),
      from: fc.nat(),
      to: fc.nat(),
      relation: fc.constantFrom<EvidenceRelation>('supports', 'rebuts', 'undercuts'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cite' as const),
      pick: fc.nat(),
      source: fc.nat(SOURCES.length - 1),
      stance: fc.constantFrom('supports' as const, 'undermines' as const),
      credibility: fc.constantFrom<Credibility | null>(null, 1, 2, 3, 4, 5, 6),
      verification: fc.constantFrom(...VERIFICATIONS),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('verify' as const), pick: fc.nat(), verification: fc.constantFrom<Verification>('examined', 'transcribed') }), weight: 2 },
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('revise' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('stance' as const),
    pick: fc.nat(),
    participant: fc.nat(2),
    endorse: fc.boolean(),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('appraise' as const), source: fc.nat(SOURCES.length - 1), reliability }),
  fc.record({ kind: fc.constant('proof-standard' as const), standard: fc.constantFrom<ProofStandard>('scintilla', 'preponderance', 'clear-and-convincing', 'beyond-reasonable-doubt') }),
  fc.record({ kind: fc.constant('resolve' as const), picks: fc.array(fc.nat(), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

/** Applies one step the way the ledger's deciders would allow it; false when it did nothing. */
export function take(log: QuestionLog, reliabilities: Map<string, Reliability | null>, s: Step, counter: { next: number }): boolean {
  const claims = [...log.question.claims.values()];
  const live = claims.filter((c) => c.status === 'live');
  const attached = [...log.question.evidence.values()].filter((e) => e.status === 'attached');
  const pickFrom = <T>(items: readonly T[], i: number): T | undefined => items[i % Math.max(items.length, 1)];
  switch (s.kind) {
    case 'propose':
      log.claim(`c${counter.next++}`, `Claim number ${counter.next} about the Red Cross`, s.claimKind);
      return true;
    case 'retract': {
      const claim = pickFrom(live, s.pick);
      if (claim) log.retract(claim.id);
      return claim !== undefined;
    }
    case 'relate': {
      const [from, to] = [pickFrom(live, s.from), pickFrom(live, s.to)];
      if (!from || !to || from.id === to.id) return false;
      log.relate(from.id, s.relation, to.id, `r${counter.next++}`);
      return true;
    }
    case 'relate-evidence': {
      const [from, to] = [pickFrom(live, s.from), pickFrom(attached, s.to)];
      if (!from || !to) return false;
      log.relateToEvidence(from.id, s.relation, to.id, `r${counter.next++}`);
      return true;
    }
    case 'cite': {
      const claim = pickFrom(live, s.pick);
      if (!claim) return false;
      log.cite(`e${counter.next++}`, claim.id, SOURCES[s.source]!, s.stance, { credibility: s.credibility, locator: 'p. 1', verification: s.verification });
      return true;
    }
    case 'verify': {
      const evidence = pickFrom(attached, s.pick);
      if (!evidence || VERIFICATIONS.indexOf(s.verification) <= VERIFICATIONS.indexOf(evidence.verification)) return false;
      log.verify(evidence.id, s.verification);
      return true;
    }
    case 'withdraw': {
      const evidence = pickFrom(attached, s.pick);
      if (evidence) log.withdraw(evidence.id);
      return evidence !== undefined;
    }
    case 'revise': {
      const claim = pickFrom(live, s.pick);
      if (claim) log.revise(claim.id, `${claim.text}, revised`);
      return claim !== undefined;
    }
    case 'stance': {
      const claim = pickFrom(claims, s.pick);
      if (claim) log.stance(claim.id, `p${s.participant}`, s.endorse ? 'endorse' : 'dispute', s.confidence);
      return claim !== undefined;
    }
    case 'appraise':
      reliabilities.set(SOURCES[s.source]!, s.reliability);
      log.appraised(SOURCES[s.source]!);
      return true;
    case 'proof-standard':
      if (log.question.proofStandard === s.standard) return false;
      log.proofStandard(s.standard);
      return true;
    case 'resolve':
      log.resolve(s.picks.map((i) => pickFrom(claims, i)?.id ?? 'no-such-claim'));
      return true;
    case 'reopen':
      if (!log.question.resolution) return false;
      log.reopen();
      return true;
  }
}

