import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cslItem, toCsl } from '../../../projections/exports/csl.export';
import type { SourceView } from '../../../projections/sources/sources.projection';
import type { SourceKind } from '../../../src/ledger/source/source.events';
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

  it('lists every source the question refers to, in order of first reference', () => {
    expect(items.map((i) => i.id)).toEqual(['post-volodarsky', 'post-preston', 'garf-r9501-op17', 'cia-report', 'hearne-2025']);
  });

  it('cites an archive guide entry as a collection, its counts never printed as a file', () => {
    expect(byId.get('garf-r9501-op17')).toEqual({
      id: 'garf-r9501-op17',
      type: 'collection',
      title: 'Документы по истории Союза обществ Красного Креста и Красного Полумесяца СССР',
      author: [{ literal: 'Union of Red Cross and Red Crescent Societies of the USSR' }],
      archive: 'GARF',
      archive_location: 'f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)',
      note: 'An archive guide’s entry describing holdings, not a file citation. Source reliability B (usually reliable), Admiralty scale.',
    });
  });

  it('cites an archival file as a manuscript with archive and archive location', () => {
    const item = cslItem(source('archival', { authors: [], identifiers: { archive: { repository: 'GARF', fond: 'R-9501', opis: '1', delo: '45', list: '3-7', years: '1936–1937' } } }));
    expect(item).toMatchObject({ type: 'manuscript', archive: 'GARF', archive_location: 'f. R-9501, op. 1, d. 45, ll. 3-7 (1936–1937)' });
  });

  it('cites the CIA report with its CREST number and full date, and the article with its DOI and year', () => {
    expect(byId.get('cia-report')).toMatchObject({
      type: 'report',
      author: [{ literal: 'Central Intelligence Agency' }],
      issued: { 'date-parts': [[1954, 6, 25]] },
      number: 'CIA-RDP80-00810A004300550004-0',
    });
    expect(byId.get('hearne-2025')).toMatchObject({
      type: 'article-journal',
      author: [{ family: 'Hearne', given: 'Siobhán' }],
      issued: { 'date-parts': [[2025]] },
      DOI: '10.1017/S1740022824000184',
    });
    expect(byId.get('post-volodarsky')).toMatchObject({ type: 'post', URL: 'https://wais.stanford.edu/?p=1234', issued: { 'date-parts': [[2021, 2, 12]] } });
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
    expect(item).toMatchObject({ issued: { literal: 'spring 1947' }, archive: 'RGASPI', archive_location: 'f. 495, op. 120, d. 263, ll. 12-15' });
    expect(item.author).toBeUndefined();
    expectValid([item]);
  });
});
