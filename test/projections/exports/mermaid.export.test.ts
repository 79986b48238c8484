// @vitest-environment jsdom
import mermaid from 'mermaid';
import { toMermaid } from '../../../projections/exports/mermaid.export';
import { AWKWARD_ONE_LINE, buildAwkwardInput, buildEmptyInput, buildExportInput } from './export-fixture';

// Mermaid's own parser, run headless: mermaid sanitises labels with DOMPurify, which needs a DOM,
// so this file runs under jsdom. `getDiagramFromText` gives the flowchart's database (vertices,
// edges, class definitions) as Mermaid understood it.

interface Vertex {
  id: string;
  text: string;
  type?: string;
  classes: string[];
}
interface Edge {
  start: string;
  end: string;
  text: string;
  type: string;
  stroke: string;
  style?: string[];
}
interface FlowDb {
  getVertices(): Map<string, Vertex>;
  getEdges(): Edge[];
  getClasses(): Map<string, { styles: string[] }>;
}

mermaid.initialize({ startOnLoad: false });

async function read(text: string): Promise<FlowDb> {
  await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  return diagram.db as unknown as FlowDb;
}

/**
 * A label as a reader sees it: Mermaid keeps entity codes as placeholders until it draws
 * (ﬂ°° for "&#", ﬂ° for "&", ¶ß for ";"), then the browser decodes the HTML entities.
 */
function shown(text: string): string[] {
  const html = text.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return html
    .split(/<br\s*\/?>/)
    .map((line) => line.replace(/&(#\d+|[a-z]+);/g, (m, ref: string) => (ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : (named[ref] ?? m))));
}

describe('Mermaid export', () => {
  it('parses as a flowchart with every node, edge and class', async () => {
    const db = await read(toMermaid(buildExportInput()));
    const vertices = [...db.getVertices().values()];
    expect(vertices).toHaveLength(8);
    expect(vertices.map((v) => shown(v.text)[0])).toEqual([
      'C1 · hypothesis · accepted · 0.71',
      'C2 · answer · contested · 0.50',
      'C3 · hypothesis · retracted',
      'C4 · background · rejected · 0.35',
      'E1 · supports',
      'E2 · supports',
      'E3 · undermines',
      'E4 · supports · withdrawn',
    ]);
    expect(vertices.map((v) => v.classes)).toEqual([['accepted'], ['contested'], ['retracted'], ['rejected'], ['evidence'], ['evidence'], ['evidence'], ['withdrawn']]);
    expect(vertices.map((v) => v.type)).toEqual(['round', 'round', 'round', 'round', 'square', 'square', 'square', 'square']);
    expect(shown(vertices[3]!.text).slice(1).join(' ')).toBe('Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.');
  });

  it('defines a class per label, the retracted one dashed', async () => {
    const classes = (await read(toMermaid(buildExportInput()))).getClasses();
    expect(classes.get('accepted')!.styles).toContain('fill:#c8e6c9');
    expect(classes.get('rejected')!.styles).toContain('fill:#ffcdd2');
    expect(classes.get('contested')!.styles).toContain('fill:#ffe0b2');
    expect(classes.get('open')!.styles).toContain('fill:#eeeeee');
    expect(classes.get('retracted')!.styles).toContain('stroke-dasharray:5 5');
  });

  it('styles edges by relation: support, rebuttal in red, undercut dotted red', async () => {
    const edges = (await read(toMermaid(buildExportInput()))).getEdges();
    expect(edges.map((e) => [e.start, e.text, e.end])).toEqual([
      ['n2', 'supports', 'n1'],
      ['n2', 'rebuts', 'n3'],
      ['n4', 'undercuts', 'n2'],
      ['n5', 'supports', 'n2'],
      ['n6', 'supports', 'n1'],
      ['n7', 'undermines', 'n4'],
      ['n8', 'supports', 'n3'],
    ]);
    expect(edges[0]!).toMatchObject({ stroke: 'normal', style: expect.arrayContaining(['stroke:#2e7d32']) });
    expect(edges[1]!).toMatchObject({ stroke: 'normal', style: expect.arrayContaining(['stroke:#c62828']) });
    expect(edges[2]!).toMatchObject({ stroke: 'dotted', style: expect.arrayContaining(['stroke:#c62828']) });
  });

  it('escapes awkward text so that Mermaid shows it as written', async () => {
    const text = toMermaid(buildAwkwardInput());
    const vertices = [...(await read(text)).getVertices().values()];
    expect(shown(vertices[3]!.text).slice(1).join(' ')).toBe(AWKWARD_ONE_LINE);
    expect(shown(vertices[5]!.text).slice(1).join(' ')).toBe(`“${AWKWARD_ONE_LINE}” — Soviet Relations with Foreign Communist Parties, p. 2`);
    expect(vertices).toHaveLength(8);
  });

  it('is refused by the same parser when broken, so the checks above mean something', async () => {
    await expect(mermaid.parse('flowchart BT\n  n1("a "quote" inside")')).rejects.toThrow();
  });

  it('parses for a question with nothing said yet', async () => {
    expect((await read(toMermaid(buildEmptyInput()))).getVertices().size).toBe(0);
  });
});
