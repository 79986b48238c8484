import { argumentGraph, edgeColour, legend, LABEL_COLOURS } from '../../../projections/exports/argument-graph';
import { buildExportInput } from './export-fixture';

// The graph both diagram exports draw; each format is read back by its own parser in its own file.
describe('argument graph', () => {
  const graph = argumentGraph(buildExportInput());
  const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

  it('draws rivals once, as a competes edge between the two claims', () => {
    expect(graph.edges.filter((e) => e.relation === 'competes')).toEqual([{ from: 'claim:c-deniability', to: 'claim:c-budgetary', relation: 'competes', lead: false }]);
  });

  it('draws a claim bearing on a piece of evidence as an edge from the claim to the evidence', () => {
    expect(edge('claim:c-fond', 'evidence:e-garf')).toEqual({ from: 'claim:c-fond', to: 'evidence:e-garf', relation: 'undercuts', lead: false });
  });

  it('draws cited evidence as a lead, its edge grey and marked, and names each verification', () => {
    const nodes = new Map(graph.nodes.map((n) => [n.key, n]));
    expect(nodes.get('evidence:e-cia-cited')).toMatchObject({ kind: 'evidence', verification: 'cited', lead: true, inactive: false, heading: 'E5 · supports · cited: a lead' });
    expect(nodes.get('evidence:e-cia')).toMatchObject({ verification: 'transcribed', lead: false });
    const lead = edge('evidence:e-cia-cited', 'claim:c-external')!;
    expect(lead).toMatchObject({ relation: 'supports', lead: true });
    expect(edgeColour(lead)).toBe('#999999');
  });

  it('keeps a relation to evidence the view does not hold, drawing its end as not in the export', () => {
    const input = buildExportInput();
    input.question.evidenceRelations.push({ ...input.question.evidenceRelations[0]!, id: 'r-dangling', toEvidenceId: 'e-elsewhere' });
    const dangling = argumentGraph(input);
    expect(dangling.nodes.find((n) => n.key === 'evidence:e-elsewhere')).toMatchObject({ heading: 'e-elsewhere · not in this export', inactive: true });
    expect(dangling.edges.some((e) => e.to === 'evidence:e-elsewhere')).toBe(true);
  });

  it('shows the stances beside the label in every claim heading, and notes that open and unverified are not established', () => {
    for (const n of graph.nodes.filter((n) => n.kind === 'claim')) expect(n.heading).toMatch(/ · stances \+\d+ −\d+$/);
    expect(graph.nodes.find((n) => n.key === 'claim:c-deniability')!.note).toBe('not established: nothing in the record confirms it');
    expect(graph.nodes.find((n) => n.key === 'claim:c-infiltrated')!.note).toBeNull();
  });

  it('has a legend naming every label, each with a colour of its own', () => {
    const labels = legend().filter((l) => l.kind === 'label');
    expect(labels.map((l) => l.title)).toEqual(['corroborated', 'contested', 'unverified', 'open', 'refuted', 'retracted']);
    expect(labels.find((l) => l.key === 'unverified')!.meaning).toContain('nothing in the record confirms it');
    const fills = labels.map((l) => LABEL_COLOURS[l.key as keyof typeof LABEL_COLOURS].fill);
    expect(new Set(fills).size).toBe(fills.length);
  });
});
