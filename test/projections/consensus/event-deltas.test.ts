import { describe, expect, it } from 'vitest';
import { computeQuestionConsensus, QuestionConsensusEngine, type SourceLookup } from '../../../projections/consensus';
import { QuestionLog } from './question-log';

const sources: SourceLookup = (id) => ({ title: `Title of ${id}`, reliability: 'B' });

/**
 * The engine learns what changed from the events (`noteTouched`: relations from the event's own
 * data, claims and evidence by the ids the event names), never from how the view's collections
 * look: a view that keeps them in another order, or changes a record in place, gives the same
 * consensus. (The wave-2 engine read new relations from where the view's arrays grew, and missed a
 * relation the view did not append at the end.)
 */
describe('the consensus engine fed event deltas', () => {
  it('sees a new relation the view does not keep at the end of its list', () => {
    const log = new QuestionLog();
    for (const id of ['a', 'b', 'c']) log.claim(id, `Claim ${id}`);
    log.relate('b', 'supports', 'a');
    log.cite('e', 'a', 'garf', 'supports');
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());

    log.relate('c', 'rebuts', 'a');
    log.relateToEvidence('c', 'undercuts', 'e');
    // A view that lists relations newest first: nothing grew at the end.
    log.question.relations.reverse();
    log.question.evidenceRelations.reverse();
    const after = engine.update(log.question, sources, log.takeTouched());
    expect(after).toEqual(computeQuestionConsensus(log.question, sources));
    expect(after.claims.find((c) => c.id === 'a')!.against.map((o) => o.id)).toContain('c');
  });

  it('sees a stance recorded into the claim’s list in place', () => {
    const log = new QuestionLog();
    log.claim('a', 'Claim a');
    log.stance('a', 'alice', 'endorse', 0.9);
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());

    const before = log.question.claims.get('a')!.stances;
    log.stance('a', 'bob', 'dispute', 0.4);
    // The same array, changed in place, as a view that does not copy it would keep it.
    const now = log.question.claims.get('a')!.stances;
    before.splice(0, before.length, ...now);
    log.question.claims.get('a')!.stances = before;
    const after = engine.update(log.question, sources, log.takeTouched());
    expect(after).toEqual(computeQuestionConsensus(log.question, sources));
    expect(after.claims[0]!.stances).toMatchObject({ endorse: 1, dispute: 1 });
  });

  it('takes nothing from the view that no event named: a relation slipped into the view unnoted is not followed', () => {
    const log = new QuestionLog();
    for (const id of ['a', 'b']) log.claim(id, `Claim ${id}`);
    const engine = new QuestionConsensusEngine();
    engine.update(log.question, sources, log.takeTouched());
    const untouched = engine.current;
    // Not an event: the engine is told nothing, and keeps its result (a fresh build would see it).
    log.question.relations.push({ id: 'r', fromClaimId: 'b', toClaimId: 'a', relation: 'rebuts', provenance: log.question.provenance });
    expect(engine.update(log.question, sources, log.takeTouched()).claims).toEqual(untouched!.claims);
  });
});
