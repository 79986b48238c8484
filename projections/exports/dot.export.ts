import type { ExportInput } from './export-input';
import {
  EVIDENCE_COLOURS,
  GREY,
  LABEL_COLOURS,
  argumentGraph,
  edgeColour,
  edgeText,
  legend,
  wrapWords,
  type GraphEdge,
  type GraphNode,
  type LegendEntry,
} from './argument-graph';
import { shorten } from './ledger-items';

const TEXT_LIMIT = 240;
const LINE_WIDTH = 40;
const LEGEND_WIDTH = 30;

/**
 * A Graphviz digraph of the argument graph. Claims are ellipses filled by label in the Okabe–Ito
 * palette (corroborated blue, contested reddish purple, unverified yellow, refuted vermillion, open
 * grey), each naming its label, strength and stances; `open` and `unverified` claims say under the
 * heading that they are not established. Evidence is a box naming its verification: examined or
 * transcribed evidence filled grey, a cited reference nobody has examined dashed and unfilled (a
 * lead), its edge dotted grey. Retracted claims and withdrawn evidence are dotted with grey text.
 * Edges go from the one that acts to the one acted on: support blue, rebuttal and undermining
 * vermillion, undercut dashed vermillion, `competes` a bold reddish-purple edge with arrows at both
 * ends; a claim may bear on a piece of evidence too. A legend (a cluster of its own) names every
 * label. Long texts are cut in the label and given whole in the tooltip (shown by SVG output).
 */
export function toDot(input: ExportInput): string {
  const graph = argumentGraph(input);
  const lines = [
    `digraph ${quote('question ' + input.question.id)} {`,
    `  graph [label=${quote(`${graph.title}\nconsensus: ${input.consensus.status}`)}, labelloc=t, rankdir=BT, charset="UTF-8", fontname="Helvetica"];`,
    '  node [fontname="Helvetica", fontsize=10, fontcolor="#000000"];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...graph.nodes.map((n) => `  ${quote(n.key)} [${attributes(nodeAttributes(n))}];`),
    ...graph.edges.map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [${attributes(edgeAttributes(e))}];`),
    ...(graph.nodes.length > 0 ? legendLines() : []),
    '}',
  ];
  return lines.join('\n') + '\n';
}

function nodeAttributes(n: GraphNode): [string, string][] {
  const label = [n.heading, ...[...(n.note ? [n.note] : []), ...n.body].flatMap((part) => wrapWords(shorten(part, TEXT_LIMIT), LINE_WIDTH))].join('\n');
  const tooltip = n.body.join(' ') || n.heading;
  const inactive: [string, string][] = n.inactive ? [['fontcolor', GREY.text]] : [];
  if (n.kind === 'evidence') {
    return [
      ['shape', 'box'],
      ['style', n.inactive ? 'dotted' : n.lead ? 'dashed' : 'filled'],
      ['fillcolor', n.lead ? EVIDENCE_COLOURS.leadFill : EVIDENCE_COLOURS.fill],
      ['color', n.inactive || n.lead ? GREY.mid : EVIDENCE_COLOURS.border],
      ...inactive,
      ['label', label],
      ['tooltip', tooltip],
    ];
  }
  const colours = LABEL_COLOURS[n.label ?? 'none'];
  return [
    ['shape', 'ellipse'],
    ['style', n.inactive ? 'dotted' : 'filled'],
    ['fillcolor', colours.fill],
    ['color', colours.border],
    ...inactive,
    ['label', label],
    ['tooltip', tooltip],
  ];
}

function edgeAttributes(e: GraphEdge): [string, string][] {
  const colour = edgeColour(e);
  const style = e.lead ? 'dotted' : e.relation === 'undercuts' ? 'dashed' : e.relation === 'competes' ? 'bold' : 'solid';
  return [
    ['label', edgeText(e)],
    ['color', colour],
    ['fontcolor', colour],
    ['style', style],
    ...(e.relation === 'competes' ? ([['dir', 'both']] as [string, string][]) : []),
  ];
}

/**
 * The legend: one node per label, filled as the claims are, and a lead's box, in a cluster of their
 * own, stacked by invisible edges (the first on top, as the graph is drawn bottom to top).
 */
function legendLines(): string[] {
  const entry = (l: LegendEntry): [string, string][] => {
    const label = [l.title, ...wrapWords(l.meaning, LEGEND_WIDTH)].join('\n');
    if (l.kind === 'lead') {
      return [['shape', 'box'], ['style', 'dashed'], ['fillcolor', EVIDENCE_COLOURS.leadFill], ['color', GREY.mid], ['label', label]];
    }
    const colours = LABEL_COLOURS[l.key as keyof typeof LABEL_COLOURS];
    return [['shape', 'ellipse'], ['style', l.key === 'retracted' ? 'dotted' : 'filled'], ['fillcolor', colours.fill], ['color', colours.border], ['label', label]];
  };
  const entries = legend();
  const key = (l: LegendEntry) => quote(`legend:${l.key}`);
  return [
    '  subgraph "cluster_legend" {',
    '    graph [label="Legend", fontsize=10, style="rounded", color="#999999"];',
    '    node [fontsize=9];',
    ...entries.map((l) => `    ${key(l)} [${attributes(entry(l))}];`),
    `    ${entries.map(key).reverse().join(' -> ')} [style="invis"];`,
    '  }',
  ];
}

function attributes(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${k}=${quote(v)}`).join(', ');
}

/**
 * A DOT double-quoted string. Backslashes are doubled first, so nothing in the text can form a
 * Graphviz escape (\N, \l…); quotes are escaped; a line break becomes the \n escape, which labels
 * render as a centred break. Other control characters cannot be written in DOT and are dropped.
 * Text is otherwise written as is: DOT is UTF-8 here (charset="UTF-8"), so Cyrillic needs no escape.
 */
export function quote(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n?|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${escaped}"`;
}
