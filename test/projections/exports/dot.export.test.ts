import renderSync from '@aduh95/viz.js/sync';
import { parse, type AttributeASTNode, type EdgeASTNode, type GraphASTNode, type NodeASTNode } from '@ts-graphviz/ast';
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
  for (const child of graph.children) {
    if (child.type === 'Node') nodes.set((child as NodeASTNode).id.value, { attributes: attributesOf((child as NodeASTNode).children) });
    if (child.type === 'Edge') {
      const edge = child as EdgeASTNode;
      const [from, to] = edge.targets.map((t) => ('id' in t ? t.id.value : ''));
      edges.push({ from: from!, to: to!, attributes: attributesOf(edge.children) });
    }
  }
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
    expect(svg.match(/class="node"/g)).toHaveLength(8);
    expect(svg.match(/class="edge"/g)).toHaveLength(7);
    expect(svg).toContain('Фонд Р-9501 не содержит личных дел:');
    // The same Graphviz refuses a broken file, so the check above means something.
    expect(() => renderSync('digraph { a [label="unterminated] }', { format: 'svg' })).toThrow(/syntax error/);
  });

  it('colours claims by label, dashes the retracted one, and draws evidence as boxes', () => {
    expect(nodes.get('claim:c-infiltrated')!.attributes).toMatchObject({ shape: 'ellipse', style: 'filled', fillcolor: '#c8e6c9' });
    expect(nodes.get('claim:c-external')!.attributes).toMatchObject({ fillcolor: '#ffe0b2' });
    expect(nodes.get('claim:c-fond')!.attributes).toMatchObject({ fillcolor: '#ffcdd2' });
    expect(nodes.get('claim:c-budgetary')!.attributes).toMatchObject({ style: 'dashed' });
    expect(nodes.get('evidence:e-garf')!.attributes).toMatchObject({ shape: 'box', style: 'filled' });
    expect(nodes.get('evidence:e-post')!.attributes).toMatchObject({ shape: 'box', style: 'dashed' });
    expect(unescapeLabel(nodes.get('claim:c-infiltrated')!.attributes.label!).split('\n')[0]).toBe('C1 · hypothesis · accepted · 0.71');
  });

  it('styles edges by relation: support solid, rebuttal red, undercut dashed red', () => {
    const edge = (from: string, to: string) => edges.find((e) => e.from === from && e.to === to)!.attributes;
    expect(edge('claim:c-external', 'claim:c-infiltrated')).toMatchObject({ label: 'supports', style: 'solid', color: '#2e7d32' });
    expect(edge('claim:c-external', 'claim:c-budgetary')).toMatchObject({ label: 'rebuts', style: 'solid', color: '#c62828' });
    expect(edge('claim:c-fond', 'claim:c-external')).toMatchObject({ label: 'undercuts', style: 'dashed', color: '#c62828' });
    expect(edge('evidence:e-hearne', 'claim:c-fond')).toMatchObject({ label: 'undermines', color: '#c62828' });
    expect(edges).toHaveLength(7);
  });

  it('escapes quotes, backslashes and line breaks so awkward text survives both readers', () => {
    const awkwardDot = toDot(buildAwkwardInput());
    const { nodes: awkwardNodes } = read(awkwardDot);
    const c4 = awkwardNodes.get('claim:c-fond')!.attributes;
    expect(unescapeLabel(c4.tooltip!)).toBe(AWKWARD_ONE_LINE);
    const [heading, ...lines] = unescapeLabel(c4.label!).split('\n');
    expect(heading).toBe('C4 · background · rejected · 0.35');
    expect(lines.join(' ')).toBe(AWKWARD_ONE_LINE);
    const svg = drawn(awkwardDot);
    // In the drawn label (a <text> per line) and in the tooltip.
    expect(svg).toContain('>He wrote "no" \\ then #tag #quot; [ref]</text>');
    expect(svg).toContain('"He wrote "no" \\ then #tag #quot; [ref] <arg> *bold* _it_ // not a comment');
    expect(svg).toContain('«Красный Крест» second');
  });

  it('draws a question with nothing said yet', () => {
    const empty = toDot(buildEmptyInput());
    expect(read(empty).nodes.size).toBe(0);
    expect(drawn(empty)).toContain('consensus: open');
  });
});
