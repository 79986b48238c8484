import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsl, type CslItem } from '../../../projections/exports/csl.export';
import { STYLES, plain, renderBibliography, renderCitations, type Style } from './csl-render';
import { importReferenceDebate } from './reference-debate-input';

/**
 * The reference debate's bibliography as a historian's tools render it: its CSL-JSON through
 * citeproc-js with Chicago notes–bibliography, Chicago author-date and APA (the styles vendored in
 * test/fixtures/csl), and through `pandoc --citeproc` when pandoc is installed. The assertions are on
 * the rendered text: the journal as container in the style's place and italics, the CREST number,
 * archival locations in their lower-case form, dates where the record has them, one entry per source.
 */
const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).status === 0;
if (!pandoc) console.warn('csl.render.test: pandoc --citeproc skipped, pandoc is not installed (Debian: apt-get install pandoc)');

describe('CSL-JSON of the reference debate, rendered by citeproc-js', () => {
  let items: CslItem[];
  let close: () => Promise<void>;
  const bibliography = new Map<Style, string[]>();

  beforeAll(async () => {
    const debate = await importReferenceDebate();
    close = debate.close;
    items = toCsl(debate.input);
    for (const style of STYLES) bibliography.set(style, renderBibliography(style, items));
  }, 120_000);

  afterAll(async () => {
    await close?.();
  });

  const entry = (style: Style, pattern: RegExp): string => {
    const found = bibliography.get(style)!.filter((e) => pattern.test(e));
    expect(found, `${style}: ${pattern}`).toHaveLength(1);
    return found[0]!;
  };

  it('renders one bibliography entry per source in every style, under unique keys', () => {
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i['citation-key'])).size).toBe(items.length);
    for (const style of STYLES) expect(bibliography.get(style), style).toHaveLength(items.length);
  });

  it('sets Hearne’s journal as the container, in italics where each style puts it, never in the title', () => {
    expect(entry('chicago-note-bibliography', /Hearne/)).toContain(
      'Hearne, Siobhán. “Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement.” <i>Journal of Global History</i>, 2025. https://doi.org/10.1017/S1740022824000184.',
    );
    expect(entry('chicago-author-date', /Hearne/)).toContain(
      'Hearne, Siobhán. 2025. “Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement.” <i>Journal of Global History</i>. https://doi.org/10.1017/S1740022824000184.',
    );
    expect(entry('apa', /Hearne/)).toContain(
      'Hearne, S. (2025). Between Moscow and Geneva: The Soviet Red Cross and the International Red Cross Movement. <i>Journal of Global History</i>. https://doi.org/10.1017/S1740022824000184',
    );
    for (const style of STYLES) expect(entry(style, /Hearne/)).not.toMatch(/Movement \(|open access/i);
  });

  it('prints the CIA report’s CREST number, its kind as a genre and no page count in the title', () => {
    for (const style of STYLES) {
      const cia = plain(entry(style, /Central Intelligence Agency/));
      expect(cia, style).toContain('CIA-RDP80-00810A004300550004-0');
      expect(cia, style).toMatch(/Information report/i);
      expect(cia, style).not.toMatch(/\b3 pp\b|Pp\./);
    }
    expect(plain(entry('chicago-note-bibliography', /Central Intelligence Agency/))).toBe(
      'Central Intelligence Agency. “Soviet Relations with Foreign Communist Parties.” Information report, June 25, 1954. CIA-RDP80-00810A004300550004-0. CIA Records Search Tool (CREST).',
    );
  });

  it('writes GARF’s references in their lower-case form, GARF expanded, as guide entries with their years, and never as files', () => {
    for (const style of STYLES) {
      const garf = bibliography.get(style)!.filter((e) => e.includes('GARF')).map(plain);
      expect(garf.length, style).toBe(4);
      for (const e of garf) {
        expect(e, style).toContain('State Archive of the Russian Federation (GARF)');
        expect(e, style).toContain('f. R-9501, op. ');
        expect(e, style).not.toContain('F. R-9501');
        expect(e, style).toMatch(/archive guide entry/i);
        expect(e, style).not.toMatch(/\bd\. \d/);
        expect(e, style).not.toContain('n.d.');
      }
    }
    // The one ambiguous citation ("op. 5, 13 and 16, d. 1629") is one entry: three inventories, 1,629 storage units.
    expect(plain(entry('chicago-note-bibliography', /External Relations/))).toBe(
      '———. “Office (Department) of External Relations.” Archive guide entry, 1925–1988. f. R-9501, op. 5, 13, 16: 1,629 storage units. State Archive of the Russian Federation (GARF).',
    );
    expect(plain(entry('chicago-author-date', /Switzerland and the United Kingdom/))).toMatch(/^———\. 1918–1936, 1945\. “Representations/);
  });

  it('prints no "n.d." for any source whose year or range of years is known', () => {
    for (const style of STYLES) {
      for (const e of bibliography.get(style)!) {
        if (e.includes('Généralités')) continue; // the ICRC file: the record gives no date for it
        expect(plain(e), style).not.toContain('n.d.');
      }
    }
    for (const style of ['chicago-author-date', 'apa'] as const) {
      for (const [id, citation] of renderCitations(style, items)) if (!id.startsWith('icrc')) expect(citation, `${style} ${id}`).not.toContain('n.d.');
    }
  });

  it('cites forum posts as posts in the forum, with the day, the author not repeated in the title', () => {
    const volodarsky = plain(entry('chicago-note-bibliography', /Volodarsky/));
    expect(volodarsky).toBe('Volodarsky, Boris. “Soviet Red Cross.” World Association of International Studies, February 12, 2021.');
    expect(plain(entry('apa', /Ribelles/))).toBe(
      'Ribelles de la Vega, S. (2021, February 10). Soviet Red Cross and the Spanish Communists: What was the Connection? World Association of International Studies.',
    );
    const je = bibliography.get('apa')!.filter((e) => e.includes('Eipper')).map(plain);
    expect(je).toHaveLength(2);
    for (const e of je) expect(e).toContain('[Moderator’s comment]');
  });

  describe.skipIf(!pandoc)('through pandoc --citeproc', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'csl-pandoc-'));
      writeFileSync(join(dir, 'sources.json'), JSON.stringify(items, null, 2));
      const keys = ['hearne2025between', 'cia1954soviet', 'garf-r-9501-op-5-13-16', 'volodarsky2021soviet'];
      for (const key of keys) expect(items.map((i) => i.id)).toContain(key);
      writeFileSync(join(dir, 'paper.md'), `# Notes\n\n${keys.map((key) => `A claim [@${key}].`).join('\n\n')}\n\n# References\n`);
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it.each(['chicago-note-bibliography', 'apa'] as const)('renders the cited sources with %s', (style) => {
      const run = spawnSync(
        'pandoc',
        ['--citeproc', '--wrap=none', '--bibliography', join(dir, 'sources.json'), '--csl', join(__dirname, '../../fixtures/csl', `${style}.csl`), '-t', 'html', join(dir, 'paper.md')],
        { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8' } },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const html = run.stdout;
      expect(html).toContain('<em>Journal of Global History</em>');
      expect(html).toContain('CIA-RDP80-00810A004300550004-0');
      expect(html).toContain('f. R-9501, op. 5, 13, 16: 1,629 storage units');
      expect(html).not.toContain('F. R-9501');
      expect(html).toContain('State Archive of the Russian Federation (GARF)');
      expect(html).not.toContain('???'); // pandoc's mark for a key it could not find
    });
  });
});
