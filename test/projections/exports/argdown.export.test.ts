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
import { LABEL_COLOURS } from '../../../projections/exports/argument-graph';
import { toArgdown } from '../../../projections/exports/argdown.export';
import { AWKWARD_ONE_LINE, buildAwkwardInput, buildEmptyInput, buildExportInput } from './export-fixture';

// Read back with Argdown's own parser and model builder (@argdown/core), the pipeline the Argdown
// tools run before drawing a map.
function parse(input: string): IArgdownResponse {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new DataPlugin(), 'build-model');
  app.addPlugin(new ModelPlugin(), 'build-model');
  return app.run({ process: ['parse-input', 'build-model'], input, logLevel: 'none' });
}

/** The pipeline Argdown's tools run to draw a map: model, selection, map, groups, colours. */
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

function flatten(nodes: IMapNode[]): IMapNode[] {
  return nodes.flatMap((n) => (isGroupMapNode(n) ? flatten(n.children ?? []) : [n]));
}

function statementText(response: IArgdownResponse, title: string): string {
  const statement = response.statements![title];
  expect(statement, title).toBeDefined();
  const defined = statement!.members.find((m) => m.text);
  // Argdown keeps tags in the text; the tags themselves are checked separately.
  return (defined?.text ?? '').replace(/(\s*#[\p{L}-]+)+\s*$/u, '').trim();
}

describe('Argdown export', () => {
  const response = parse(toArgdown(buildExportInput()));
  const titles = Object.keys(response.statements ?? {});
  const titled = (prefix: string) => titles.find((t) => t.startsWith(`${prefix}: `))!;

  it('parses without a lexer or parser error', () => {
    expect(response.lexerErrors ?? []).toEqual([]);
    expect(response.parserErrors ?? []).toEqual([]);
  });

  it('has one statement per claim and per piece of evidence, tagged with its label or verification', () => {
    expect(titles.map((t) => t.split(':')[0]).sort()).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'E1', 'E2', 'E3', 'E4', 'E5']);
    expect(response.statements![titled('C1')]!.tags).toEqual(['corroborated']);
    expect(response.statements![titled('C2')]!.tags).toEqual(['contested']);
    expect(response.statements![titled('C3')]!.tags).toEqual(['retracted']);
    expect(response.statements![titled('C4')]!.tags).toEqual(['refuted']);
    expect(response.statements![titled('C5')]!.tags).toEqual(['open']);
    expect(response.statements![titled('E1')]!.tags).toEqual(['evidence', 'examined']);
    expect(response.statements![titled('E2')]!.tags).toEqual(['evidence', 'transcribed']);
    expect(response.statements![titled('E4')]!.tags).toEqual(['evidence', 'examined', 'withdrawn']);
    expect(response.statements![titled('E5')]!.tags).toEqual(['evidence', 'cited', 'lead']);
    expect(statementText(response, titled('C4'))).toBe('Фонд Р-9501 не содержит личных дел: назначения в Отдел внешних сношений по нему не проследить.');
  });

  it('carries kind, label with stances, strength, grounding, status, reading, author and earlier wordings as metadata', () => {
    expect(response.statements![titled('C1')]!.data).toMatchObject({
      id: 'c-infiltrated',
      kind: 'hypothesis',
      label: 'corroborated',
      stances: '+0 −0',
      strength: 0.71,
      grounded: true,
      status: 'in',
      saidBy: 'John Eipper',
      saidOn: '2021-02-10',
      reading: expect.stringContaining('C1 is corroborated under the preponderance of evidence: it rests on E2, '),
    });
    expect(response.statements![titled('C2')]!.data).toMatchObject({ stances: '+2 −1', leads: 1, earlierWordings: ['The Office of External Relations was headed by a Cheka appointee.'] });
    expect(response.statements![titled('C3')]!.data).toMatchObject({ label: 'retracted', strength: null, competesWith: ['C5'], retracted: '2021-02-16: a feeble hypothesis, as I said' });
    expect(response.statements![titled('C5')]!.data).toMatchObject({ label: 'open', established: false, note: 'not established: nothing in the record confirms it', stances: '+0 −1', competesWith: ['C3'] });
    expect(response.statements![titled('E1')]!.data).toMatchObject({ stance: 'supports', verification: 'examined', source: expect.stringContaining('GARF, f. R-9501 (guide entry: 17 inventories, 8,756 storage units, 1918–1992)') });
    expect(response.statements![titled('E5')]!.data).toMatchObject({ verification: 'cited', lead: expect.stringContaining('not yet examined') });
    expect(response.frontMatter).toMatchObject({
      title: 'What was the relationship between the Soviet Red Cross, the PCE and the NKVD?',
      question: 'q-red-cross',
      consensus: 'contested',
      proofStandard: 'preponderance',
    });
  });

  it('writes supports, rebuttals, undercuts, evidence and claims bearing on evidence as Argdown relations; rivals stay out', () => {
    const relations = (response.relations ?? []).map((r) => `${r.from!.title!.split(':')[0]} ${r.relationType} ${r.to!.title!.split(':')[0]}`).sort();
    expect(relations).toEqual(['C2 attack C3', 'C2 support C1', 'C4 undercut C2', 'C4 undercut E1', 'E1 support C2', 'E2 support C1', 'E3 attack C4', 'E5 support C2']);
  });

  it('keeps awkward text as text: no tag, link, reference, comment or emphasis is made of it', () => {
    const awkward = parse(toArgdown(buildAwkwardInput()));
    expect(awkward.lexerErrors ?? []).toEqual([]);
    expect(awkward.parserErrors ?? []).toEqual([]);
    const c4 = Object.keys(awkward.statements!).find((t) => t.startsWith('C4: '))!;
    expect(statementText(awkward, c4)).toBe(AWKWARD_ONE_LINE);
    expect(awkward.statements![c4]!.tags).toEqual(['refuted']);
    expect(awkward.statements![c4]!.data).toMatchObject({ reading: expect.stringContaining('{a: 1} } x === e.g.') });
    expect(awkward.frontMatter).toMatchObject({ body: AWKWARD_ONE_LINE });
    const e2 = Object.keys(awkward.statements!).find((t) => t.startsWith('E2: '))!;
    expect(statementText(awkward, e2)).toBe(AWKWARD_ONE_LINE);
    expect(Object.keys(awkward.statements!)).toHaveLength(10);
    expect(awkward.relations).toHaveLength(8);
  });

  it('titles each statement with its number apart and the first words of its text, whole', () => {
    expect(titled('C1')).toBe('C1: The Soviet Red Cross was a fully integrated…');
    expect(titled('C5')).toBe('C5: The allowance came through the Red Cross so…');
    // Apostrophes and hyphens stay inside their words: no "Cross s", no "R 9501".
    const input = buildExportInput();
    const claim = input.question.claims.get('c-deniability')!;
    claim.text = "The Soviet Red Cross's only raison d'etre [sic] was its R-9501 network abroad.";
    expect(Object.keys(parse(toArgdown(input)).statements!)).toContain("C5: The Soviet Red Cross's only raison d'etre sic…");
  });

  it('draws every claim on Argdown’s map, coloured by label in the Okabe–Ito palette, refuted never green', () => {
    const map = buildMap(toArgdown(buildExportInput()));
    expect(map.lexerErrors ?? []).toEqual([]);
    const nodes = flatten(map.map!.nodes);
    for (const claim of ['C1', 'C2', 'C3', 'C4', 'C5']) expect(nodes.map((n) => n.title!.split(':')[0]), claim).toContain(claim);
    const colour = (prefix: string) => nodes.find((n) => n.title!.startsWith(`${prefix}: `))!.color;
    expect(colour('C1')).toBe(LABEL_COLOURS.corroborated.fill);
    expect(colour('C2')).toBe(LABEL_COLOURS.contested.fill);
    expect(colour('C4')).toBe(LABEL_COLOURS.refuted.fill);
    expect(colour('C5')).toBe(LABEL_COLOURS.open.fill);
    for (const node of nodes) expect(node.color, node.title).not.toMatch(/^#(00ff00|0f0)$/i);
    const relationColours = new Set((map.relations ?? []).map((r) => `${r.relationType} ${r.color}`));
    expect([...relationColours].sort()).toEqual(['attack #D55E00', 'support #0072B2', 'undercut #E69F00']);
  });

  it('keeps on the map a claim nothing relates to yet', () => {
    const input = buildExportInput();
    // C5 competes with C3 only, which Argdown has no relation for: it would be left off by default.
    input.question.relations = input.question.relations.filter((r) => r.relation !== 'competes');
    const nodes = flatten(buildMap(toArgdown(input)).map!.nodes);
    expect(nodes.some((n) => n.title!.startsWith('C5: '))).toBe(true);
  });

  it('parses for a question with nothing said yet', () => {
    const empty = parse(toArgdown(buildEmptyInput()));
    expect(empty.lexerErrors ?? []).toEqual([]);
    expect(empty.parserErrors ?? []).toEqual([]);
    expect(empty.frontMatter).toMatchObject({ consensus: 'open' });
  });
});
