import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceStream } from '../../../contract/event-catalogue';
import { parseDebateText, validateDebate, type ImportProblem } from '../../../src/ledger/import/validate-debate';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * A source's bibliographic details (container, volume, issue, pages, publisher, genre, number,
 * accessed, a forum post's time, a note) and an archive's full name, place and call number: accepted
 * over HTTP and in debate files, stored in SourceRegistered version 2, read back; bad values refused
 * with 400 (HTTP) or an import problem, naming the field, nothing written.
 */
const HEARNE = {
  kind: 'article',
  title: 'Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement',
  authors: ['Siobhán Hearne'],
  issued: '2025',
  identifiers: { doi: '10.1017/S1740022824000184' },
  details: { containerTitle: 'Journal of Global History', publisher: 'Cambridge University Press', note: 'Open access.' },
};

const BAD_DETAILS: [string, Record<string, unknown>, string][] = [
  ['an empty container title', { containerTitle: '' }, 'details.containerTitle'],
  ['pages that are not page numbers', { pages: 'pages 3 to 7' }, 'details.pages'],
  ['no pages at all', { numberOfPages: 0 }, 'details.numberOfPages'],
  ['an accessed date that is no date', { accessed: '2024-02-30' }, 'details.accessed'],
  ['a posting time without its zone', { postedAt: '2021-02-10T03:02:00' }, 'details.postedAt'],
  ['a posting time that is only a day', { postedAt: '2021-02-10' }, 'details.postedAt'],
  ['a volume that is not text', { volume: 17 }, 'details.volume'],
  ['an unknown detail', { edition: '2nd' }, 'details.edition'],
];

describe('source details over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('registers a source with its details, stored at schema version 2 and read back', async () => {
    const { id } = (await t.http.post('/api/sources').send(HEARNE).expect(201)).body as { id: string };
    expect((await t.http.get(`/api/sources/${id}`).expect(200)).body).toMatchObject({ details: HEARNE.details });
    const stored = [];
    for await (const event of t.store.readStream(sourceStream(id))) stored.push(event);
    expect(stored[0]).toMatchObject({ type: 'SourceRegistered', data: { details: HEARNE.details }, metadata: { schemaVersion: 2 } });
  });

  it('records no details as an empty object', async () => {
    const { details: _details, ...bare } = HEARNE;
    const { id } = (await t.http.post('/api/sources').send(bare).expect(201)).body as { id: string };
    expect((await t.http.get(`/api/sources/${id}`).expect(200)).body).toMatchObject({ details: {} });
  });

  it('registers an archive’s full name and place, and a file’s call number', async () => {
    const archive = { repository: 'ICRC Archives', repositoryName: 'International Committee of the Red Cross Archives', place: 'Geneva', shelfmark: 'B AG 121 218-015' };
    const { id } = (await t.http.post('/api/sources').send({ kind: 'archival', title: 'Généralités', authors: [], identifiers: { archive } }).expect(201)).body as { id: string };
    expect((await t.http.get(`/api/sources/${id}`).expect(200)).body).toMatchObject({ identifiers: { archive } });
  });

  for (const [name, details, field] of BAD_DETAILS) {
    it(`refuses ${name} with 400 naming ${field}, writing nothing`, async () => {
      const before = (await t.http.get('/api/sources').expect(200)).body as unknown[];
      const res = await t.http.post('/api/sources').send({ ...HEARNE, details }).expect(400);
      expect(JSON.stringify(res.body)).toContain(field);
      expect((await t.http.get('/api/sources').expect(200)).body).toHaveLength(before.length);
    });
  }

  it('refuses a call number on a guide entry, and details that are not an object, naming the field', async () => {
    const guide = { kind: 'guide-entry', repository: 'GARF', fond: 'R-9501', storageUnits: 88, shelfmark: 'op. 6' };
    const res = await t.http.post('/api/sources').send({ ...HEARNE, kind: 'archival', identifiers: { archive: guide } }).expect(400);
    expect(JSON.stringify(res.body)).toContain('identifiers.archive.shelfmark');
    expect(JSON.stringify((await t.http.post('/api/sources').send({ ...HEARNE, details: 'Journal of Global History' }).expect(400)).body)).toContain('details');
  });
});

describe('source details in a debate file', () => {
  const fixture = readFileSync(join(__dirname, '../../fixtures/small-debate.yaml'), 'utf8');
  const withSource = (fields: Record<string, unknown>) => {
    const doc = parseDebateText(fixture, 'small-debate.yaml').document as { entries: Record<string, unknown>[] };
    Object.assign(doc.entries[0]!, fields);
    return doc;
  };

  it('accepts a forum post’s forum and time, and an archive’s full name, place and call number', async () => {
    const { problems } = await validateDebate(
      withSource({ details: { containerTitle: 'World Association of International Studies', postedAt: '2021-02-10T03:02:00-05:00', accessed: '2024-02' } }),
    );
    expect(problems).toEqual([]);
    const archive = { repository: 'GARF', repositoryName: 'State Archive of the Russian Federation', place: 'Moscow', fond: 'R-9501', opis: '1', delo: '45' };
    expect((await validateDebate(withSource({ identifiers: { archive } }))).problems).toEqual([]);
  });

  for (const [name, details, field] of BAD_DETAILS) {
    it(`names the entry and field of ${name}`, async () => {
      const { file, problems } = await validateDebate(withSource({ details }));
      expect(file).toBeUndefined();
      expect(problems).toContainEqual(expect.objectContaining<Partial<ImportProblem>>({ entry: 0, field }));
    });
  }

  it('names a call number on a guide entry', async () => {
    const { problems } = await validateDebate(withSource({ identifiers: { archive: { kind: 'guide-entry', repository: 'GARF', storageUnits: 88, shelfmark: 'op. 6' } } }));
    expect(problems).toContainEqual(expect.objectContaining({ entry: 0, field: 'identifiers.archive.shelfmark', message: expect.stringMatching(/guide entry/) }));
  });
});
