import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, parseDebateText, validateDebate, type ImportProblem } from '../../../src/ledger/import/validate-debate';

const fixture = readFileSync(join(__dirname, '../../fixtures/small-debate.yaml'), 'utf8');
const valid = () => parseDebateText(fixture, 'small-debate.yaml').document as { entries: Record<string, unknown>[] } & Record<string, unknown>;

async function problemsOf(mutate: (doc: ReturnType<typeof valid>) => void): Promise<ImportProblem[]> {
  const doc = valid();
  mutate(doc);
  const { file, problems } = await validateDebate(doc);
  expect(file).toBeUndefined();
  return problems;
}

describe('debate file validation', () => {
  it('accepts a claim’s verbatim passage and an archive guide entry', async () => {
    const doc = valid();
    doc.entries[2].passage = 'some of them received a 600-ruble allowance to maintain their families while they were gone.';
    doc.entries[0].identifiers = { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', opis: '5, 13, 16', storageUnits: 1629, years: '1925–1988' } };
    expect((await validateDebate(doc)).problems).toEqual([]);
  });

  it('accepts the valid fixture, in YAML and in JSON', async () => {
    expect((await validateDebate(valid())).problems).toEqual([]);
    const json = parseDebateText(JSON.stringify(valid()), 'debate.json');
    expect((await validateDebate(json.document)).problems).toEqual([]);
  });

  it('reports a syntax error with its line', () => {
    const { problems } = parseDebateText('format: x\nentries: [\n  - key: a', 'broken.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/line \d+/);
  });

  const cases: [string, (doc: ReturnType<typeof valid>) => void, Partial<ImportProblem>][] = [
    ['a wrong format tag', (d) => (d.format = 'kialo'), { entry: null, field: 'format' }],
    ['no entries', (d) => (d.entries = []), { entry: null, field: 'entries' }],
    ['an unknown command', (d) => (d.entries[1].command = 'Frobnicate'), { entry: 1, field: 'command' }],
    ['a missing required field', (d) => delete d.entries[1].title, { entry: 1, field: 'title' }],
    ['an unknown field', (d) => (d.entries[2].colour = 'blue'), { entry: 2, field: 'colour' }],
    ['a bad enum value', (d) => (d.entries[2].kind = 'rumour'), { entry: 2, field: 'kind' }],
    ['a text over its length limit', (d) => (d.entries[2].text = 'x'.repeat(5001)), { entry: 2, field: 'text' }],
    ['a duplicate key', (d) => (d.entries[3].key = 'allowance'), { entry: 3, field: 'key' }],
    ['a reference to no entry', (d) => (d.entries[2].question = 'nowhere'), { entry: 2, field: 'question' }],
    ['a reference to a later entry', (d) => ((d.entries[2].respondsTo = { claim: 'budget', relation: 'rebuts' })), { entry: 2, field: 'respondsTo.claim' }],
    ['a reference to the wrong kind of entry', (d) => (d.entries[3].respondsTo = { claim: 'q', relation: 'rebuts' }), { entry: 3, field: 'respondsTo.claim' }],
    ['a date in the future', (d) => (d.entries[2].at = '2999-01-01T00:00:00Z'), { entry: 2, field: 'at' }],
    ['a date that is not a date', (d) => (d.entries[2].at = 'last Tuesday'), { entry: 2, field: 'at' }],
    ['a bad partial date', (d) => (d.entries[0].issued = '2021-13'), { entry: 0, field: 'issued' }],
    ['`in` naming a question instead of a source', (d) => (d.entries[2].in = 'q'), { entry: 2, field: 'in' }],
    ['a passage over its length limit', (d) => (d.entries[2].passage = 'x'.repeat(10_001)), { entry: 2, field: 'passage' }],
    ['an empty passage', (d) => (d.entries[2].passage = ''), { entry: 2, field: 'passage' }],
    ['a passage that is not text', (d) => (d.entries[2].passage = ['a', 'b']), { entry: 2, field: 'passage' }],
    [
      'an archive guide entry given a file number',
      (d) => (d.entries[0].identifiers = { archive: { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', storageUnits: 8756, delo: '8756' } }),
      { entry: 0, field: 'identifiers.archive.delo', message: expect.stringMatching(/guide entry describes holdings, not a file/) },
    ],
    [
      'a file citation given a guide entry’s count of storage units',
      (d) => (d.entries[0].identifiers = { archive: { repository: 'GARF', fond: 'R-9501', opis: '17', storageUnits: 8756 } }),
      { entry: 0, field: 'identifiers.archive.storageUnits', message: expect.stringMatching(/only a guide entry/) },
    ],
    ['an archive reference of an unknown kind', (d) => (d.entries[0].identifiers = { archive: { kind: 'fonds', repository: 'GARF' } }), { entry: 0, field: 'identifiers.archive.kind' }],
    ['archive years that are not years', (d) => (d.entries[0].identifiers = { archive: { repository: 'GARF', years: '1918 to 1992' } }), { entry: 0, field: 'identifiers.archive.years' }],
    ['a guide entry counting no storage units', (d) => (d.entries[0].identifiers = { archive: { kind: 'guide-entry', repository: 'GARF', storageUnits: 0 } }), { entry: 0, field: 'identifiers.archive.storageUnits' }],
  ];
  for (const [name, mutate, expected] of cases) {
    it(`names the entry and field of ${name}`, async () => {
      const problems = await problemsOf(mutate);
      expect(problems).toContainEqual(expect.objectContaining(expected));
      for (const problem of problems) expect(describeProblem(problem)).toMatch(/^(file|entries\[\d+\]( \([^)]+\))?): \S/);
    });
  }

  describe('proof standards, verification and relations to evidence', () => {
    type Doc = ReturnType<typeof valid>;
    /** The fixture and, from index 4: evidence on `allowance`, then the entries under test. */
    const extended = (...entries: Record<string, unknown>[]): Doc => {
      const doc = valid();
      doc.entries.push({ key: 'e1', command: 'AttachEvidence', claim: 'allowance', source: 'post-1', stance: 'supports' }, ...entries);
      return doc;
    };
    const problemsOfExtended = async (...entries: Record<string, unknown>[]) => {
      const { file, problems } = await validateDebate(extended(...entries));
      expect(file).toBeUndefined();
      return problems;
    };

    it('accepts every new field and entry', async () => {
      const doc = extended(
        { key: 'e2', command: 'AttachEvidence', claim: 'budget', source: 'post-1', stance: 'undermines', verification: 'transcribed', quote: 'a budgetary device' },
        { key: 'v1', command: 'VerifyEvidence', evidence: 'e1', verification: 'examined', note: 'read the post' },
        { key: 'v2', command: 'VerifyEvidence', evidence: 'e1', verification: 'transcribed' },
        { key: 'r1', command: 'RelateClaims', from: 'budget', toEvidence: 'e1', relation: 'undercuts' },
        { key: 'r2', command: 'RelateClaims', from: 'budget', to: 'allowance', relation: 'competes' },
        { key: 'p1', command: 'ChangeProofStandard', question: 'q', proofStandard: 'clear-and-convincing', reason: 'a verdict on the NKVD needs more' },
      );
      doc.entries[1].proofStandard = 'scintilla';
      expect((await validateDebate(doc)).problems).toEqual([]);
    });

    const cases: [string, Record<string, unknown>[], ((d: Doc) => void) | undefined, Partial<ImportProblem>][] = [
      ['a bad proof standard on a question', [], (d) => (d.entries[1].proofStandard = 'certainty'), { entry: 1, field: 'proofStandard' }],
      ['a bad verification on evidence', [], (d) => (d.entries[4].verification = 'glanced-at'), { entry: 4, field: 'verification' }],
      ['a verification entry without its verification', [{ key: 'v', command: 'VerifyEvidence', evidence: 'e1' }], undefined, { entry: 5, field: 'verification' }],
      ['a verification entry with a bad verification', [{ key: 'v', command: 'VerifyEvidence', evidence: 'e1', verification: 'skimmed' }], undefined, { entry: 5, field: 'verification' }],
      ['a verification entry naming a claim as its evidence', [{ key: 'v', command: 'VerifyEvidence', evidence: 'allowance', verification: 'examined' }], undefined, { entry: 5, field: 'evidence' }],
      ['a verification entry naming no entry', [{ key: 'v', command: 'VerifyEvidence', evidence: 'nowhere', verification: 'examined' }], undefined, { entry: 5, field: 'evidence' }],
      ['a verification note over its length limit', [{ key: 'v', command: 'VerifyEvidence', evidence: 'e1', verification: 'examined', note: 'x'.repeat(2001) }], undefined, { entry: 5, field: 'note' }],
      ['a relation with both a claim and an evidence target', [{ key: 'r', command: 'RelateClaims', from: 'budget', to: 'allowance', toEvidence: 'e1', relation: 'rebuts' }], undefined, { entry: 5, field: 'toEvidence' }],
      ['a relation with no target', [{ key: 'r', command: 'RelateClaims', from: 'budget', relation: 'rebuts' }], undefined, { entry: 5, field: 'to' }],
      ['a relation to evidence naming a claim', [{ key: 'r', command: 'RelateClaims', from: 'budget', toEvidence: 'allowance', relation: 'rebuts' }], undefined, { entry: 5, field: 'toEvidence' }],
      ['a relation to a claim naming evidence', [{ key: 'r', command: 'RelateClaims', from: 'budget', to: 'e1', relation: 'rebuts' }], undefined, { entry: 5, field: 'to' }],
      ['competes with a piece of evidence', [{ key: 'r', command: 'RelateClaims', from: 'budget', toEvidence: 'e1', relation: 'competes' }], undefined, { entry: 5, field: 'relation' }],
      ['a proof standard change with a bad standard', [{ key: 'p', command: 'ChangeProofStandard', question: 'q', proofStandard: 'hunch', reason: 'x' }], undefined, { entry: 5, field: 'proofStandard' }],
      ['a proof standard change without a reason', [{ key: 'p', command: 'ChangeProofStandard', question: 'q', proofStandard: 'scintilla' }], undefined, { entry: 5, field: 'reason' }],
      ['a proof standard change naming a claim', [{ key: 'p', command: 'ChangeProofStandard', question: 'budget', proofStandard: 'scintilla', reason: 'x' }], undefined, { entry: 5, field: 'question' }],
    ];
    for (const [name, entries, mutate, expected] of cases) {
      it(`names the entry and field of ${name}`, async () => {
        const problems = mutate
          ? await (async () => {
              const doc = extended(...entries);
              mutate(doc);
              const result = await validateDebate(doc);
              expect(result.file).toBeUndefined();
              return result.problems;
            })()
          : await problemsOfExtended(...entries);
        expect(problems).toContainEqual(expect.objectContaining(expected));
        for (const problem of problems) {
          expect(describeProblem(problem)).toMatch(/^(file|entries\[\d+\]( \([^)]+\))?): \S/);
          expect(problem.field, describeProblem(problem)).not.toBe('(entry)');
        }
      });
    }

    it('says which target fields to give, once, when a relation has none or both', async () => {
      expect(await problemsOfExtended({ key: 'r', command: 'RelateClaims', from: 'budget', relation: 'rebuts' })).toEqual([
        { entry: 5, key: 'r', field: 'to', message: 'give exactly one of: to, toEvidence' },
      ]);
      expect(await problemsOfExtended({ key: 'r', command: 'RelateClaims', from: 'budget', to: 'allowance', toEvidence: 'e1', relation: 'rebuts' })).toEqual([
        { entry: 5, key: 'r', field: 'toEvidence', message: 'give exactly one of: to, toEvidence (not both)' },
      ]);
    });
  });

  it('reports every problem of the file at once', async () => {
    const problems = await problemsOf((d) => {
      d.entries[1].colour = 'blue';
      d.entries[2].kind = 'rumour';
      d.entries[3].question = 'nowhere';
    });
    expect(problems.map((p) => [p.entry, p.field])).toEqual([
      [1, 'colour'],
      [2, 'kind'],
      [3, 'question'],
    ]);
  });
});
