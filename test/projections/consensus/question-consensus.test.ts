import { describe, expect, it } from 'vitest';
import {
  computeQuestionConsensus,
  consensusSteps,
  explainClaim,
  resolveSettings,
  runSteps,
  type ClaimConsensus,
  type QuestionConsensus,
  type QuestionConsensusSettings,
  type Reliability,
  type SourceLookup,
} from '../../../projections/consensus';
import { QuestionLog } from './question-log';

/** Sources by id: title "Title of <id>", reliability as given (null: never appraised). */
function sources(reliabilities: Record<string, Reliability | null>): SourceLookup {
  return (id) => (id in reliabilities ? { title: `Title of ${id}`, reliability: reliabilities[id]! } : undefined);
}
const GOOD = sources({ garf: 'A', cia: 'A', forum: 'A', hearne: 'B', rumour: 'E', unappraised: null });

function consensus(log: QuestionLog, settings?: QuestionConsensusSettings, lookup = GOOD): QuestionConsensus {
  return computeQuestionConsensus(log.question, lookup, settings);
}
const claim = (result: QuestionConsensus, id: string): ClaimConsensus => result.claims.find((c) => c.id === id)!;

describe('labels promise no more than the record supports (DOMAIN.md, issue 13)', () => {
  it('leaves a claim supported only by claims unverified: something speaks for it, nothing confirms it', () => {
    const log = new QuestionLog();
    log.claim('a', 'The Soviet Red Cross paid the allowance', 'answer');
    log.claim('s', 'Families received 600 roubles from the "Red Cross"', 'background');
    log.relate('s', 'supports', 'a');
    const a = claim(consensus(log), 'a');
    expect(a).toMatchObject({ label: 'unverified', strength: 0.75, status: 'in', grounded: false, grounds: [] });
    expect(a.reading).toMatch(/nothing in the record confirms it/);
    expect(a.reading).toMatch(/only other claims/);
    expect(consensus(log).status).toBe('unverified');
  });

  it('leaves a claim with one cited-only reference unverified, shows it as a lead, and works out that examining it would corroborate it', () => {
    const log = new QuestionLog();
    log.claim('a', 'The Office of External Relations was headed by an NKVD appointee', 'answer');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 2, locator: 'op. 17', verification: 'cited' });
    const a = claim(consensus(log), 'a');
    expect(a).toMatchObject({ label: 'unverified', strength: 0.5, grounded: false });
    expect(a.leads).toEqual([{ evidenceId: 'e', sourceId: 'garf', sourceTitle: 'Title of garf', locator: 'op. 17', stance: 'supports' }]);
    expect(a.reading).toMatch(/have not been examined by anyone/);
    expect(a.wouldChange[0]).toBe('Examining Title of garf (op. 17) would make this corroborated.');
    expect(consensus(log).evidence[0]).toMatchObject({ id: 'e', verification: 'cited', weight: 0, strength: 0 });
  });

  it('corroborates the same claim once one examined A2 document supports it: 0.5 + 0.5 · 0.85', () => {
    const log = new QuestionLog();
    log.claim('a', 'The Office of External Relations was headed by an NKVD appointee', 'answer');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 2, locator: 'op. 17', verification: 'cited' });
    log.verify('e', 'examined', 'read in the reading room');
    const result = consensus(log);
    const a = claim(result, 'a');
    expect(a.label).toBe('corroborated');
    expect(a.strength).toBeCloseTo(0.925, 12);
    expect(a.grounds).toEqual([
      expect.objectContaining({ evidenceId: 'e', verification: 'examined', verifiedBy: 'Test User', verifiedAt: '2021-02-10T00:00:00.000Z', viaClaimId: 'a' }),
    ]);
    expect(a.reading).toMatch(/corroborated under the preponderance of evidence: it rests on Title of garf \(op\. 17\), examined by Test User on 2021-02-10/);
    expect(result.status).toBe('answered');
  });

  it('keeps a claim with three examined A1 supports corroborated against one E5 undermining document', () => {
    const log = new QuestionLog();
    log.claim('a', 'The Red Cross was a channel for the NKVD', 'answer');
    for (const source of ['garf', 'cia', 'forum']) log.cite(`e-${source}`, 'a', source, 'supports', { credibility: 1 });
    log.cite('weak', 'a', 'rumour', 'undermines', { credibility: 5 });
    const a = claim(consensus(log), 'a');
    expect(a.label).toBe('corroborated');
    expect(a.strength).toBeCloseTo(0.5 + 0.5 * (1 - 0.05 ** 3 - 0.08), 12);
    expect(a.against).toEqual([expect.objectContaining({ kind: 'evidence', id: 'weak', defeats: false })]);
  });

  it('leaves a claim contested, not refuted, by a bare rebuttal with no evidence', () => {
    const log = new QuestionLog();
    log.claim('a', 'Spaniards served in foreigners-only units', 'answer');
    log.claim('b', 'No, they served in ordinary Red Army units', 'answer');
    log.relate('b', 'rebuts', 'a');
    const a = claim(consensus(log), 'a');
    expect(a).toMatchObject({ label: 'contested', contestedBecause: 'ungrounded-attack', strength: 0.25, status: 'out' });
    expect(a.reading).toMatch(/nothing against it rests on examined evidence, so it is not refuted/);
  });

  it('refutes an unverified claim that an examined A1 document undermines: 0.5 − 0.5 · (0.95 − 0.5)', () => {
    const log = new QuestionLog();
    log.claim('a', 'All Soviet Red Cross files are closed', 'answer');
    log.claim('s', 'Nobody has seen them', 'background');
    log.relate('s', 'supports', 'a');
    log.cite('e', 'a', 'garf', 'undermines', { credibility: 1, locator: 'f. R-9501' });
    const a = claim(consensus(log), 'a');
    expect(a.label).toBe('refuted');
    expect(a.strength).toBeCloseTo(0.275, 12);
    expect(a.reading).toMatch(/refuted: Title of garf defeats it, grounded in examined evidence/);
  });

  it('leaves a claim open under a bare undercut when nothing supports it', () => {
    const log = new QuestionLog();
    log.claim('a', 'The 1947 list names every refugee', 'background');
    log.claim('u', 'A list heading cannot show who was on it', 'hypothesis');
    log.relate('u', 'undercuts', 'a');
    const a = claim(consensus(log), 'a');
    expect(a).toMatchObject({ label: 'open', strength: 0.5, counts: { supporters: 0, attackers: 0, undercutters: 1 } });
    expect(a.reading).toMatch(/nothing in the record confirms it/);
  });

  it('makes two rivals with equal support both contested, never both established', () => {
    const log = new QuestionLog();
    log.claim('budget', 'A budgetary device: the NKVD paid no welfare to foreigners', 'hypothesis');
    log.claim('cover', 'Plausible deniability: funds moved with less suspicion', 'hypothesis');
    log.relate('cover', 'competes', 'budget');
    log.cite('e1', 'budget', 'garf', 'supports', { credibility: 2 });
    log.cite('e2', 'cover', 'cia', 'supports', { credibility: 2 });
    const result = consensus(log);
    for (const id of ['budget', 'cover']) {
      expect(claim(result, id)).toMatchObject({ label: 'contested', contestedBecause: 'rival', grounded: true });
    }
    expect(claim(result, 'budget').rivals).toEqual([{ claimId: 'cover', strength: claim(result, 'cover').strength, groundedStrength: claim(result, 'cover').groundedStrength }]);
    expect(claim(result, 'budget').reading).toMatch(/explains the same thing, and no examined evidence tells them apart/);
  });

  it('tells rivals apart when the record does: the one with stronger support is corroborated', () => {
    const log = new QuestionLog();
    log.claim('budget', 'A budgetary device', 'hypothesis');
    log.claim('cover', 'Plausible deniability', 'hypothesis');
    log.relate('budget', 'competes', 'cover');
    log.cite('e1', 'budget', 'garf', 'supports', { credibility: 1 });
    log.cite('e2', 'cover', 'rumour', 'supports', { credibility: 4 });
    const result = consensus(log);
    expect(claim(result, 'budget').label).toBe('corroborated');
    expect(claim(result, 'cover')).toMatchObject({ label: 'contested', contestedBecause: 'outweighed-by-rival' });
    expect(claim(result, 'cover').reading).toMatch(/examined evidence supports “A budgetary device” better/);
  });

  it('weighs a source attached five times to one claim as once: its strongest attachment', () => {
    const once = new QuestionLog();
    once.claim('a', 'A claim', 'answer');
    once.cite('e0', 'a', 'hearne', 'supports', { credibility: 2 });
    const five = new QuestionLog();
    five.claim('a', 'A claim', 'answer');
    for (let i = 0; i < 5; i++) five.cite(`e${i}`, 'a', 'hearne', 'supports', { credibility: i === 3 ? 2 : 3 });
    const result = consensus(five);
    expect(claim(result, 'a').strength).toBe(claim(consensus(once), 'a').strength);
    expect(result.evidence.filter((e) => e.counted).map((e) => e.id)).toEqual(['e3']);
    expect(result.evidence.find((e) => e.id === 'e0')).toMatchObject({ counted: false, countedAs: 'e3' });
  });

  it('turns a corroborated claim with middling support contested when the proof standard is raised', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.cite('e', 'a', 'hearne', 'supports', { credibility: 2 });
    expect(claim(consensus(log), 'a')).toMatchObject({ label: 'corroborated' });
    log.proofStandard('clear-and-convincing');
    const result = consensus(log);
    expect(result).toMatchObject({ proofStandard: 'clear-and-convincing', thresholds: { accept: 0.9 } });
    expect(claim(result, 'a')).toMatchObject({ label: 'contested', contestedBecause: 'short-of-standard' });
    expect(claim(result, 'a').reading).toMatch(/falls short of clear and convincing evidence \(0\.9\)/);
  });

  it('grounds a claim through the claims that support it, and names what it rests on directly', () => {
    const log = new QuestionLog();
    log.claim('a', 'The Red Cross paid on the NKVD’s behalf', 'answer');
    log.claim('s', 'Its foreign department was run by NKVD appointees', 'background');
    log.relate('s', 'supports', 'a');
    log.cite('e', 's', 'garf', 'supports', { credibility: 2, verification: 'transcribed' });
    const a = claim(consensus(log), 'a');
    expect(a).toMatchObject({ label: 'corroborated', grounded: true });
    expect(a.grounds).toEqual([{ kind: 'claim', claimId: 's', text: 'Its foreign department was run by NKVD appointees' }]);
    expect(a.reading).toMatch(/rests on “Its foreign department was run by NKVD appointees” \(itself grounded\)/);
    expect(claim(consensus(log), 's').grounds).toEqual([expect.objectContaining({ kind: 'evidence', evidenceId: 'e', verification: 'transcribed', viaClaimId: 's' })]);
  });

  it('grounds nothing on an unappraised source or a ring of claims supporting each other', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.cite('e', 'a', 'unappraised', 'supports', { credibility: 1 });
    log.claim('b', 'Another', 'hypothesis');
    log.claim('c', 'And another', 'hypothesis');
    log.relate('b', 'supports', 'c');
    log.relate('c', 'supports', 'b');
    const result = consensus(log);
    expect(claim(result, 'a')).toMatchObject({ label: 'unverified', grounded: false });
    expect(result.evidence[0]!.weight).toBe(0.24); // F1: "cannot be judged" gives little influence
    expect(claim(result, 'b')).toMatchObject({ label: 'unverified', grounded: false });
    expect(claim(result, 'a').wouldChange[0]).toBe('Appraising the source of Title of unappraised (reliability A–E) would let this examined evidence ground the claim.');
  });

  it('lets source criticism weaken a document, and takes the ground away once the criticism is itself grounded', () => {
    const log = new QuestionLog();
    log.claim('a', 'Help to the PCE came first from the Red Cross', 'answer');
    log.cite('heading', 'a', 'garf', 'supports', { credibility: 2, locator: 'catalogue heading' });
    log.claim('c', 'A catalogue heading cannot show that help was the first', 'hypothesis');
    log.relateToEvidence('c', 'undercuts', 'heading');
    let result = consensus(log);
    expect(result.evidence.find((e) => e.id === 'heading')).toMatchObject({ weight: 0.85, strength: 0.425, status: 'in' });
    expect(claim(result, 'a')).toMatchObject({ label: 'corroborated', strength: 0.5 + 0.5 * 0.425 });
    log.cite('files', 'c', 'cia', 'supports', { credibility: 1 });
    result = consensus(log);
    expect(result.evidence.find((e) => e.id === 'heading')).toMatchObject({ status: 'out' });
    expect(claim(result, 'a')).toMatchObject({ label: 'unverified', grounded: false });
  });

  it('decides corroboration on what examined evidence alone carries: bare assertions never tip a claim over the standard', () => {
    const log = new QuestionLog();
    log.claim('c', 'The Red Cross was a Cheka cover from the start', 'answer');
    log.claim('s', 'Volodarsky says so', 'background');
    log.relate('s', 'supports', 'c');
    log.cite('e', 'c', 'hearne', 'supports', { credibility: 6 }); // B6: 0.13
    log.claim('d', 'So the covert-arm answer holds', 'answer');
    log.relate('c', 'supports', 'd');
    const result = consensus(log);
    // σ(c) = 0.5 + 0.5·F(0.5, 0.13) = 0.78, but the examined evidence alone carries it to 0.565.
    expect(claim(result, 'c').strength).toBeCloseTo(0.7825, 12);
    expect(claim(result, 'c')).toMatchObject({ label: 'contested', contestedBecause: 'short-of-standard', grounded: true });
    expect(claim(result, 'c').groundedStrength).toBeCloseTo(0.565, 12);
    // Support does not grow along the chain: d is carried 0.13 of the way too.
    expect(claim(result, 'd').groundedStrength).toBeCloseTo(0.565, 12);
    expect(claim(result, 'd').label).toBe('contested');
    expect(result.status).toBe('contested');
  });

  it('tells rivals apart by examined evidence only, and counts a rival as something said against a claim', () => {
    const log = new QuestionLog();
    log.claim('a', 'A budgetary device', 'hypothesis');
    log.claim('b', 'Plausible deniability', 'hypothesis');
    log.relate('a', 'competes', 'b');
    let result = consensus(log);
    for (const id of ['a', 'b']) expect(claim(result, id)).toMatchObject({ label: 'contested', contestedBecause: 'rival' });
    for (const [i, text] of ['First assertion', 'Second assertion'].entries()) {
      log.claim(`s${i}`, text, 'background');
      log.relate(`s${i}`, 'supports', 'a');
    }
    log.claim('t', 'One assertion', 'background');
    log.relate('t', 'supports', 'b');
    result = consensus(log);
    expect(claim(result, 'a').strength).toBeGreaterThan(claim(result, 'b').strength!);
    for (const id of ['a', 'b']) expect(claim(result, id)).toMatchObject({ label: 'contested', contestedBecause: 'rival', grounded: false });
  });

  it('compares thresholds with a tolerance: 0.4000000000000001 is 0.4', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.claim('s', 'Its support', 'background');
    log.relate('s', 'supports', 'a');
    log.cite('e', 'a', 'garf', 'undermines', { credibility: 1 });
    // Pick a table weight that makes σ(a) land a hair above the reject threshold in floating point.
    const table = { A: [0.7000000000000002, 0.6, 0.5, 0.4, 0.2, 0.1], B: [0.6, 0.5, 0.4, 0.3, 0.2, 0.1], C: [0.5, 0.4, 0.3, 0.2, 0.1, 0.1], D: [0.4, 0.3, 0.2, 0.1, 0.1, 0.1], E: [0.3, 0.2, 0.1, 0.1, 0.1, 0.1], F: [0.2, 0.1, 0.1, 0.1, 0.1, 0.1] } as const;
    const a = claim(consensus(log, { baseScores: table as never }), 'a');
    expect(a.strength).not.toBe(0.4);
    expect(Math.abs(a.strength! - 0.4)).toBeLessThan(1e-12);
    expect(a.label).toBe('refuted');
  });
});

describe('question status', () => {
  it('is open with no answers, or only answers nobody argued over', () => {
    const log = new QuestionLog();
    expect(consensus(log).status).toBe('open');
    log.claim('a', 'An answer', 'answer');
    expect(consensus(log).status).toBe('open');
  });

  it('is contested while an answer is contested, and answered once an answer is corroborated and no rival answer contested', () => {
    const log = new QuestionLog();
    log.claim('a', 'An answer', 'answer');
    log.claim('b', 'A rival answer', 'answer');
    log.relate('b', 'competes', 'a');
    log.cite('ea', 'a', 'garf', 'supports', { credibility: 1 });
    log.cite('eb', 'b', 'cia', 'supports', { credibility: 1 });
    expect(consensus(log).status).toBe('contested');
    log.withdraw('eb');
    log.cite('xb', 'b', 'forum', 'undermines', { credibility: 1 });
    const result = consensus(log);
    expect(claim(result, 'a').label).toBe('corroborated');
    expect(claim(result, 'b').label).toBe('refuted');
    expect(result.status).toBe('answered');
  });

  it('is not decided by hypotheses or background claims', () => {
    const log = new QuestionLog();
    log.claim('h', 'A hypothesis', 'hypothesis');
    log.cite('e', 'h', 'garf', 'supports', { credibility: 1 });
    expect(consensus(log).status).toBe('open');
  });
});

describe('resolution check', () => {
  it('flags a resolution that accepts an unverified claim and passes over a corroborated answer', () => {
    const log = new QuestionLog();
    log.claim('a', 'Asserted', 'answer');
    log.claim('s', 'Support', 'background');
    log.relate('s', 'supports', 'a');
    log.claim('b', 'Documented', 'answer');
    log.cite('e', 'b', 'garf', 'supports', { credibility: 1 });
    log.resolve(['a']);
    expect(consensus(log).resolution).toMatchObject({
      exists: true,
      agrees: false,
      disagreements: [
        { kind: 'not-corroborated', claimId: 'a', label: 'unverified' },
        { kind: 'corroborated-answer-omitted', claimId: 'b' },
      ],
    });
    log.reopen();
    log.resolve(['b']);
    expect(consensus(log).resolution).toMatchObject({ agrees: true, disagreements: [] });
  });
});

describe('stances', () => {
  it('are shown beside every label and never move strength', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 1 });
    const before = claim(consensus(log), 'a');
    log.stance('a', 'preston', 'dispute', 0.9);
    log.stance('a', 'volodarsky', 'endorse', 0.5);
    const after = claim(consensus(log), 'a');
    expect(after.strength).toBe(before.strength);
    expect(after.label).toBe(before.label);
    expect(after.stances).toEqual({ endorse: 1, dispute: 1, agreement: (0.5 - 0.9) / 2 });
  });
});

describe('semantics', () => {
  it('uses DF-QuAD by default and quadratic energy when asked; labels read both', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.cite('e', 'a', 'garf', 'supports', { credibility: 1 });
    expect(consensus(log)).toMatchObject({ semantics: 'df-quad' });
    const qe = consensus(log, { semantics: 'quadratic-energy' });
    // σ = τ + (1 − τ)·h(0.95), h(x) = x² / (1 + x²)
    expect(claim(qe, 'a').strength).toBeCloseTo(0.5 + 0.5 * (0.95 ** 2 / (1 + 0.95 ** 2)), 12);
    expect(qe.semantics).toBe('quadratic-energy');
  });

  it('refuses unknown settings by name', () => {
    expect(() => resolveSettings({ semantics: 'h-categorizer' as never })).toThrow(/^semantics: must be one of df-quad, quadratic-energy/);
    expect(() => resolveSettings({ proofStandards: { scintilla: { accept: 0.4, reject: 0.3, rivalMargin: 0.1 } } as never })).toThrow(/proofStandards\.scintilla\.accept/);
    expect(() => resolveSettings({ baseScores: { A: [0.9, 0.95, 0.5, 0.4, 0.3, 0.2] } as never })).toThrow(/baseScores\.B/);
  });
});

describe('a dense cycle: 100 claims that all rebut each other, with evidence', () => {
  it('converges to a fixed point, checked on the values returned, and explains a claim with sampled contributions that add up', () => {
    const log = new QuestionLog();
    const n = 100;
    for (let i = 0; i < n; i++) log.claim(`c${i}`, `Rival account number ${i}`, 'hypothesis');
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) log.relate(`c${i}`, 'rebuts', `c${j}`, `r${i}-${j}`);
    for (let i = 0; i < n; i += 10) log.cite(`e${i}`, `c${i}`, 'garf', 'supports', { credibility: 2 });
    const settings = resolveSettings();
    const solution = runSteps(consensusSteps(log.question, GOOD, settings));
    expect(solution.consensus.converged).toBe(true);
    expect(solution.consensus.residual).toBeLessThanOrEqual(settings.tolerance);
    const explanation = explainClaim(solution, 'c10')!;
    expect(explanation.method).toBe('sampled');
    expect(explanation.bound).toBeGreaterThan(0);
    const total = explanation.contributions.reduce((sum, c) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.strength! - explanation.base!, 6);
    for (const c of solution.consensus.claims) expect(['contested', 'refuted', 'unverified', 'corroborated']).toContain(c.label);
  });
});

describe('explainClaim', () => {
  it('splits a saturated claim’s gain between its supporters instead of giving each +0.00', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    log.cite('e1', 'a', 'garf', 'supports', { credibility: 1 });
    log.cite('e2', 'a', 'cia', 'supports', { credibility: 1 });
    log.claim('r', 'A rebuttal', 'hypothesis');
    log.relate('r', 'rebuts', 'a');
    const solution = runSteps(consensusSteps(log.question, GOOD, resolveSettings()));
    const explanation = explainClaim(solution, 'a')!;
    expect(explanation.method).toBe('exact');
    const byId = new Map(explanation.contributions.map((c) => [c.id, c]));
    expect(byId.get('e1')!.effect).toBeCloseTo(byId.get('e2')!.effect, 12);
    expect(byId.get('e1')!.effect).toBeGreaterThan(0.1);
    expect(byId.get('r')).toMatchObject({ kind: 'claim', role: 'attack', relations: ['rebuts'] });
    expect(byId.get('r')!.effect).toBeLessThan(0);
    const total = explanation.contributions.reduce((sum, c) => sum + c.effect, 0);
    expect(total).toBeCloseTo(explanation.strength! - explanation.base!, 12);
    expect(explainClaim(solution, 'no-such-claim')).toBeUndefined();
  });

  it('gives the same sampled values every time', () => {
    const log = new QuestionLog();
    log.claim('a', 'A claim', 'answer');
    for (let i = 0; i < 20; i++) {
      log.claim(`s${i}`, `Support ${i}`, 'background');
      log.relate(`s${i}`, i % 3 === 0 ? 'rebuts' : 'supports', 'a');
    }
    const explain = () => explainClaim(runSteps(consensusSteps(log.question, GOOD, resolveSettings())), 'a')!;
    expect(explain().contributions).toEqual(explain().contributions);
  });
});
