import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldForSearch, searchTerms } from '../../projections/questions/question-search';
import { startTestApp, type TestApp } from '../support/test-app';

describe('searching questions (GET /api/questions?q=)', () => {
  it('folds case and accents, not letters without a decomposition', () => {
    expect(foldForSearch('Cruz Roja SOVIÉTICA')).toBe('cruz roja sovietica');
    expect(foldForSearch('  Ñandú\tçà  ')).toBe('nandu ca');
    expect(foldForSearch('Волкогонов')).toBe('волкогонов');
    expect(searchTerms('  Soviet   Red ')).toEqual(['soviet', 'red']);
  });

  describe('over HTTP', () => {
    let t: TestApp;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await startTestApp();
      const open = async (key: string, body: Record<string, unknown>) => {
        ids[key] = (await t.http.post('/api/questions').send(body).expect(201)).body.id;
      };
      await open('cruz', { title: 'La Cruz Roja Soviética y el PCE', body: 'Una asignación de 600 rublos.', tags: ['pce'] });
      await open('nkvd', { title: 'Who ran the NKVD station in Paris?', tags: ['nkvd', 'paris'] });
      const claim = await t.http.post(`/api/questions/${ids.nkvd}/claims`).send({ kind: 'answer', text: 'Eitingon ran it from Málaga first.' });
      expect(claim.status).toBe(201);
      await open('other', { title: 'An unrelated question', tags: ['misc'] });
    });

    afterAll(async () => {
      await t?.close();
    });

    const found = async (q: string) => ((await t.http.get('/api/questions').query({ q }).expect(200)).body as { id: string }[]).map((x) => x.id).sort();

    it('finds a title whatever the case and accents of either side', async () => {
      expect(await found('sovietica')).toEqual([ids.cruz]);
      expect(await found('SOVIÉTICA')).toEqual([ids.cruz]);
      expect(await found('cruz roja')).toEqual([ids.cruz]);
    });

    it('looks in the body, the tags and the live claims too, and needs every word', async () => {
      expect(await found('rublos')).toEqual([ids.cruz]);
      expect(await found('paris')).toEqual([ids.nkvd]);
      expect(await found('malaga eitingon')).toEqual([ids.nkvd]);
      expect(await found('malaga cruz')).toEqual([]);
    });

    it('lists everything without q or with an empty one, and combines with tag', async () => {
      expect(await found('')).toHaveLength(3);
      expect((await t.http.get('/api/questions').query({ q: 'roja', tag: 'nkvd' }).expect(200)).body).toEqual([]);
    });

    it('refuses a q over 200 characters or given twice, naming the field', async () => {
      const long = await t.http.get('/api/questions').query({ q: 'x'.repeat(201) }).expect(400);
      expect(long.body.errors).toEqual([{ field: 'q', message: 'at most 200 characters' }]);
      const twice = await t.http.get('/api/questions?q=a&q=b').expect(400);
      expect(twice.body.errors[0].field).toBe('q');
    });
  });
});
