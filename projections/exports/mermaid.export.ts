import type { ClaimLabelForExport, ExportInput } from './export-input';
import { LABEL_COLOURS, RELATION_COLOURS, argumentGraph, wrapWords, type GraphNode } from './argument-graph';
import { shorten } from './ledger-items';

const TEXT_LIMIT = 200;
const LINE_WIDTH = 40;
const LABELS: ClaimLabelForExport[] = ['accepted', 'rejected', 'contested', 'open', 'retracted'];

/**
 * A Mermaid flowchart of the argument graph, drawn as the DOT export draws it: claims as rounded
 * nodes with a `classDef` per label (retracted dashed), evidence as boxes, support solid, rebuttal
 * and undermining red, undercut dotted red. Node ids are generated (n1, n2…), so no ledger id can
 * collide with Mermaid's keywords; every label is a quoted string with entity codes for the
 * characters Mermaid would otherwise read.
 */
export function toMermaid(input: ExportInput): string {
  const graph = argumentGraph(input);
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i + 1}`]));
  const lines = ['---', `title: ${JSON.stringify(graph.title)}`, '---', 'flowchart BT'];

  for (const n of graph.nodes) {
    const text = label(n);
    lines.push(n.kind === 'claim' ? `  ${ids.get(n.key)}("${text}")` : `  ${ids.get(n.key)}["${text}"]`);
  }
  graph.edges.forEach((e) => {
    const arrow = e.relation === 'undercuts' ? '-.->' : '-->';
    lines.push(`  ${ids.get(e.from)} ${arrow}|"${e.relation}"| ${ids.get(e.to)}`);
  });

  for (const l of LABELS) {
    const c = LABEL_COLOURS[l];
    const dashed = l === 'retracted' ? ',stroke-dasharray:5 5,color:#757575' : ',color:#000000';
    lines.push(`  classDef ${l} fill:${c.fill},stroke:${c.border}${dashed}`);
  }
  lines.push('  classDef unassessed fill:#ffffff,stroke:#757575,color:#000000');
  lines.push('  classDef evidence fill:#e3f2fd,stroke:#1565c0,color:#000000');
  lines.push('  classDef withdrawn fill:#ffffff,stroke:#1565c0,stroke-dasharray:5 5,color:#757575');
  for (const n of graph.nodes) lines.push(`  class ${ids.get(n.key)} ${className(n)}`);
  graph.edges.forEach((e, i) => {
    lines.push(`  linkStyle ${i} stroke:${RELATION_COLOURS[e.relation]},color:${RELATION_COLOURS[e.relation]}`);
  });
  return lines.join('\n') + '\n';
}

function className(n: GraphNode): string {
  if (n.kind === 'evidence') return n.inactive ? 'withdrawn' : 'evidence';
  return n.label ?? 'unassessed';
}

function label(n: GraphNode): string {
  const lines = [n.heading, ...n.body.flatMap((part) => wrapWords(shorten(part, TEXT_LIMIT), LINE_WIDTH))];
  return lines.map(escapeText).join('<br/>');
}

/**
 * Text for inside a quoted Mermaid label. `#` goes first, as every other escape starts with it; then
 * the quote that would end the label, the markup characters (Mermaid renders labels as HTML) and the
 * backtick that would start a Markdown string.
 */
export function escapeText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}
