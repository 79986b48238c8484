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
  ];
  for (const [name, mutate, expected] of cases) {
    it(`names the entry and field of ${name}`, async () => {
      const problems = await problemsOf(mutate);
      expect(problems).toContainEqual(expect.objectContaining(expected));
      for (const problem of problems) expect(describeProblem(problem)).toMatch(/^(file|entries\[\d+\]( \([^)]+\))?): \S/);
    });
  }

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
