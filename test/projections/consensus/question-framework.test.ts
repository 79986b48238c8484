import { describe, expect, it } from 'vitest';
import {
  buildQuestionFramework,
  DEFAULT_EVIDENCE_BASE_SCORES,
  type EvidenceBaseScoreTable,
  type Reliability,
} from '../../../projections/consensus';
import { QuestionLog } from './question-log';

const reliabilities: Record<string, Reliability | null> = { garf: 'A', cia: 'B', forum: 'E', unappraised: null };
const reliabilityOf = (sourceId: string) => reliabilities[sourceId] ?? null;

const sorted = (edges: readonly (readonly [string, string])[]) => [...edges].map((e) => e.join(' → ')).sort();
const bases = (log: QuestionLog, table?: EvidenceBaseScoreTable) =>
  Object.fromEntries(buildQuestionFramework(log.question, reliabilityOf, table).framework.arguments.map((a) => [a.id, a.base]));

describe('buildQuestionFramework', () => {
  it('makes a 0.5 argument per live claim and a leaf per attached evidence', () => {
    const log = new QuestionLog();
    log.claim('c1', 'The Office of External Relations was headed by an NKVD appointee', 'answer');
    log.claim('c2', 'A budgetary device', 'hypothesis');
    log.cite('e1', 'c1', 'garf', 'supports', { credibility: 2, locator: 'f. R-9501, op. 1' });
    const { framework, origins, evidenceOf } = buildQuestionFramework(log.question, reliabilityOf);
    expect(framework.arguments).toEqual([
      { id: 'claim:c1', base: 0.5 },
      { id: 'claim:c2', base: 0.5 },
      { id: 'evidence:e1', base: 0.92 },
    ]);
    expect(framework.supports).toEqual([['evidence:e1', 'claim:c1']]);
    expect(framework.attacks).toEqual([]);
    expect(origins.get('evidence:e1')).toEqual({
      kind: 'evidence',
      evidenceId: 'e1',
      claimId: 'c1',
      sourceId: 'garf',
      stance: 'supports',
      locator: 'f. R-9501, op. 1',
    });
    expect(origins.get('claim:c2')).toEqual({ kind: 'claim', claimId: 'c2' });
    expect(evidenceOf.get('c1')).toEqual(['evidence:e1']);
  });

  it('turns rebuts and undercuts into attacks, supports into supports, undermining evidence into attacks', () => {
    const log = new QuestionLog();
    for (const id of ['a', 'b', 'c', 'd']) log.claim(id, `claim ${id}`);
    log.relate('b', 'rebuts', 'a');
    log.relate('c', 'undercuts', 'a');
    log.relate('d', 'supports', 'a');
    log.cite('e1', 'b', 'cia', 'undermines', { credibility: 3 });
    const { framework, relations } = buildQuestionFramework(log.question, reliabilityOf);
    expect(sorted(framework.attacks)).toEqual(['claim:b → claim:a', 'claim:c → claim:a', 'evidence:e1 → claim:b']);
    expect(sorted(framework.supports)).toEqual(['claim:d → claim:a']);
    expect(relations.get(JSON.stringify(['claim:c', 'claim:a']))).toEqual(['undercuts']);
  });

  it('drops a retracted claim with its relations both ways and its evidence', () => {
    const log = new QuestionLog();
    for (const id of ['a', 'b', 'c']) log.claim(id, `claim ${id}`);
    log.relate('b', 'rebuts', 'a');
    log.relate('c', 'supports', 'b');
    log.cite('e1', 'b', 'garf', 'supports');
    log.retract('b');
    const { framework, evidenceOf } = buildQuestionFramework(log.question, reliabilityOf);
    expect(framework.arguments.map((a) => a.id)).toEqual(['claim:a', 'claim:c']);
    expect(framework.attacks).toEqual([]);
    expect(framework.supports).toEqual([]);
    expect(evidenceOf.has('b')).toBe(false);
  });

  it('drops withdrawn evidence and keeps the rest', () => {
    const log = new QuestionLog();
    log.claim('a', 'claim a');
    log.cite('e1', 'a', 'garf', 'supports');
    log.cite('e2', 'a', 'cia', 'undermines');
    log.withdraw('e1');
    const { framework } = buildQuestionFramework(log.question, reliabilityOf);
    expect(framework.arguments.map((a) => a.id)).toEqual(['claim:a', 'evidence:e2']);
    expect(framework.supports).toEqual([]);
    expect(framework.attacks).toEqual([['evidence:e2', 'claim:a']]);
  });

  it('scores evidence from the source appraisal and the credibility, missing ratings as cannot be judged', () => {
    const log = new QuestionLog();
    log.claim('a', 'claim a');
    log.cite('e-a1', 'a', 'garf', 'supports', { credibility: 1 });
    log.cite('e-b3', 'a', 'cia', 'supports', { credibility: 3 });
    log.cite('e-e5', 'a', 'forum', 'undermines', { credibility: 5 });
    log.cite('e-f6', 'a', 'unappraised', 'supports');
    log.cite('e-unknown-2', 'a', 'not-registered', 'supports', { credibility: 2 });
    expect(bases(log)).toEqual({
      'claim:a': 0.5,
      'evidence:e-a1': 0.95,
      'evidence:e-b3': 0.82,
      'evidence:e-e5': 0.05,
      'evidence:e-f6': 0.5,
      'evidence:e-unknown-2': 0.73,
    });
  });

  it('uses a table passed in', () => {
    const log = new QuestionLog();
    log.claim('a', 'claim a');
    log.cite('e1', 'a', 'garf', 'supports', { credibility: 1 });
    const flat = Object.fromEntries(
      Object.keys(DEFAULT_EVIDENCE_BASE_SCORES).map((row) => [row, [0.3, 0.3, 0.3, 0.3, 0.3, 0.3]]),
    ) as unknown as EvidenceBaseScoreTable;
    expect(bases(log, flat)['evidence:e1']).toBe(0.3);
  });

  it('keeps a claim and an evidence sharing an id apart, and merges a repeated relation into one edge', () => {
    const log = new QuestionLog();
    log.claim('x', 'claim x');
    log.claim('y', 'claim y');
    log.cite('x', 'y', 'garf', 'supports');
    log.relate('x', 'rebuts', 'y');
    log.relate('x', 'undercuts', 'y');
    const { framework, relations } = buildQuestionFramework(log.question, reliabilityOf);
    expect(framework.arguments.map((a) => a.id)).toEqual(['claim:x', 'claim:y', 'evidence:x']);
    expect(relations.get(JSON.stringify(['claim:x', 'claim:y']))).toEqual(['rebuts', 'undercuts']);
  });
});
