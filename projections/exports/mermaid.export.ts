import type { ExportInput } from './export-input';
import { EVIDENCE_COLOURS, GREY, LABEL_COLOURS, argumentGraph, edgeColour, edgeText, evidenceBySource, legend, type GraphNode } from './argument-graph';
import { LABELS_IN_ORDER, shorten } from './ledger-items';

const TEXT_LIMIT = 200;
const QUOTE_LIMIT = 160;
const LOCATOR_LIMIT = 80;
const SOURCE_TITLE_LIMIT = 90;
/** The width (px) Mermaid wraps a label at: narrow columns, so the drawing fits a page left to right. */
const WRAPPING_WIDTH = 220;
const DASHED = 'stroke-dasharray:5 5';
const DOTTED = 'stroke-dasharray:2 3';

/**
 * A Mermaid flowchart of the argument graph, drawn as the DOT export draws it: claims as rounded
 * nodes with a `classDef` per label in the Okabe–Ito palette (retracted dotted), evidence as boxes
 * (a cited lead dashed, withdrawn evidence dotted), support blue, rebuttal and undermining
 * vermillion, undercut dotted vermillion, `competes` a thick reddish-purple edge with arrows at both
 * ends, an edge from a lead dotted grey. A `Legend` subgraph names every label. Node ids are
 * generated (n1, n2…; l1, l2… in the legend), so no ledger id can collide with Mermaid's keywords;
 * every label is a quoted string with entity codes for the characters Mermaid would otherwise read.
 *
 * Laid out for page width as the DOT export is: left to right, the evidence grouped in one subgraph
 * per source (titled with it). Mermaid wraps labels itself, at `wrappingWidth` (set in the front
 * matter), so a label carries line breaks only between its parts (heading, note, text, locator),
 * never inside a sentence, where Mermaid's own wrapping would break the line a second time.
 */
export function toMermaid(input: ExportInput): string {
  const graph = argumentGraph(input);
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i + 1}`]));
  const lines = [
    '---',
    `title: ${JSON.stringify(graph.title)}`,
    'config:',
    `  flowchart: ${JSON.stringify({ wrappingWidth: WRAPPING_WIDTH, htmlLabels: true, nodeSpacing: 20, rankSpacing: 30 })}`,
    '---',
    'flowchart LR',
  ];
  const groups = evidenceBySource(graph);
  const grouped = new Set(groups.flatMap((g) => g.nodes.map((n) => n.key)));
  const node = (n: GraphNode) => (n.kind === 'claim' ? `${ids.get(n.key)}("${label(n)}")` : `${ids.get(n.key)}["${label(n)}"]`);
  for (const n of graph.nodes) if (!grouped.has(n.key)) lines.push(`  ${node(n)}`);
  groups.forEach((g, i) => {
    lines.push(`  subgraph s${i + 1} ["${escapeText(shorten(g.title, SOURCE_TITLE_LIMIT))}"]`, ...g.nodes.map((n) => `    ${node(n)}`), '  end');
  });
  graph.edges.forEach((e) => {
    const arrow = e.relation === 'competes' ? '<==>' : e.relation === 'undercuts' || e.lead ? '-.->' : '-->';
    lines.push(`  ${ids.get(e.from)} ${arrow}|"${escapeText(edgeText(e))}"| ${ids.get(e.to)}`);
  });

  const entries = graph.nodes.length > 0 ? legend() : [];
  if (entries.length > 0) {
    lines.push('  subgraph legend ["Legend"]');
    entries.forEach((l, i) => {
      const text = [l.title, l.meaning].map(escapeText).join('<br/>');
      lines.push(l.kind === 'lead' ? `    l${i + 1}["${text}"]` : `    l${i + 1}("${text}")`);
    });
    lines.push('  end');
  }

  for (const l of LABELS_IN_ORDER) {
    const c = LABEL_COLOURS[l];
    const extra = l === 'retracted' ? `,${DOTTED},color:${GREY.text}` : ',color:#000000';
    lines.push(`  classDef ${l} fill:${c.fill},stroke:${c.border}${extra}`);
  }
  lines.push(`  classDef unassessed fill:#FFFFFF,stroke:${GREY.mid},color:#000000`);
  lines.push(`  classDef evidence fill:${EVIDENCE_COLOURS.fill},stroke:${EVIDENCE_COLOURS.border},color:#000000`);
  lines.push(`  classDef lead fill:${EVIDENCE_COLOURS.leadFill},stroke:${GREY.mid},${DASHED},color:#000000`);
  lines.push(`  classDef withdrawn fill:#FFFFFF,stroke:${GREY.mid},${DOTTED},color:${GREY.text}`);
  for (const n of graph.nodes) lines.push(`  class ${ids.get(n.key)} ${className(n)}`);
  entries.forEach((l, i) => lines.push(`  class l${i + 1} ${l.kind === 'lead' ? 'lead' : l.key}`));
  graph.edges.forEach((e, i) => {
    const colour = edgeColour(e);
    lines.push(`  linkStyle ${i} stroke:${colour},color:${colour}${e.lead ? `,${DOTTED}` : ''}`);
  });
  return lines.join('\n') + '\n';
}

function className(n: GraphNode): string {
  if (n.kind === 'evidence') return n.inactive ? 'withdrawn' : n.lead ? 'lead' : 'evidence';
  return n.label ?? 'unassessed';
}

/** The label's parts, one per line: heading, note, text (a claim's, or a quote and where in the source). */
function label(n: GraphNode): string {
  const parts =
    n.kind === 'evidence' && n.source !== null
      ? [...(n.quote ? [`“${shorten(n.quote, QUOTE_LIMIT)}”`] : []), ...(n.locator ? [shorten(n.locator, LOCATOR_LIMIT)] : [])]
      : [...(n.note ? [n.note] : []), ...n.body.map((part) => shorten(part, TEXT_LIMIT))];
  return [n.heading, ...parts].map(escapeText).join('<br/>');
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
