import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CslItem } from '../../../projections/exports/csl.export';

/**
 * citeproc-js (npm `citeproc`, the CSL processor Zotero and Mendeley use) with the CSL styles and
 * the en-US locale vendored in test/fixtures/csl (CC BY-SA 3.0, see its README): renders CSL-JSON
 * items as a bibliography, and as the first note or in-text citation of each, in HTML, the way a
 * reader's reference manager would.
 */
export const STYLES = ['chicago-note-bibliography', 'chicago-author-date', 'apa'] as const;
export type Style = (typeof STYLES)[number];

const FIXTURES = join(__dirname, '../../fixtures/csl');

interface CiteprocEngine {
  updateItems(ids: string[]): void;
  makeBibliography(): [unknown, string[]] | false;
  processCitationCluster(citation: object, before: unknown[], after: unknown[]): [unknown, [number, string, string][]];
}
interface CiteprocModule {
  Engine: new (sys: { retrieveLocale(lang: string): string; retrieveItem(id: string): CslItem }, style: string, lang?: string, forceLang?: boolean) => CiteprocEngine;
}

const CSL = createRequire(__filename)('citeproc') as CiteprocModule;

function engine(style: Style, items: CslItem[]): CiteprocEngine {
  const byId = new Map(items.map((item) => [item.id, item]));
  const sys = {
    retrieveLocale: () => readFileSync(join(FIXTURES, 'locales-en-US.xml'), 'utf8'),
    retrieveItem: (id: string) => {
      const item = byId.get(id);
      if (!item) throw new Error(`citeproc asked for an unknown item ${id}`);
      return item;
    },
  };
  return new CSL.Engine(sys, readFileSync(join(FIXTURES, `${style}.csl`), 'utf8'), 'en-US', true);
}

/** The bibliography entries, in the style's order, as citeproc-js's HTML. */
export function renderBibliography(style: Style, items: CslItem[]): string[] {
  const e = engine(style, items);
  e.updateItems(items.map((i) => i.id));
  const result = e.makeBibliography();
  if (!result) throw new Error(`${style} made no bibliography`);
  return result[1].map((entry) => entry.trim());
}

/** The first citation of each item (a full note in a note style, "(Author Year)" otherwise), by id. */
export function renderCitations(style: Style, items: CslItem[]): Map<string, string> {
  const e = engine(style, items);
  const out = new Map<string, string>();
  const before: [string, number][] = [];
  items.forEach((item, i) => {
    const citationID = `c${i + 1}`;
    const [, updates] = e.processCitationCluster({ citationID, citationItems: [{ id: item.id }], properties: { noteIndex: i + 1 } }, before, []);
    before.push([citationID, i + 1]);
    const mine = updates.find(([, , id]) => id === citationID);
    if (mine) out.set(item.id, mine[1]);
  });
  return out;
}

/** HTML as plain text: tags dropped, entities read. */
export function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#38;/g, '&')
    .replace(/&amp;/g, '&')
    .replace(/&#60;/g, '<')
    .replace(/&#62;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}
