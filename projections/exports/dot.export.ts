import type { ExportInput } from './export-input';
import { LABEL_COLOURS, RELATION_COLOURS, argumentGraph, wrapWords, type GraphEdge, type GraphNode } from './argument-graph';
import { shorten } from './ledger-items';

const TEXT_LIMIT = 240;
const LINE_WIDTH = 40;

/**
 * A Graphviz digraph of the argument graph: claims as ellipses filled by label (accepted green,
 * rejected red, contested orange, open grey), retracted claims dashed and unfilled; evidence as
 * boxes; edges from the one that acts to the one acted on: support solid green, rebuttal and
 * undermining evidence solid red, undercut dashed red. Long texts are cut in the label and given
 * whole in the tooltip (shown by SVG output).
 */
export function toDot(input: ExportInput): string {
  const graph = argumentGraph(input);
  const lines = [
    `digraph ${quote('question ' + input.question.id)} {`,
    `  graph [label=${quote(`${graph.title}\nconsensus: ${input.consensus.status}`)}, labelloc=t, rankdir=BT, charset="UTF-8", fontname="Helvetica"];`,
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...graph.nodes.map((n) => `  ${quote(n.key)} [${attributes(nodeAttributes(n))}];`),
    ...graph.edges.map((e) => `  ${quote(e.from)} -> ${quote(e.to)} [${attributes(edgeAttributes(e))}];`),
    '}',
  ];
  return lines.join('\n') + '\n';
}

function nodeAttributes(n: GraphNode): [string, string][] {
  const label = [n.heading, ...n.body.flatMap((part) => wrapWords(shorten(part, TEXT_LIMIT), LINE_WIDTH))].join('\n');
  const tooltip = n.body.join(' ') || n.heading;
  if (n.kind === 'evidence') {
    return [
      ['shape', 'box'],
      ['style', n.inactive ? 'dashed' : 'filled'],
      ['fillcolor', '#e3f2fd'],
      ['color', '#1565c0'],
      ['label', label],
      ['tooltip', tooltip],
    ];
  }
  const colours = LABEL_COLOURS[n.label ?? 'none'];
  return [
    ['shape', 'ellipse'],
    ['style', n.inactive ? 'dashed' : 'filled'],
    ['fillcolor', colours.fill],
    ['color', colours.border],
    ...(n.inactive ? ([['fontcolor', '#757575']] as [string, string][]) : []),
    ['label', label],
    ['tooltip', tooltip],
  ];
}

function edgeAttributes(e: GraphEdge): [string, string][] {
  return [
    ['label', e.relation],
    ['color', RELATION_COLOURS[e.relation]],
    ['fontcolor', RELATION_COLOURS[e.relation]],
    ['style', e.relation === 'undercuts' ? 'dashed' : 'solid'],
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
