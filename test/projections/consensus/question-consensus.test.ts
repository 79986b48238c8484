import { describe, expect, it } from 'vitest';
import {
  computeQuestionConsensus,
  ConsensusInputError,
  DEFAULT_EVIDENCE_BASE_SCORES,
  type ClaimConsensus,
  type QuestionConsensus,
  type QuestionConsensusSettings,
  type Reliability,
} from '../../../projections/consensus';
import { QuestionLog } from './question-log';

const reliabilities: Record<string, Reliability> = { garf: 'A', cia: 'B', forum: 'E' };
const reliabilityOf = (sourceId: string) => reliabilities[sourceId] ?? null;
const titles: Record<string, string> = {
  garf: 'GARF, fond R-9501 (Soviet Red Cross)',
  cia: 'CIA information report, 1954',
};
const titleOf = (sourceId: string) => titles[sourceId];

const OFFICE = 'The Office of External Relations was always headed by an NKVD appointee';
const BUDGET = 'The allowance was a budgetary device';

const consensus = (log: QuestionLog, settings: QuestionConsensusSettings = {}) =>
  computeQuestionConsensus(log.question, reliabilityOf, { titleOf, ...settings });
const claimOf = (result: QuestionConsensus, id: string): ClaimConsensus => result.claims.find((c) => c.id === id)!;

/** Volodarsky's answer, backed by GARF (A2, 0.92). */
function answered(): QuestionLog {
  const log = new QuestionLog();
  log.claim('office', OFFICE, 'answer');
  log.cite('e-garf', 'office', 'garf', 'supports', { credibility: 2, locator: 'f. R-9501, op. 17, d. 8756' });
  return log;
}

describe('computeQuestionConsensus: strengths and labels by hand', () => {
  it('answers with one well-sourced answer: 0.5 + 0.5·0.92 = 0.96, accepted', () => {
    const result = consensus(answered());
    expect(claimOf(result, 'office')).toMatchObject({
      label: 'accepted',
      grounded: 'in',
      base: 0.5,
      kind: 'answer',
      text: OFFICE,
    });
    expect(claimOf(result, 'office').strength).toBeCloseTo(0.96, 12);
    expect(result).toMatchObject({ questionId: 'q1', status: 'answered', converged: true, iterations: 0 });
  });

  it('contests the answer once an unanswered rebuttal stands: 0.5 + 0.5·(0.92 − 0.5) = 0.71 but out', () => {
    const log = answered();
    log.claim('budget', BUDGET);
    log.relate('budget', 'rebuts', 'office');
    const result = consensus(log);
    expect(claimOf(result, 'office').strength).toBeCloseTo(0.71, 12);
    expect(claimOf(result, 'office')).toMatchObject({ label: 'contested', grounded: 'out' });
    expect(claimOf(result, 'budget')).toMatchObject({ label: 'open', grounded: 'in', strength: 0.5 });
    expect(result.status).toBe('contested');
  });

  it('reinstates the answer when the rebuttal is undermined: rebuttal 0.5 − 0.5·0.88 = 0.06, answer 0.93', () => {
    const log = answered();
    log.claim('budget', BUDGET);
    log.relate('budget', 'rebuts', 'office');
    log.cite('e-cia', 'budget', 'cia', 'undermines', { credibility: 2, locator: 'p. 3' });
    const result = consensus(log);
    expect(claimOf(result, 'budget').strength).toBeCloseTo(0.06, 12);
    expect(claimOf(result, 'budget')).toMatchObject({ label: 'rejected', grounded: 'out' });
    expect(claimOf(result, 'office').strength).toBeCloseTo(0.93, 12);
    expect(claimOf(result, 'office')).toMatchObject({ label: 'accepted', grounded: 'in' });
    expect(result.status).toBe('answered');
  });

  it('counts an undercut exactly like a rebuttal, and names it as an undercut', () => {
    const rebutted = answered();
    rebutted.claim('budget', BUDGET);
    rebutted.relate('budget', 'rebuts', 'office');
    const undercut = answered();
    undercut.claim('budget', BUDGET);
    undercut.relate('budget', 'undercuts', 'office');
    const a = claimOf(consensus(rebutted), 'office');
    const b = claimOf(consensus(undercut), 'office');
    expect(b.strength).toBe(a.strength);
    expect(b.grounded).toBe(a.grounded);
    expect(a.explanation.attackers[0]).toMatchObject({ kind: 'claim', relations: ['rebuts'] });
    expect(b.explanation.attackers[0]).toMatchObject({ kind: 'claim', relations: ['undercuts'] });
  });

  it('takes a retracted rebuttal out: the answer is back at 0.96, the rebuttal listed as retracted with no strength', () => {
    const log = answered();
    log.claim('budget', BUDGET);
    log.relate('budget', 'rebuts', 'office');
    log.retract('budget');
    const result = consensus(log);
    expect(claimOf(result, 'office').strength).toBeCloseTo(0.96, 12);
    expect(claimOf(result, 'budget')).toMatchObject({
      label: 'retracted',
      strength: null,
      grounded: null,
      base: null,
      explanation: { attackers: [], supporters: [] },
    });
    expect(result.claims.map((c) => c.id)).toEqual(['office', 'budget']);
  });

  it('takes withdrawn evidence out: the answer is open again', () => {
    const log = answered();
    log.withdraw('e-garf');
    const result = consensus(log);
    expect(claimOf(result, 'office')).toMatchObject({ label: 'open', strength: 0.5 });
    expect(result.status).toBe('open');
  });

  it('passes thresholds and the base-score table through', () => {
    expect(claimOf(consensus(answered(), { thresholds: { accept: 0.97, reject: 0.2 } }), 'office').label).toBe('contested');
    const weak = { ...DEFAULT_EVIDENCE_BASE_SCORES, A: [0.1, 0.1, 0.1, 0.1, 0.1, 0.1] as const };
    expect(claimOf(consensus(answered(), { baseScores: weak }), 'office').strength).toBeCloseTo(0.55, 12);
    expect(() => consensus(answered(), { thresholds: { accept: 0.3, reject: 0.4 } })).toThrow(ConsensusInputError);
    expect(() => consensus(answered(), { tolerance: -1 })).toThrow('options.tolerance');
  });

  it('iterates a cycle of rival answers and reports it: a ⇄ b settles at 1/3 each', () => {
    const log = new QuestionLog();
    log.claim('a', 'A budgetary device', 'answer');
    log.claim('b', 'An intelligence front', 'answer');
    log.relate('a', 'rebuts', 'b');
    log.relate('b', 'rebuts', 'a');
    const result = consensus(log);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(0);
    expect(claimOf(result, 'a').strength).toBeCloseTo(1 / 3, 8);
    expect(claimOf(result, 'a')).toMatchObject({ label: 'rejected', grounded: 'undec' });
    expect(consensus(log, { maxIterations: 2 })).toMatchObject({ converged: false, iterations: 2 });
  });
});

describe('computeQuestionConsensus: question status', () => {
  /** Two supporting and two undermining documents of equal weight: 0.5, grounded out, contested. */
  const contest = (log: QuestionLog, claimId: string) => {
    log.cite(`${claimId}-for`, claimId, 'cia', 'supports', { credibility: 2 });
    log.cite(`${claimId}-against`, claimId, 'cia', 'undermines', { credibility: 2 });
  };
  const reject = (log: QuestionLog, claimId: string) =>
    log.cite(`${claimId}-against`, claimId, 'cia', 'undermines', { credibility: 2 });

  it('is open with no claims, with only an unargued answer, or only rejected answers', () => {
    const log = new QuestionLog();
    expect(consensus(log).status).toBe('open');
    log.claim('a', 'An answer', 'answer');
    expect(consensus(log).status).toBe('open');
    reject(log, 'a');
    expect(claimOf(consensus(log), 'a').label).toBe('rejected');
    expect(consensus(log).status).toBe('open');
  });

  it('is answered when an answer is accepted beside rejected or unargued rivals', () => {
    const log = answered();
    log.claim('rival', 'A refuted rival', 'answer');
    reject(log, 'rival');
    log.claim('idle', 'An unexamined rival', 'answer');
    expect(consensus(log).status).toBe('answered');
  });

  it('is contested when a rival answer is contested, even beside an accepted one', () => {
    const log = answered();
    log.claim('rival', 'A disputed rival', 'answer');
    contest(log, 'rival');
    expect(claimOf(consensus(log), 'rival').label).toBe('contested');
    expect(consensus(log).status).toBe('contested');
  });

  it('is contested by a disputed hypothesis only while no answer is accepted', () => {
    const log = new QuestionLog();
    log.claim('h', 'A disputed hypothesis', 'hypothesis');
    contest(log, 'h');
    expect(consensus(log).status).toBe('contested');
    log.claim('office', OFFICE, 'answer');
    log.cite('e-garf', 'office', 'garf', 'supports', { credibility: 2 });
    expect(consensus(log).status).toBe('answered');
  });

  it('is not decided by background claims', () => {
    const log = new QuestionLog();
    log.claim('bg', 'Founded 29 May 1923', 'background');
    contest(log, 'bg');
    expect(consensus(log).status).toBe('open');
  });
});

describe('computeQuestionConsensus: resolution', () => {
  it('reports no resolution with agreement null', () => {
    expect(consensus(answered()).resolution).toEqual({ exists: false, acceptedClaimIds: [], agrees: null, disagreements: [] });
  });

  it('agrees when every claim it accepts is accepted and the question is not contested', () => {
    const log = answered();
    log.resolve(['office'], 'The Red Cross was an NKVD conduit.');
    expect(consensus(log).resolution).toEqual({
      exists: true,
      summary: 'The Red Cross was an NKVD conduit.',
      acceptedClaimIds: ['office'],
      agrees: true,
      disagreements: [],
    });
  });

  it('disagrees over a claim it accepts that is not accepted, and an accepted answer it leaves out', () => {
    const log = answered();
    log.claim('budget', BUDGET, 'hypothesis');
    log.cite('e-cia', 'budget', 'cia', 'undermines', { credibility: 2 });
    log.resolve(['budget', 'nowhere']);
    expect(consensus(log).resolution).toMatchObject({
      exists: true,
      acceptedClaimIds: ['budget', 'nowhere'],
      agrees: false,
      disagreements: [
        { kind: 'not-accepted', claimId: 'budget', label: 'rejected' },
        { kind: 'not-accepted', claimId: 'nowhere', label: null },
        { kind: 'accepted-answer-omitted', claimId: 'office' },
      ],
    });
  });

  it('disagrees when it closes a contested question, and when a claim it accepted is retracted later', () => {
    const log = answered();
    log.claim('rival', 'A disputed rival', 'answer');
    log.cite('r-for', 'rival', 'cia', 'supports', { credibility: 2 });
    log.cite('r-against', 'rival', 'cia', 'undermines', { credibility: 2 });
    log.resolve(['office']);
    expect(consensus(log).resolution.disagreements).toEqual([{ kind: 'question-contested' }]);
    log.retract('rival');
    expect(consensus(log).resolution.agrees).toBe(true);
    log.retract('office');
    expect(consensus(log).resolution.disagreements).toEqual([{ kind: 'not-accepted', claimId: 'office', label: 'retracted' }]);
  });

  it('forgets a resolution when the question is reopened', () => {
    const log = answered();
    log.resolve(['office']);
    log.reopen();
    expect(consensus(log).resolution).toMatchObject({ exists: false, agrees: null });
  });
});

describe('computeQuestionConsensus: stances', () => {
  it('counts current stances and weighs agreement by confidence, apart from strength', () => {
    const log = answered();
    expect(claimOf(consensus(log), 'office').stances).toEqual({ endorse: 0, dispute: 0, agreement: null });
    const before = claimOf(consensus(log), 'office').strength;
    log.stance('office', 'silvia', 'endorse', 0.8);
    log.stance('office', 'paul', 'dispute', 0.4);
    const tally = claimOf(consensus(log), 'office');
    expect(tally.stances.endorse).toBe(1);
    expect(tally.stances.dispute).toBe(1);
    expect(tally.stances.agreement).toBeCloseTo(0.2, 12);
    expect(tally.strength).toBe(before);
  });

  it('lets a participant change their mind: the later stance replaces the earlier', () => {
    const log = answered();
    log.stance('office', 'silvia', 'endorse', 0.8);
    log.stance('office', 'paul', 'dispute', 0.4);
    log.stance('office', 'silvia', 'dispute', 0.6);
    const { stances } = claimOf(consensus(log), 'office');
    expect(stances).toMatchObject({ endorse: 0, dispute: 2 });
    expect(stances.agreement).toBeCloseTo(-0.5, 12);
  });

  it('keeps the tally of a retracted claim, and reads an even split as 0, not null', () => {
    const log = answered();
    log.stance('office', 'silvia', 'endorse', 0.5);
    log.stance('office', 'paul', 'dispute', 0.5);
    log.retract('office');
    expect(claimOf(consensus(log), 'office').stances).toEqual({ endorse: 1, dispute: 1, agreement: 0 });
  });
});

describe('computeQuestionConsensus: explanations', () => {
  const debated = () => {
    const log = answered();
    log.claim('budget', BUDGET);
    log.relate('budget', 'rebuts', 'office');
    log.cite('e-cia', 'budget', 'cia', 'undermines', { credibility: 2, locator: 'p. 3' });
    return log;
  };

  it('names each direct contributor with its kind, strength and effect', () => {
    const office = claimOf(consensus(debated()), 'office');
    expect(office.explanation.supporters).toHaveLength(1);
    expect(office.explanation.supporters[0]).toMatchObject({
      kind: 'evidence',
      evidenceId: 'e-garf',
      sourceId: 'garf',
      sourceTitle: 'GARF, fond R-9501 (Soviet Red Cross)',
      stance: 'supports',
      locator: 'f. R-9501, op. 17, d. 8756',
      strength: 0.92,
    });
    // Without it: 0.5 − 0.5·0.06 = 0.47.
    expect(office.explanation.supporters[0]!.effect).toBeCloseTo(0.93 - 0.47, 12);
    expect(office.explanation.attackers[0]).toMatchObject({
      kind: 'claim',
      claimId: 'budget',
      text: BUDGET,
      relations: ['rebuts'],
      grounded: 'out',
    });
    expect(office.explanation.attackers[0]!.strength).toBeCloseTo(0.06, 12);
    // Without it: 0.96.
    expect(office.explanation.attackers[0]!.effect).toBeCloseTo(0.93 - 0.96, 12);
  });

  it('says in one sentence, in claim texts and source titles, why an answer is accepted', () => {
    expect(claimOf(consensus(debated()), 'office').explanation.summary).toBe(
      '“The Office of External Relations was always headed by an…” is accepted at strength 0.93 (from 0.50): ' +
        'supported by GARF, fond R-9501 (Soviet Red Cross) (f. R-9501, op. 17, d. 8756; +0.46); ' +
        'attacked by “The allowance was a budgetary device” (−0.03); every objection to it is itself defeated.',
    );
  });

  it('says which source defeats a rejected claim', () => {
    expect(claimOf(consensus(debated()), 'budget').explanation.summary).toBe(
      '“The allowance was a budgetary device” is rejected at strength 0.06 (from 0.50): ' +
        'attacked by CIA information report, 1954 (p. 3; −0.44); CIA information report, 1954 stands against it undefeated.',
    );
  });

  it('explains open, retracted and undecided claims in words', () => {
    const log = debated();
    log.claim('idle', 'Access to the Moscow archives is open to all');
    log.retract('budget', 'Superseded by the GARF evidence');
    log.claim('a', 'A budgetary device after all');
    log.claim('b', 'An intelligence front');
    log.relate('a', 'rebuts', 'b');
    log.relate('b', 'rebuts', 'a');
    const result = consensus(log);
    expect(claimOf(result, 'idle').explanation.summary).toBe(
      '“Access to the Moscow archives is open to all” is open: nothing has yet been said for or against it.',
    );
    expect(claimOf(result, 'budget').explanation.summary).toBe(
      '“The allowance was a budgetary device” was retracted (“Superseded by the GARF evidence”) ' +
        'and no longer counts for or against any claim.',
    );
    expect(claimOf(result, 'a').explanation.summary).toBe(
      '“A budgetary device after all” is rejected at strength 0.33 (from 0.50): ' +
        'attacked by “An intelligence front” (−0.17); ' +
        'whether its objections stand is unresolved, as they are caught in a circle of rebuttals.',
    );
  });

  it('falls back to "an untitled source" without titleOf, never an id', () => {
    const result = computeQuestionConsensus(debated().question, reliabilityOf);
    const summary = claimOf(result, 'office').explanation.summary;
    expect(summary).toContain('supported by an untitled source (f. R-9501, op. 17, d. 8756; +0.46)');
    expect(summary).not.toContain('garf');
    expect(claimOf(result, 'office').explanation.supporters[0]).toMatchObject({ sourceTitle: null });
  });

  it('says when nothing stands against a claim that is still too weak to accept', () => {
    const log = new QuestionLog();
    log.claim('a', 'Paid through the Red Cross');
    log.cite('e', 'a', 'forum', 'supports', { credibility: 4 });
    expect(claimOf(consensus(log), 'a').explanation.summary).toBe(
      '“Paid through the Red Cross” is contested at strength 0.56 (from 0.50): supported by an untitled source (+0.06); ' +
        'nothing stands against it, but it is not yet strong enough to be accepted.',
    );
  });
});
