import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../event-store/event-store.contract';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * ISO-8601 forms that the strict ISO check lets through but JavaScript's date parser does not read:
 * once answered 500, and, thrown while a group commit's batch was sealed, they failed the valid
 * writes batched with them.
 */
const POISONED_DATES = ['2021-W07', '2021-W07-3', '2021-041', '20210210T031300Z', '2021-02-10T03:13:00,5Z', '2021-02-10T03Z'];
const VALID = 150;

describe('one bad request among many concurrent writes to one question', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LEDGER_RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
  });
  afterAll(() => t?.close());

  it('is refused alone, with 400 naming provenance.occurredAt; every valid write lands', async () => {
    const question = await t.http.post('/api/questions').send({ title: 'Who kept the lists of the families?' }).expect(201);
    const claims = `/api/questions/${question.body.id}/claims`;
    const valid = Array.from({ length: VALID }, (_, i) => ({
      text: `valid claim ${i}`,
      kind: 'answer',
      ...(i % 3 === 0 ? { provenance: { occurredAt: '2021-02-10T03:13:00.5Z' } } : {}),
    }));
    // Two of each poisoned form, spread through the valid ones so they fall into the same batches.
    const poisoned = [...POISONED_DATES, ...POISONED_DATES].map((occurredAt, i) => ({ text: `poisoned claim ${i} (${occurredAt})`, kind: 'answer', provenance: { occurredAt } }));
    const bodies = [...valid];
    poisoned.forEach((body, i) => bodies.splice(Math.floor(((i + 1) * valid.length) / (poisoned.length + 1)) + i, 0, body));

    const answers = await Promise.all(bodies.map((body) => t.http.post(claims).send(body).then((response) => ({ body, response }))));

    const stored = await collect(t.store.readAll());
    const storedIds = new Set(stored.map((e) => e.id));
    const storedTexts = new Set(stored.map((e) => (e.data as { text?: string }).text));
    const refusedValid = answers.filter((a) => !a.body.text.startsWith('poisoned') && a.response.status !== 201);
    expect(refusedValid.map((a) => `${a.body.text}: ${a.response.status} ${JSON.stringify(a.response.body)}`)).toEqual([]);
    for (const { body, response } of answers) {
      if (body.text.startsWith('poisoned')) {
        expect(response.status, body.text).toBe(400);
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('provenance.occurredAt');
        expect(storedTexts.has(body.text), body.text).toBe(false);
      } else {
        expect(response.body.eventIds.length).toBeGreaterThan(0);
        for (const id of response.body.eventIds) expect(storedIds.has(id), `${body.text}: event ${id}`).toBe(true);
        expect(storedTexts.has(body.text)).toBe(true);
      }
    }
    const claimed = stored.filter((e) => e.type === 'ClaimProposed' && e.stream === `question-${question.body.id}`);
    expect(claimed).toHaveLength(VALID);
  });
});
