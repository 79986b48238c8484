import type { ExportInput } from './export-input';
import {
  EVIDENCE_COLOURS,
  GREY,
  LABEL_COLOURS,
  argumentGraph,
  edgeColour,
  edgeText,
  evidenceBySource,
  headingLines,
  legend,
  wrapWords,
  type GraphEdge,
  type GraphNode,
  type LegendEntry,
} from './argument-graph';
import { shorten } from './ledger-items';

/** A claim's text is cut (at a word's end) past this many characters; the tooltip has it whole. */
const TEXT_LIMIT = 200;
const QUOTE_LIMIT = 160;
const LOCATOR_LIMIT = 80;
const SOURCE_TITLE_LIMIT = 90;
/** Characters per line of a node's label: about 1.9 inches of 10-point Helvetica, so seven ranks fit a wide page. */
const LINE_WIDTH = 28;
const LEGEND_WIDTH = 30;

/**
 * A Graphviz digraph of the argument graph. Claims are rounded boxes filled by label in the Okabe–Ito
 * palette (corroborated blue, contested reddish purple, unverified yellow, refuted vermillion, open
 * grey), each naming its label, strength and stances; `open` and `unverified` claims say under the
 * heading that they are not established. Evidence is a box naming its verification: examined or
 * transcribed evidence filled grey, a cited reference nobody has examined dashed and unfilled (a
 * lead), its edge dotted grey. Retracted claims and withdrawn evidence are dotted with grey text.
 * Edges go from the one that acts to the one acted on: support blue, rebuttal and undermining
 * vermillion, undercut dashed vermillion, `competes` a bold reddish-purple edge with arrows at both
 * ends; a claim may bear on a piece of evidence too. A legend (a cluster of its own) names every
 * label. Long texts are cut in the label and given whole in the tooltip (shown by SVG output).
 *
 * Laid out to be read at page width: left to right (evidence, then the claims it bears on, then
 * what those support or attack), so the width grows with the depth of the argument, not with the
 * number of claims; labels wrapped at word boundaries into short lines, and only a text (a claim,
 * a quote) ever shortened, at a word's end, never a locator or a reference in the middle; the
 * evidence grouped in one box per source, titled with the source, so its title is not repeated in
 * each quote; the legend a column of its own.
 */
export function toDot(input: ExportInput): string {
  const graph = argumentGraph(input);
  const groups = evidenceBySource(graph);
  const grouped = new Set(groups.flatMap((g) => g.nodes.map((n) => n.key)));
  const lines = [
    `digraph ${quote('question ' + input.question.id)} {`,
    `  graph [label=${quote([...wrapWords(graph.title, 100), `consensus: ${input.consensus.status}`].join('\n'))}, labelloc=t, rankdir=LR, newrank=true, ranksep=0.3, nodesep=0.15, charset="UTF-8", fontname="Helvetica"];`,
    '  node [fontname="Helvetica", fontsize=10, fontcolor="#000000", margin="0.08,0.04"];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...graph.nodes.filter((n) => !grouped.has(n.key)).map((n) => `  ${quote(n.key)} [${attributes(nodeAttributes(n))}];`),
    ...groups.flatMap((g, i) => [
      `  subgraph ${quote(`cluster_source_${i + 1}`)} {`,
      `    graph [label=${quote(wrapWords(shorten(g.title, SOURCE_TITLE_LIMIT), LINE_WIDTH).join('\n'))}, tooltip=${quote(g.title)}, style="rounded", color="#999999", fontsize=9, labeljust=l];`,
      ...g.nodes.map((n) => `    ${quote(n.key)} [${attributes(nodeAttributes(n))}];`),
      '  }',
    ]),
    ...graph.edges.map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [${attributes(edgeAttributes(e))}];`),
    ...(graph.nodes.length > 0 ? legendLines() : []),
    '}',
  ];
  return lines.join('\n') + '\n';
}

/**
 * The lines of a node's label: the heading, the note, then the text wrapped at word boundaries. A
 * piece of evidence shows its quote and where in the source; the source is its group's title.
 */
export function labelLines(n: GraphNode, width = LINE_WIDTH): string[] {
  const parts =
    n.kind === 'evidence' && n.source !== null
      ? [...(n.quote ? [`“${shorten(n.quote, QUOTE_LIMIT)}”`] : []), ...(n.locator ? [shorten(n.locator, LOCATOR_LIMIT)] : [])]
      : [...(n.note ? [n.note] : []), ...n.body.map((part) => shorten(part, TEXT_LIMIT))];
  return [...headingLines(n.heading, width), ...parts.flatMap((part) => wrapWords(part, width))];
}

function nodeAttributes(n: GraphNode): [string, string][] {
  const label = labelLines(n).join('\n');
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
  // Rounded boxes, not ellipses: an ellipse around a paragraph is half again as wide.
  return [
    ['shape', 'box'],
    ['style', n.inactive ? 'rounded,dotted' : 'rounded,filled'],
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
  // An external label (xlabel) is placed after the layout: an ordinary edge label would widen the gap
  // between every two ranks it crosses, and with it the whole drawing.
  return [
    ['xlabel', edgeText(e)],
    ['color', colour],
    ['fontcolor', colour],
    ['style', style],
    ...(e.relation === 'competes' ? ([['dir', 'both']] as [string, string][]) : []),
  ];
}

/**
 * The legend: one node per label, filled as the claims are, and a lead's box, in a cluster of their
 * own, in one column (the same rank, as the graph runs left to right), kept in order by invisible edges.
 */
function legendLines(): string[] {
  const entry = (l: LegendEntry): [string, string][] => {
    const label = [l.title, ...wrapWords(l.meaning, LEGEND_WIDTH)].join('\n');
    if (l.kind === 'lead') {
      return [['shape', 'box'], ['style', 'dashed'], ['fillcolor', EVIDENCE_COLOURS.leadFill], ['color', GREY.mid], ['label', label]];
    }
    const colours = LABEL_COLOURS[l.key as keyof typeof LABEL_COLOURS];
    return [['shape', 'box'], ['style', l.key === 'retracted' ? 'rounded,dotted' : 'rounded,filled'], ['fillcolor', colours.fill], ['color', colours.border], ['label', label]];
  };
  const entries = legend();
  const key = (l: LegendEntry) => quote(`legend:${l.key}`);
  return [
    '  subgraph "cluster_legend" {',
    '    graph [label="Legend", fontsize=10, style="rounded", color="#999999"];',
    '    node [fontsize=9];',
    ...entries.map((l) => `    ${key(l)} [${attributes(entry(l))}];`),
    `    { rank=same; ${entries.map(key).join('; ')}; }`,
    `    ${entries.map(key).join(' -> ')} [style="invis"];`,
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
