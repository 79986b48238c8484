import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marked } from 'marked';
import markedFootnote from 'marked-footnote';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportInput } from '../../../projections/exports/export-input';
import { referencedSourceIds } from '../../../projections/exports/ledger-items';
import { toMarkdown } from '../../../projections/exports/markdown.export';
import { buildExportInput } from './export-fixture';
import { importReferenceDebate, type ReferenceDebate } from './reference-debate-input';

// jsdom ships no type declarations (and @types/jsdom is not installed): the one constructor used, typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: { document: Page } } };

/** The little of the DOM the checks read (the project's TypeScript settings carry no DOM types). */
interface PageElement {
  id: string;
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  remove(): void;
}
interface Page {
  title: string;
  documentElement: { lang: string };
  body: PageElement;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}

// cmark-gfm is GitHub's C implementation (native addon); it is loaded lazily so a machine where it
// did not build skips its checks instead of failing the whole file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cmark = (() => {
  try {
    return require('cmark-gfm') as { renderHtmlSync(markdown: string, options: object): string };
  } catch {
    return null;
  }
})();

/**
 * The report fed to the renderers its readers open it with: cmark-gfm (GitHub's reference), pandoc
 * (HTML, and PDF through pdflatex, pandoc's default route) and marked with marked-footnote. Each
 * must show the same headings, the same footnotes once each (one per source cited), and the same
 * quotations. pandoc and pdflatex are Debian packages: their checks run when they are installed
 * and say why they skipped otherwise.
 */
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const PANDOC = has('pandoc');
const PDFLATEX = PANDOC && has('pdflatex');
// Cyrillic through pdflatex needs the T2A encoding (texlive-lang-cyrillic) and scalable T2A fonts (cm-super).
const CYRILLIC_TEX = PDFLATEX && spawnSync('kpsewhich', ['t2aenc.def']).stdout.toString().trim() !== '' && spawnSync('kpsewhich', ['-format=map', 'cm-super-minimal-t2a.map']).stdout.toString().trim() !== '';
if (!PANDOC) console.warn('markdown.render.test: pandoc is not installed (apt-get install pandoc): the pandoc checks are skipped');
if (PANDOC && !PDFLATEX) console.warn('markdown.render.test: pdflatex is not installed (apt-get install texlive-latex-recommended texlive-fonts-recommended lmodern): the PDF checks are skipped');
if (PDFLATEX && !CYRILLIC_TEX) console.warn('markdown.render.test: no T2A fonts for pdflatex (apt-get install texlive-lang-cyrillic cm-super): the Cyrillic PDF check is skipped');
if (!cmark) console.warn('markdown.render.test: the cmark-gfm addon did not load: its checks are skipped');

function pandoc(args: string[], input: string, cwd?: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('pandoc', args, { input, cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a reader sees in a rendered page: its headings, its footnotes and its references to them, its text. */
interface Rendered {
  headings: string[];
  footnotes: string[];
  references: number;
  text: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function read(html: string, footnoteItems: string, referenceLinks: string): Rendered {
  const document = new JSDOM(html).window.document;
  const footnotes = [...document.querySelectorAll(footnoteItems)].map((li) => {
    // The back-reference arrows differ from tool to tool and are not part of the note.
    for (const back of li.querySelectorAll('a[href^="#fnref"], a[href^="#footnote-ref"], a.footnote-back')) back.remove();
    return squash(li.textContent ?? '');
  });
  return {
    headings: [...document.querySelectorAll('h1, h2, h3, h4')].filter((h) => h.id !== 'footnote-label').map((h) => squash(h.textContent ?? '')),
    footnotes,
    references: document.querySelectorAll(referenceLinks).length,
    text: squash(document.body.textContent ?? ''),
  };
}

const renderers = {
  cmark: (md: string) => read(cmark!.renderHtmlSync(md, { footnotes: true, extensions: { table: true, strikethrough: true, autolink: true } }), 'section.footnotes li', 'sup.footnote-ref a'),
  marked: (md: string) => read(new Marked().use(markedFootnote()).parse(md) as string, 'section.footnotes li', 'a[data-footnote-ref]'),
  pandoc: (md: string) => {
    const run = pandoc(['-f', 'markdown', '-t', 'html'], md);
    expect(run.status, run.stderr).toBe(0);
    return read(run.stdout, 'section.footnotes li', 'a.footnote-ref');
  },
};

describe.each([
  ['the test debate', async () => ({ input: buildExportInput(), close: async () => {} })],
  ['the reference debate', async () => importReferenceDebate()],
] as const)('the Markdown report of %s, rendered', (_name, load) => {
  let input: ExportInput;
  let debate: Pick<ReferenceDebate, 'close'>;
  let markdown: string;
  let sources: number;

  beforeAll(async () => {
    const loaded = await load();
    debate = loaded;
    input = loaded.input;
    markdown = toMarkdown(input);
    sources = referencedSourceIds(input).length;
  }, 120_000);
  afterAll(async () => debate?.close());

  it('cites each source in exactly one footnote, referenced once', () => {
    expect(sources).toBeGreaterThan(0);
    expect(markdown.match(/^\[\^\d+\]: /gm)).toHaveLength(sources);
    expect(markdown.match(/\[\^\d+\](?!:)/g)).toHaveLength(sources);
  });

  it.skipIf(!cmark)('renders in cmark-gfm with one footnote per source', () => {
    const page = renderers.cmark(markdown);
    expect(page.footnotes).toHaveLength(sources);
    expect(page.references).toBe(sources);
  });

  it('renders in marked with marked-footnote with one footnote per source', () => {
    const page = renderers.marked(markdown);
    expect(page.footnotes).toHaveLength(sources);
    expect(page.references).toBe(sources);
  });

  it.skipIf(!PANDOC)('renders in pandoc HTML with one footnote per source, none duplicated', () => {
    const page = renderers.pandoc(markdown);
    expect(page.footnotes).toHaveLength(sources);
    expect(page.references).toBe(sources);
    expect(new Set(page.footnotes).size).toBe(sources);
  });

  it.skipIf(!PANDOC || !cmark)('shows the same headings and footnotes in cmark-gfm, marked and pandoc', () => {
    const pages = [renderers.cmark(markdown), renderers.marked(markdown), renderers.pandoc(markdown)];
    // pandoc turns straight apostrophes into typographic ones (its `smart` extension): the same text to a reader.
    const same = (s: string) => s.replace(/’/g, "'");
    for (const page of pages.slice(1)) {
      expect(page.headings.map(same)).toEqual(pages[0]!.headings.map(same));
      expect(page.footnotes.map(same)).toEqual(pages[0]!.footnotes.map(same));
    }
    expect(pages[0]!.headings[0]).toBe(squash(input.question.title));
  });

  it.skipIf(!PANDOC || !cmark)('keeps a quotation inside a quotation whole in every renderer', () => {
    const passages = [...input.question.claims.values()].map((c) => c.passage).filter((p): p is string => p !== null && p.includes('"'));
    expect(passages.length).toBeGreaterThan(0);
    for (const render of Object.values(renderers)) {
      const text = render(markdown).text.replace(/’/g, "'");
      for (const passage of passages) expect(text).toContain(`“${squash(passage).replace(/’/g, "'")}”`);
    }
  });

  it.skipIf(!PANDOC)('gives pandoc the title, date and language in its metadata, without printing the title twice', () => {
    const run = pandoc(['-s', '-f', 'markdown', '-t', 'html'], markdown);
    expect(run.status, run.stderr).toBe(0);
    const document = new JSDOM(run.stdout).window.document;
    expect(squash(document.title)).toBe(squash(input.question.title));
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelectorAll('h1')).toHaveLength(1);
  });

  it.skipIf(!PDFLATEX)('goes through pandoc’s default PDF route (pdflatex)', () => {
    if (/\p{Script=Cyrillic}/u.test(markdown) && !CYRILLIC_TEX) {
      console.warn('markdown.render.test: this report quotes Cyrillic and pdflatex has no T2A fonts here: skipped');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    try {
      writeFileSync(join(dir, 'report.md'), markdown);
      // Vite sets MODE=test, which kpathsea's mktextfm reads as the METAFONT mode when it makes the
      // Cyrillic fonts' metrics on first use, and fails: the tools get the environment without it.
      const { MODE: _vite, ...env } = process.env;
      const run = spawnSync('pandoc', ['report.md', '-o', 'report.pdf'], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(dir, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});

describe('the signs the report adds', () => {
  it('are ASCII or among those LaTeX’s UTF-8 input knows: no minus sign', () => {
    const input = buildExportInput();
    const markdown = toMarkdown(input);
    // Everything the export writes itself: the report with every quoted text taken out.
    const quoted = [
      input.question.title,
      input.question.body,
      ...[...input.question.claims.values()].flatMap((c) => [...c.versions.map((v) => v.text), c.passage ?? '', c.retraction?.reason ?? '']),
      ...[...input.question.evidence.values()].flatMap((e) => [e.quote ?? '', e.locator ?? '', ...e.verifications.map((v) => v.note ?? '')]),
      ...[...input.sources.values()].flatMap((s) => [s.title, ...s.authors]),
      ...input.consensus.claims.map((c) => c.reading),
      'Siobhán', 'Анна Петрова', 'Москва', '1918–1992',
    ];
    const own = [...new Set([...markdown].filter((ch) => ch.charCodeAt(0) > 127 && !quoted.some((q) => q.includes(ch))))];
    expect(own.filter((ch) => !'·’“”…–'.includes(ch))).toEqual([]);
    expect(markdown).not.toContain('\u2212');
  });
});
