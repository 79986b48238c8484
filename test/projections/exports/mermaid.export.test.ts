// @vitest-environment jsdom
import mermaid from 'mermaid';
import { LABELS_IN_ORDER as CLAIM_LABELS_IN_ORDER } from '../../../projections/exports/ledger-items';
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
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  getDirection(): string;
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

/** The vertices of the argument graph (n1, n2…), without the legend's (l1, l2…). */
const graphVertices = (db: FlowDb) =>
  [...db.getVertices().values()].filter((v) => /^n\d+$/.test(v.id)).sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));

describe('Mermaid export', () => {
  it('parses as a flowchart with every node, edge and class', async () => {
    const db = await read(toMermaid(buildExportInput()));
    const vertices = graphVertices(db);
    expect(vertices).toHaveLength(10);
    expect(vertices.map((v) => shown(v.text)[0])).toEqual([
      'C1 · hypothesis · corroborated · 0.71 · stances +0 −0',
      'C2 · answer · contested · 0.50 · stances +2 −1',
      'C3 · hypothesis · retracted · stances +1 −0',
      'C4 · background · refuted · 0.35 · stances +0 −0',
      'C5 · hypothesis · open · 0.50 · stances +0 −1',
      'E1 · supports · examined',
      'E2 · supports · transcribed',
      'E3 · undermines · examined',
      'E4 · supports · examined · withdrawn',
      'E5 · supports · cited: a lead',
    ]);
    expect(vertices.map((v) => v.classes)).toEqual([
      ['corroborated'],
      ['contested'],
      ['retracted'],
      ['refuted'],
      ['open'],
      ['evidence'],
      ['evidence'],
      ['evidence'],
      ['withdrawn'],
      ['lead'],
    ]);
    expect(vertices.map((v) => v.type)).toEqual(['round', 'round', 'round', 'round', 'round', 'square', 'square', 'square', 'square', 'square']);
    // No line break inside a sentence: Mermaid wraps labels itself, and would break such a line twice.
    expect(shown(vertices[3]!.text).slice(1)).toEqual(['Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.']);
    // An open claim says, under its heading, that it is not established.
    expect(shown(vertices[4]!.text)[1]).toBe('not established: nothing in the record confirms it');
    // Left to right, to fit a page; Mermaid wraps at the width the front matter sets.
    expect(db.getDirection()).toBe('LR');
    expect(toMermaid(buildExportInput())).toMatch(/^config:\n {2}flowchart: \{"wrappingWidth":220/m);
  });

  it('defines a class per label in the Okabe–Ito palette, the retracted one dotted, a lead dashed', async () => {
    const classes = (await read(toMermaid(buildExportInput()))).getClasses();
    expect(classes.get('corroborated')!.styles).toContain('fill:#56B4E9');
    expect(classes.get('refuted')!.styles).toContain('fill:#D55E00');
    expect(classes.get('contested')!.styles).toContain('fill:#CC79A7');
    expect(classes.get('unverified')!.styles).toContain('fill:#F0E442');
    expect(classes.get('open')!.styles).toContain('fill:#EEEEEE');
    expect(classes.get('retracted')!.styles).toContain('stroke-dasharray:2 3');
    expect(classes.get('lead')!.styles).toContain('stroke-dasharray:5 5');
  });

  it('names every label in a legend', async () => {
    const db = await read(toMermaid(buildExportInput()));
    const legend = [...db.getVertices().values()].filter((v) => v.id.startsWith('l'));
    expect(legend.map((v) => shown(v.text)[0])).toEqual([...CLAIM_LABELS_IN_ORDER, 'cited evidence (a lead)']);
    expect(legend.map((v) => v.classes)).toEqual([...CLAIM_LABELS_IN_ORDER.map((l) => [l]), ['lead']]);
    expect(shown(legend[2]!.text).slice(1).join(' ')).toBe('not established: asserted and unopposed, but nothing in the record confirms it');
  });

  it('styles edges by relation: support blue, rebuttal vermillion, undercut dotted vermillion, rivals both ways', async () => {
    const edges = (await read(toMermaid(buildExportInput()))).getEdges();
    expect(edges.map((e) => [e.start, e.text, e.end])).toEqual([
      ['n2', 'supports', 'n1'],
      ['n2', 'rebuts', 'n3'],
      ['n4', 'undercuts', 'n2'],
      ['n5', 'competes', 'n3'],
      ['n4', 'undercuts', 'n6'],
      ['n6', 'supports', 'n2'],
      ['n7', 'supports', 'n1'],
      ['n8', 'undermines', 'n4'],
      ['n9', 'supports', 'n3'],
      ['n10', 'supports · lead', 'n2'],
    ]);
    expect(edges[0]!).toMatchObject({ stroke: 'normal', style: expect.arrayContaining(['stroke:#0072B2']) });
    expect(edges[1]!).toMatchObject({ stroke: 'normal', style: expect.arrayContaining(['stroke:#D55E00']) });
    expect(edges[2]!).toMatchObject({ stroke: 'dotted', style: expect.arrayContaining(['stroke:#D55E00']) });
    expect(edges[3]!).toMatchObject({ stroke: 'thick', type: 'double_arrow_point', style: expect.arrayContaining(['stroke:#CC79A7']) });
    expect(edges[4]!).toMatchObject({ stroke: 'dotted', style: expect.arrayContaining(['stroke:#D55E00']) });
    expect(edges[9]!).toMatchObject({ stroke: 'dotted', style: expect.arrayContaining(['stroke:#999999']) });
  });

  it('escapes awkward text so that Mermaid shows it as written', async () => {
    const text = toMermaid(buildAwkwardInput());
    const vertices = graphVertices(await read(text));
    expect(shown(vertices[3]!.text).slice(1).join(' ')).toBe(AWKWARD_ONE_LINE);
    expect(shown(vertices[6]!.text).slice(1)).toEqual([`“${AWKWARD_ONE_LINE}”`, 'p. 2']);
    expect(vertices).toHaveLength(10);
  });

  it('groups the evidence by source, in a subgraph titled with the source', async () => {
    const db = await read(toMermaid(buildExportInput()));
    const ids = new Map(graphVertices(db).map((v) => [shown(v.text)[0]!.split(' · ')[0], v.id]));
    const groups = db.getSubGraphs().filter((g) => g.id !== 'legend');
    const cia = groups.find((g) => g.title === 'Soviet Relations with Foreign Communist Parties')!;
    expect(cia, 'the CIA report’s group').toBeDefined();
    expect([...cia.nodes].sort()).toEqual([ids.get('E2'), ids.get('E5')].sort());
    expect(groups).toHaveLength(4);
  });

  it('is refused by the same parser when broken, so the checks above mean something', async () => {
    await expect(mermaid.parse('flowchart BT\n  n1("a "quote" inside")')).rejects.toThrow();
  });

  it('parses for a question with nothing said yet', async () => {
    expect((await read(toMermaid(buildEmptyInput()))).getVertices().size).toBe(0);
  });
});
