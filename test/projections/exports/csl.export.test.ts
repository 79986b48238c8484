import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cslItem, toCsl } from '../../../projections/exports/csl.export';
import type { SourceView } from '../../../projections/sources/sources.projection';
import type { SourceKind } from '../../../contract/source.events';
import { buildExportInput } from './export-fixture';

// The official CSL-JSON 1.0 schema, vendored (see fixtures/csl-data.NOTICE.md). It types some
// fields as ["string", "number"], which Ajv's strict mode accepts only with allowUnionTypes.
const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'csl-data.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function expectValid(items: unknown): void {
  const ok = validate(items);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

function source(kind: SourceKind, overrides: Partial<SourceView> = {}): SourceView {
  return {
    id: `s-${kind}`,
    kind,
    title: `A ${kind}`,
    authors: ['Boris Volodarsky'],
    issued: '1947-03',
    identifiers: {},
    details: {},
    reliability: null,
    registeredReliability: null,
    position: 0n,
    appraisals: [],
    citations: [],
    provenance: { recordedBy: { id: 'u', name: 'U' }, recordedAt: '2025-01-01T00:00:00Z', attributedTo: { name: 'U' }, occurredAt: '2025-01-01T00:00:00Z', saidIn: null },
    revision: 0n,
    ...overrides,
  };
}

describe('CSL-JSON export', () => {
  const items = toCsl(buildExportInput());
  const byId = new Map(items.map((i) => [i.id, i]));

  it('is valid against the official CSL-JSON schema', () => {
    expectValid(items);
    // The schema does bite: an unknown type is refused.
    expect(validate([{ id: 'x', type: 'forum-post' }])).toBe(false);
  });

  it('lists every source the question refers to, in order of first reference, each under a readable key unique in the export', () => {
    expect(items.map((i) => i.id)).toEqual(['volodarsky2021soviet', 'preston2021soviet', 'garf-r-9501', 'cia1954soviet', 'hearne2025between']);
    expect(items.map((i) => i.custom.ledgerSourceId)).toEqual(['post-volodarsky', 'post-preston', 'garf-r9501-op17', 'cia-report', 'hearne-2025']);
    for (const item of items) expect(item['citation-key']).toBe(item.id);
  });

  it('keeps keys unique when two sources would share one (the same author, year and first word)', () => {
    const input = buildExportInput();
    const twin = { ...input.sources.get('post-preston')!, id: 'post-preston-2' };
    const sources = new Map([...input.sources, ['post-preston-2', twin]]);
    const evidence = new Map(input.question.evidence);
    const first = [...evidence.values()][0]!;
    evidence.set('e-twin', { ...first, id: 'e-twin', sourceId: 'post-preston-2' });
    const keys = toCsl({ ...input, sources, question: { ...input.question, evidence } }).map((i) => i.id);
    expect(keys).toContain('preston2021soviet');
    expect(keys).toContain('preston2021soviet-2');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cites an archive guide entry as holdings (genre "archive guide entry"), dated by its years, its counts never printed as a file', () => {
    expect(byId.get('garf-r-9501')).toEqual({
      id: 'garf-r-9501',
      'citation-key': 'garf-r-9501',
      type: 'manuscript',
      genre: 'archive guide entry',
      title: 'Документы по истории Союза обществ Красного Креста и Красного Полумесяца СССР',
      author: [{ literal: 'Union of Red Cross and Red Crescent Societies of the USSR' }],
      issued: { 'date-parts': [[1918], [1992]] },
      archive: 'GARF',
      archive_location: '<span class="nocase">f. R-9501: 17 inventories, 8,756 storage units</span>',
      note: 'An archive guide’s entry describing holdings, not a file citation. Source reliability B (usually reliable), Admiralty scale.',
      custom: { ledgerSourceId: 'garf-r9501-op17' },
    });
  });

  it('cites an archival file as a manuscript with archive, its full name and place, and archive location', () => {
    const item = cslItem(
      source('archival', {
        authors: [],
        identifiers: { archive: { repository: 'GARF', repositoryName: 'State Archive of the Russian Federation', place: 'Moscow', fond: 'R-9501', opis: '1', delo: '45', list: '3-7', years: '1936–1937' } },
      }),
    );
    expect(item).toMatchObject({
      type: 'manuscript',
      archive: 'State Archive of the Russian Federation (GARF)',
      'archive-place': 'Moscow',
      archive_location: '<span class="nocase">f. R-9501, op. 1, d. 45, ll. 3-7 (1936–1937)</span>',
      issued: { 'date-parts': [[1947, 3]] },
    });
    expect(item.genre).toBeUndefined();
    const icrc = cslItem(source('archival', { issued: null, identifiers: { archive: { repository: 'ICRC Archives', shelfmark: 'B AG 121 218-015' } } }));
    expect(icrc).toMatchObject({ archive: 'ICRC Archives', archive_location: 'B AG 121 218-015' });
    expect(icrc.issued).toBeUndefined();
    expectValid([item, icrc]);
  });

  it('cites the CIA report with its CREST number as its location in CREST and its full date, and the article with its DOI and year', () => {
    expect(byId.get('cia1954soviet')).toMatchObject({
      type: 'report',
      author: [{ literal: 'Central Intelligence Agency' }],
      issued: { 'date-parts': [[1954, 6, 25]] },
      archive: 'CIA Records Search Tool (CREST)',
      archive_location: 'CIA-RDP80-00810A004300550004-0',
    });
    expect(byId.get('hearne2025between')).toMatchObject({
      type: 'article-journal',
      author: [{ family: 'Hearne', given: 'Siobhán' }],
      issued: { 'date-parts': [[2025]] },
      DOI: '10.1017/S1740022824000184',
    });
    expect(byId.get('volodarsky2021soviet')).toMatchObject({ type: 'post', URL: 'https://wais.stanford.edu/?p=1234', issued: { 'date-parts': [[2021, 2, 12]] } });
  });

  it('puts each bibliographic detail in its CSL variable, never in the title', () => {
    const item = cslItem(
      source('article', {
        title: 'Malariology and Decolonization',
        issued: '2022',
        details: { containerTitle: 'Journal of Global History', volume: '17', issue: '2', pages: '233–53', publisher: 'Cambridge University Press', accessed: '2024-02-12', note: 'Open access.' },
      }),
    );
    expect(item).toMatchObject({
      title: 'Malariology and Decolonization',
      'container-title': 'Journal of Global History',
      volume: '17',
      issue: '2',
      page: '233–53',
      publisher: 'Cambridge University Press',
      accessed: { 'date-parts': [[2024, 2, 12]] },
      note: 'Open access.',
    });
    const post = cslItem(source('forum-post', { issued: '2021-02-10', details: { containerTitle: 'World Association of International Studies', postedAt: '2021-02-10T03:02:00-05:00', genre: 'moderator’s comment' } }));
    expect(post).toMatchObject({ type: 'post', 'container-title': 'World Association of International Studies', genre: 'moderator’s comment', issued: { 'date-parts': [[2021, 2, 10]] } });
    // CSL dates have no time of day: the post's time, as the page showed it, goes to the note (Zotero's Extra).
    expect(post.note).toBe('Posted 2021-02-10 03:02 (UTC−05:00).');
    const report = cslItem(source('report', { details: { genre: 'Information report', numberOfPages: 3, number: 'No. 12' } }));
    expect(report).toMatchObject({ genre: 'Information report', 'number-of-pages': 3, number: 'No. 12' });
    expectValid([item, post, report]);
  });

  it('gives every kind of source a CSL type the schema knows', () => {
    const kinds: [SourceKind, string][] = [
      ['archival', 'manuscript'],
      ['report', 'report'],
      ['article', 'article-journal'],
      ['book', 'book'],
      ['forum-post', 'post'],
      ['letter', 'personal_communication'],
      ['interview', 'interview'],
      ['web', 'webpage'],
      ['other', 'document'],
    ];
    const all = kinds.map(([kind]) => cslItem(source(kind, { identifiers: { isbn: '978-0-00-000000-2' } })));
    expect(all.map((i) => i.type)).toEqual(kinds.map(([, type]) => type));
    expect(all[0]).toMatchObject({ issued: { 'date-parts': [[1947, 3]] }, ISBN: '978-0-00-000000-2' });
    expectValid(all);
  });

  it('keeps a date it cannot read as written, and cites several folios as ll.', () => {
    const item = cslItem(source('archival', { issued: 'spring 1947', authors: [], identifiers: { archive: { repository: 'RGASPI', fond: '495', opis: '120', delo: '263', list: '12-15' } } }));
    expect(item).toMatchObject({ issued: { literal: 'spring 1947' }, archive: 'RGASPI', archive_location: '<span class="nocase">f. 495, op. 120, d. 263, ll. 12-15</span>' });
    expect(item.author).toBeUndefined();
    expectValid([item]);
  });
});
