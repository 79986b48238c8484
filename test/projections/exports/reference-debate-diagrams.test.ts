import { spawnSync } from 'node:child_process';
import renderSync from '@aduh95/viz.js/sync';
import {
  ArgdownApplication,
  ArgumentSelectionPlugin,
  ColorPlugin,
  DataPlugin,
  GroupPlugin,
  MapPlugin,
  ModelPlugin,
  ParserPlugin,
  PreselectionPlugin,
  RegroupPlugin,
  StatementSelectionPlugin,
  isGroupMapNode,
  type IArgdownResponse,
  type IMapNode,
} from '@argdown/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toArgdown } from '../../../projections/exports/argdown.export';
import { LABEL_COLOURS } from '../../../projections/exports/argument-graph';
import { toDot } from '../../../projections/exports/dot.export';
import { claimsOf, labelOf, numberItems } from '../../../projections/exports/ledger-items';
import { toMermaid } from '../../../projections/exports/mermaid.export';
import { importReferenceDebate, type ReferenceDebate } from './reference-debate-input';

/**
 * The diagrams of the reference debate (45 claims, 40 pieces of evidence) as their readers' tools
 * draw them: Graphviz (Debian's `dot` when installed, else Graphviz 2.47 in WebAssembly), Argdown's
 * map pipeline, and Mermaid's parser. Before this layout the DOT drawing was 5834 × 1476 pt
 * (7779 × 1968 px) with Debian's Graphviz 2.42: readable only zoomed.
 */
const DOT = spawnSync('sh', ['-c', 'command -v dot']).status === 0;
if (!DOT) console.warn('reference-debate-diagrams.test: Graphviz is not installed (apt-get install graphviz): drawing with @aduh95/viz.js instead');

/** An SVG's size in CSS pixels (Graphviz writes points: 96 px to 72 pt). */
function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  expect(match, 'an SVG sized in points').not.toBeNull();
  return { width: (Number(match![1]) * 96) / 72, height: (Number(match![2]) * 96) / 72 };
}

function drawSvg(dot: string): string {
  if (!DOT) return renderSync(dot, { format: 'svg' });
  const run = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

function buildMap(input: string): IArgdownResponse {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new DataPlugin(), 'build-model');
  app.addPlugin(new ModelPlugin(), 'build-model');
  app.addPlugin(new RegroupPlugin(), 'build-model');
  app.addPlugin(new PreselectionPlugin(), 'build-map');
  app.addPlugin(new StatementSelectionPlugin(), 'build-map');
  app.addPlugin(new ArgumentSelectionPlugin(), 'build-map');
  app.addPlugin(new MapPlugin(), 'build-map');
  app.addPlugin(new GroupPlugin(), 'build-map');
  app.addPlugin(new ColorPlugin(), 'colorize');
  return app.run({ process: ['parse-input', 'build-model', 'build-map', 'colorize'], input, logLevel: 'none' });
}

const flatten = (nodes: IMapNode[]): IMapNode[] => nodes.flatMap((n) => (isGroupMapNode(n) ? flatten(n.children ?? []) : [n]));

describe('the reference debate’s diagrams', () => {
  let debate: ReferenceDebate;
  let claimNumbers: string[];

  beforeAll(async () => {
    debate = await importReferenceDebate();
    const numbers = numberItems(debate.input);
    claimNumbers = claimsOf(debate.input).map((c) => numbers.claim(c.id));
  }, 120_000);
  afterAll(async () => debate?.close());

  it('draws with Graphviz to fit a page’s width, every claim named', () => {
    const svg = drawSvg(toDot(debate.input));
    const { width, height } = svgSize(svg);
    console.info(`reference debate, DOT drawn by ${DOT ? 'Debian Graphviz' : 'viz.js'}: ${Math.round(width)} × ${Math.round(height)} px`);
    expect(width).toBeLessThanOrEqual(1800);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    for (const number of claimNumbers) expect(texts.some((t) => t.startsWith(`${number} · `)), number).toBe(true);
  }, 120_000);

  it('draws with Graphviz in WebAssembly to the same width limit', () => {
    const { width } = svgSize(renderSync(toDot(debate.input), { format: 'svg' }));
    expect(width).toBeLessThanOrEqual(1800);
  }, 120_000);

  it('puts every claim on Argdown’s map, coloured by its label, with strengths rounded', () => {
    const argdown = toArgdown(debate.input);
    const map = buildMap(argdown);
    expect(map.lexerErrors ?? []).toEqual([]);
    expect(map.parserErrors ?? []).toEqual([]);
    const nodes = flatten(map.map!.nodes);
    const numbers = numberItems(debate.input);
    for (const claim of claimsOf(debate.input)) {
      const number = numbers.claim(claim.id);
      const node = nodes.find((n) => n.title!.startsWith(`${number}: `));
      expect(node, number).toBeDefined();
      const label = labelOf(debate.input, claim)!;
      if (label !== 'retracted') expect(node!.color, number).toBe(LABEL_COLOURS[label].fill);
    }
    for (const statement of Object.values(map.statements!)) {
      const strength = (statement.data as { strength?: number | null } | undefined)?.strength;
      if (typeof strength === 'number') expect(Number(strength.toFixed(2)), statement.title).toBe(strength);
    }
    // No 0.9999999999999996 anywhere (a DOI's "10.1017" is no strength).
    expect(argdown).not.toMatch(/(?<![\w./])[01]\.\d{4,}/);
  });

  it('parses with Mermaid, every claim a node', async () => {
    // Mermaid sanitises labels with DOMPurify, which needs a DOM: jsdom's, installed before mermaid loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: Record<string, unknown> & { document: unknown } } };
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window, document: window.document });
    const mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false });
    const text = toMermaid(debate.input);
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as { getVertices(): Map<string, { text: string }> };
    const headings = [...db.getVertices().values()].map((v) => v.text.split(/<br\s*\/?>/)[0]!);
    for (const number of claimNumbers) expect(headings.some((h) => h.startsWith(`${number} · `)), number).toBe(true);
  }, 120_000);
});
