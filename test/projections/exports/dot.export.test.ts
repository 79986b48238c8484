import renderSync from '@aduh95/viz.js/sync';
import { parse, type AttributeASTNode, type EdgeASTNode, type GraphASTNode, type NodeASTNode } from '@ts-graphviz/ast';
import { CLAIM_LABELS } from '../../../projections/consensus';
import { LABEL_COLOURS, OKABE_ITO } from '../../../projections/exports/argument-graph';
import { toDot } from '../../../projections/exports/dot.export';
import { AWKWARD_ONE_LINE, buildAwkwardInput, buildEmptyInput, buildExportInput } from './export-fixture';

// Two real readers of DOT: @ts-graphviz/ast's parser, for the structure, and Graphviz itself
// (2.47, compiled to WebAssembly in @aduh95/viz.js), which must lay the graph out without an error.

interface Element {
  attributes: Record<string, string>;
}

function attributesOf(children: AttributeASTNode[] | readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of children as AttributeASTNode[]) if (a.type === 'Attribute') out[a.key.value] = a.value.value;
  return out;
}

/** A DOT quoted string's escapes as Graphviz reads them in a label: \\ a backslash, \n a break. */
function unescapeLabel(value: string): string {
  return value.replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function read(dot: string): { graph: GraphASTNode; nodes: Map<string, Element>; edges: (Element & { from: string; to: string })[] } {
  const ast = parse(dot);
  const graph = ast.children.find((c): c is GraphASTNode => c.type === 'Graph')!;
  const nodes = new Map<string, Element>();
  const edges: (Element & { from: string; to: string })[] = [];
  // Nodes and edges inside subgraphs too (the evidence of each source is a cluster); the legend's apart.
  const visit = (children: readonly unknown[]) => {
    for (const child of children as { type: string; children: readonly unknown[] }[]) {
      if (child.type === 'Subgraph') visit(child.children);
      if (child.type === 'Node') {
        const id = (child as unknown as NodeASTNode).id.value;
        if (!id.startsWith('legend:')) nodes.set(id, { attributes: attributesOf((child as unknown as NodeASTNode).children) });
      }
      if (child.type === 'Edge') {
        const edge = child as unknown as EdgeASTNode;
        const [from, to] = edge.targets.map((t) => ('id' in t ? t.id.value : ''));
        if (!from!.startsWith('legend:')) edges.push({ from: from!, to: to!, attributes: attributesOf(edge.children) });
      }
    }
  };
  visit(graph.children);
  return { graph, nodes, edges };
}

/** The SVG Graphviz drew, with its character references decoded (it writes "-" as &#45;). */
function drawn(dot: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
  return renderSync(dot, { format: 'svg' }).replace(/&(#\d+|[a-z]+);/g, (m, ref: string) =>
    ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (named[ref] ?? m),
  );
}

describe('DOT export', () => {
  const dot = toDot(buildExportInput());
  const { graph, nodes, edges } = read(dot);

  it('is a directed graph Graphviz lays out, with every node and edge', () => {
    expect(graph.directed).toBe(true);
    const svg = drawn(dot);
    // Five claims, five pieces of evidence, and the legend's seven entries (its edges are invisible).
    expect(svg.match(/class="node"/g)).toHaveLength(17);
    expect(svg.match(/class="edge"/g)).toHaveLength(10);
    expect(svg).toContain('Фонд Р-9501 не содержит личных дел:');
    // The same Graphviz refuses a broken file, so the check above means something.
    expect(() => renderSync('digraph { a [label="unterminated] }', { format: 'svg' })).toThrow(/syntax error/);
  });

  it('colours claims by label in the Okabe–Ito palette, dots the retracted one, and draws evidence as boxes', () => {
    expect(nodes.get('claim:c-infiltrated')!.attributes).toMatchObject({ shape: 'box', style: 'rounded,filled', fillcolor: '#56B4E9' });
    expect(nodes.get('claim:c-external')!.attributes).toMatchObject({ fillcolor: '#CC79A7' });
    expect(nodes.get('claim:c-fond')!.attributes).toMatchObject({ fillcolor: '#D55E00' });
    expect(nodes.get('claim:c-deniability')!.attributes).toMatchObject({ fillcolor: '#EEEEEE' });
    expect(nodes.get('claim:c-budgetary')!.attributes).toMatchObject({ style: 'rounded,dotted' });
    expect(nodes.get('evidence:e-garf')!.attributes).toMatchObject({ shape: 'box', style: 'filled' });
    expect(nodes.get('evidence:e-post')!.attributes).toMatchObject({ shape: 'box', style: 'dotted' });
  });

  it('never fills a refuted claim with green, nor any label with a colour outside the palette', () => {
    const greens = ['#009E73', '#c8e6c9', '#2e7d32'];
    for (const label of CLAIM_LABELS) {
      const { fill } = LABEL_COLOURS[label];
      expect([...Object.values(OKABE_ITO), '#EEEEEE', '#FFFFFF'], label).toContain(fill);
    }
    expect(greens).not.toContain(LABEL_COLOURS.refuted.fill);
    expect(greens).not.toContain(LABEL_COLOURS.refuted.border);
  });

  it('names the label, strength and stances of each claim, and says an open one is not established', () => {
    const lines = (key: string) => unescapeLabel(nodes.get(key)!.attributes.label!).split('\n');
    // The heading broken only between its parts, to keep the node narrow.
    expect(lines('claim:c-infiltrated').slice(0, 3)).toEqual(['C1 · hypothesis', 'corroborated · 0.71', 'stances +0 −0']);
    expect(lines('claim:c-external').slice(0, 3)).toEqual(['C2 · answer · contested', '0.50 · stances +2 −1', 'From 1923 the Office of']);
    expect(lines('claim:c-budgetary').slice(0, 2)).toEqual(['C3 · hypothesis · retracted', 'stances +1 −0']);
    expect(lines('claim:c-deniability').slice(0, 5)).toEqual(['C5 · hypothesis · open', '0.50 · stances +0 −1', 'not established: nothing in', 'the record confirms it', 'The allowance came through']);
    for (const node of nodes.values()) for (const line of unescapeLabel(node.attributes.label!).split('\n')) expect([...line].length, line).toBeLessThanOrEqual(28);
  });

  it('names every label in a legend, with what it promises', () => {
    const svg = drawn(dot);
    expect(svg).toContain('>Legend</text>');
    for (const label of CLAIM_LABELS) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>cited evidence (a lead)</text>');
    expect(svg).toMatch(/>not established: asserted and<\/text>/);
    const legend = graph.children.find((c) => c.type === 'Subgraph')!;
    expect(legend).toBeDefined();
    expect(read(toDot(buildEmptyInput())).graph.children.some((c) => c.type === 'Subgraph')).toBe(false);
  });

  it('styles edges by relation: support solid blue, rebuttal vermillion, undercut dashed vermillion', () => {
    const edge = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)!.attributes;
    // External labels (xlabel): placed after the layout, they do not widen the gaps between ranks.
    expect(edge('claim:c-external', 'claim:c-infiltrated')).toMatchObject({ xlabel: 'supports', style: 'solid', color: '#0072B2' });
    expect(edge('claim:c-external', 'claim:c-budgetary')).toMatchObject({ xlabel: 'rebuts', style: 'solid', color: '#D55E00' });
    expect(edge('claim:c-fond', 'claim:c-external')).toMatchObject({ xlabel: 'undercuts', style: 'dashed', color: '#D55E00' });
    expect(edge('evidence:e-hearne', 'claim:c-fond')).toMatchObject({ xlabel: 'undermines', color: '#D55E00' });
    expect(edges).toHaveLength(10);
  });

  it('draws rivals as one edge with arrows at both ends, and a claim bearing on a piece of evidence', () => {
    const edge = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)?.attributes;
    expect(edge('claim:c-deniability', 'claim:c-budgetary')).toMatchObject({ xlabel: 'competes', dir: 'both', color: '#CC79A7' });
    expect(edge('claim:c-budgetary', 'claim:c-deniability')).toBeUndefined();
    expect(edge('claim:c-fond', 'evidence:e-garf')).toMatchObject({ xlabel: 'undercuts', style: 'dashed', color: '#D55E00' });
    const svg = drawn(dot);
    expect(svg).toContain('<title>claim:c-deniability->claim:c-budgetary</title>');
    expect(svg).toContain('<title>claim:c-fond->evidence:e-garf</title>');
  });

  it('shows each piece of evidence with its verification, and a cited one as a dashed lead with a dotted grey edge', () => {
    const heading = (key: string) => unescapeLabel(nodes.get(key)!.attributes.label!).split('\n')[0];
    expect(heading('evidence:e-garf')).toBe('E1 · supports · examined');
    expect(heading('evidence:e-cia')).toBe('E2 · supports · transcribed');
    expect(heading('evidence:e-post')).toBe('E4 · supports · examined');
    expect(unescapeLabel(nodes.get('evidence:e-cia-cited')!.attributes.label!)).toBe('E5 · supports\ncited: a lead\np. 7');
    expect(unescapeLabel(nodes.get('evidence:e-post')!.attributes.label!)).toBe('E4 · supports · examined\nwithdrawn');
    expect(nodes.get('evidence:e-cia-cited')!.attributes).toMatchObject({ shape: 'box', style: 'dashed', fillcolor: '#FFFFFF' });
    expect(edges.find((e) => e.from === 'evidence:e-cia-cited')).toMatchObject({ to: 'claim:c-external', attributes: { xlabel: 'supports · lead', style: 'dotted', color: '#999999' } });
  });

  it('escapes quotes, backslashes and line breaks so awkward text survives both readers', () => {
    const awkwardDot = toDot(buildAwkwardInput());
    const { nodes: awkwardNodes } = read(awkwardDot);
    const c4 = awkwardNodes.get('claim:c-fond')!.attributes;
    expect(unescapeLabel(c4.tooltip!)).toBe(AWKWARD_ONE_LINE);
    const [heading, more, ...lines] = unescapeLabel(c4.label!).split('\n');
    expect([heading, more]).toEqual(['C4 · background · refuted', '0.35 · stances +0 −0']);
    expect(lines.join(' ')).toBe(AWKWARD_ONE_LINE);
    const svg = drawn(awkwardDot);
    // In the drawn label (a <text> per line) and in the tooltip.
    expect(svg).toContain('>He wrote "no" \\ then #tag</text>');
    expect(svg).toContain('"He wrote "no" \\ then #tag #quot; [ref] <arg> *bold* _it_ // not a comment');
    expect(svg).toContain('«Красный Крест» second');
  });

  it('draws a question with nothing said yet', () => {
    const empty = toDot(buildEmptyInput());
    expect(read(empty).nodes.size).toBe(0);
    expect(drawn(empty)).toContain('consensus: open');
  });
});
