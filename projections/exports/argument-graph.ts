import type { Verification } from '../../contract/question.events';
import type { ClaimLabelForExport, ExportInput } from './export-input';
import {
  LABEL_LEGEND,
  LABELS_IN_ORDER,
  claimsOf,
  consensusOf,
  evidenceOf,
  formatStances,
  formatStrength,
  isLead,
  labelOf,
  notEstablishedNote,
  numberItems,
  oneLine,
  roundStrength,
  stancesOf,
} from './ledger-items';

/**
 * The argument graph the diagram exports draw (DOT, Mermaid): claims and evidence as nodes, relations
 * and evidence links as edges from the one that acts to the one acted on. Retracted claims and
 * withdrawn evidence stay, drawn as inactive, because a reader of the diagram should see what fell.
 * Cited evidence nobody has examined is drawn as a lead: it has no weight for or against anything.
 */
export interface ClaimNode {
  kind: 'claim';
  key: string;
  number: string;
  /** "C1 · hypothesis · corroborated · 0.73 · stances +2 −1": what the diagram shows above the text. */
  heading: string;
  /** For `open` and `unverified`: "not established: nothing in the record confirms it"; null otherwise. */
  note: string | null;
  /** The text in paragraphs, each on one line; the diagram wraps and shortens them. */
  body: string[];
  label: ClaimLabelForExport | null;
  inactive: boolean;
}

export interface EvidenceNode {
  kind: 'evidence';
  key: string;
  number: string;
  /** "E1 · supports · examined", "E2 · supports · cited: a lead", "E4 · supports · examined · withdrawn". */
  heading: string;
  note: null;
  /** The quote and where it comes from ("— Title, ll. 3-5"), or without a quote just the latter. */
  body: string[];
  /** Null for a piece of evidence the view does not hold (named by a relation). */
  verification: Verification | null;
  /** The source it is drawn from (its title, or its id when the export does not hold it); null when the evidence is not held. */
  source: { id: string; title: string } | null;
  /** The quote on one line, without quotation marks; null when there is none. */
  quote: string | null;
  /** Where in the source, on one line; null when not given. */
  locator: string | null;
  /** Cited and not yet examined: a lead to follow, with no weight. */
  lead: boolean;
  inactive: boolean;
}

export type GraphNode = ClaimNode | EvidenceNode;

export type GraphRelation = 'supports' | 'rebuts' | 'undercuts' | 'undermines' | 'competes';

export interface GraphEdge {
  from: string;
  to: string;
  relation: GraphRelation;
  /** From cited, unexamined evidence: it carries no weight, and is drawn as a lead. */
  lead: boolean;
}

export interface ArgumentGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** "supports · lead": what an edge is labelled with. */
export function edgeText(e: GraphEdge): string {
  return e.lead ? `${e.relation} · lead` : e.relation;
}

export function argumentGraph(input: ExportInput): ArgumentGraph {
  const numbers = numberItems(input);
  const nodes: GraphNode[] = [];
  const keys = new Set<string>();

  for (const claim of claimsOf(input)) {
    const label = labelOf(input, claim);
    const strength = roundStrength(consensusOf(input, claim.id)?.strength);
    const heading = [
      numbers.claim(claim.id),
      claim.kind,
      label ?? 'not assessed',
      ...(strength != null ? [formatStrength(strength)] : []),
      `stances ${formatStances(stancesOf(input, claim))}`,
    ].join(' · ');
    nodes.push({
      kind: 'claim',
      key: claimKey(claim.id),
      number: numbers.claim(claim.id),
      heading,
      note: claim.status === 'retracted' ? null : notEstablishedNote(label),
      body: [oneLine(claim.text)],
      label,
      inactive: claim.status === 'retracted',
    });
    keys.add(claimKey(claim.id));
  }
  for (const e of evidenceOf(input)) {
    const title = input.sources.get(e.sourceId)?.title ?? e.sourceId;
    const lead = isLead(e);
    const heading = [numbers.evidence(e.id), e.stance, lead ? 'cited: a lead' : e.verification, ...(e.status === 'withdrawn' ? ['withdrawn'] : [])].join(' · ');
    const citation = `${oneLine(title)}${e.locator ? `, ${oneLine(e.locator)}` : ''}`;
    const body = e.quote ? [`“${oneLine(e.quote)}”`, `— ${citation}`] : [citation];
    nodes.push({
      kind: 'evidence',
      key: evidenceKey(e.id),
      number: numbers.evidence(e.id),
      heading,
      note: null,
      body,
      verification: e.verification,
      source: { id: e.sourceId, title: oneLine(title) },
      quote: e.quote ? oneLine(e.quote) : null,
      locator: e.locator ? oneLine(e.locator) : null,
      lead,
      inactive: e.status === 'withdrawn',
    });
    keys.add(evidenceKey(e.id));
  }

  // A relation may name a claim or evidence the view does not hold; draw it rather than drop the edge.
  const claimEnd = (claimId: string): string => {
    const key = claimKey(claimId);
    if (!keys.has(key)) {
      keys.add(key);
      nodes.push({ kind: 'claim', key, number: claimId, heading: `${claimId} · not in this export`, note: null, body: [], label: null, inactive: true });
    }
    return key;
  };
  const evidenceEnd = (evidenceId: string): string => {
    const key = evidenceKey(evidenceId);
    if (!keys.has(key)) {
      keys.add(key);
      nodes.push({ kind: 'evidence', key, number: evidenceId, heading: `${evidenceId} · not in this export`, note: null, body: [], verification: null, source: null, quote: null, locator: null, lead: false, inactive: true });
    }
    return key;
  };

  const edges: GraphEdge[] = [
    ...input.question.relations.map((r) => ({ from: claimEnd(r.fromClaimId), to: claimEnd(r.toClaimId), relation: r.relation, lead: false })),
    ...input.question.evidenceRelations.map((r) => ({ from: claimEnd(r.fromClaimId), to: evidenceEnd(r.toEvidenceId), relation: r.relation, lead: false })),
    ...evidenceOf(input).map((e) => ({ from: evidenceKey(e.id), to: claimEnd(e.claimId), relation: e.stance, lead: isLead(e) })),
  ];
  return { title: oneLine(input.question.title), nodes, edges };
}

function claimKey(claimId: string): string {
  return `claim:${claimId}`;
}

function evidenceKey(evidenceId: string): string {
  return `evidence:${evidenceId}`;
}

/**
 * The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight colours that people
 * with any common form of colour blindness can tell apart. The diagrams never rely on colour alone:
 * every node names its label, and the legend names every colour.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Neutral greys for what carries no colour: open claims, evidence, what is inactive. */
export const GREY = { light: '#EEEEEE', mid: '#999999', text: '#666666' } as const;

/**
 * The colours the diagrams share: fill and border per label, all with black text. Corroborated is
 * blue, refuted vermillion (never green), contested the reddish purple between them, unverified
 * yellow (asserted, not confirmed), open light grey, retracted unfilled.
 */
export const LABEL_COLOURS: Record<ClaimLabelForExport | 'none', { fill: string; border: string }> = {
  corroborated: { fill: OKABE_ITO.skyBlue, border: OKABE_ITO.blue },
  contested: { fill: OKABE_ITO.reddishPurple, border: OKABE_ITO.black },
  unverified: { fill: OKABE_ITO.yellow, border: OKABE_ITO.black },
  open: { fill: GREY.light, border: GREY.mid },
  refuted: { fill: OKABE_ITO.vermillion, border: OKABE_ITO.black },
  retracted: { fill: '#FFFFFF', border: GREY.mid },
  none: { fill: '#FFFFFF', border: GREY.mid },
};

/** Evidence boxes: examined or transcribed filled grey; a lead unfilled with a dashed border. */
export const EVIDENCE_COLOURS = { fill: GREY.light, border: OKABE_ITO.black, leadFill: '#FFFFFF' } as const;

/** Support blue, rebuttal, undermining and undercut vermillion, rivals reddish purple; leads grey. */
export const RELATION_COLOURS: Record<GraphRelation, string> = {
  supports: OKABE_ITO.blue,
  rebuts: OKABE_ITO.vermillion,
  undercuts: OKABE_ITO.vermillion,
  undermines: OKABE_ITO.vermillion,
  competes: OKABE_ITO.reddishPurple,
};
export const LEAD_COLOUR = GREY.mid;

export function edgeColour(e: GraphEdge): string {
  return e.lead ? LEAD_COLOUR : RELATION_COLOURS[e.relation];
}

/** The legend every diagram carries: each label with what it promises, then what a lead looks like. */
export interface LegendEntry {
  kind: 'label' | 'lead';
  /** The label, or `lead`. */
  key: string;
  title: string;
  meaning: string;
}

export function legend(): LegendEntry[] {
  return [
    ...LABELS_IN_ORDER.map((label): LegendEntry => ({ kind: 'label', key: label, title: label, meaning: LABEL_LEGEND[label] })),
    { kind: 'lead', key: 'lead', title: 'cited evidence (a lead)', meaning: 'nobody has examined it yet: no weight for or against' },
  ];
}

/** Words wrapped into lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (line !== '' && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The evidence grouped by the source it is drawn from, in order of first appearance: the diagrams
 * draw each group as a box titled with the source, so eight quotes from one article read as one
 * source and the title is not repeated in each.
 */
export function evidenceBySource(graph: ArgumentGraph): { id: string; title: string; nodes: EvidenceNode[] }[] {
  const groups = new Map<string, { id: string; title: string; nodes: EvidenceNode[] }>();
  for (const n of graph.nodes) {
    if (n.kind !== 'evidence' || n.source === null) continue;
    const group = groups.get(n.source.id) ?? { id: n.source.id, title: n.source.title, nodes: [] };
    group.nodes.push(n);
    groups.set(n.source.id, group);
  }
  return [...groups.values()];
}

/**
 * A node's heading ("C1 · hypothesis · corroborated · 0.71 · stances +0 −0") on lines of at most
 * `width` characters, broken only between its parts, so that no line ends inside "0.71" or "+0 −0".
 */
export function headingLines(heading: string, width: number): string[] {
  const lines: string[] = [];
  for (const part of heading.split(' · ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && [...last].length + 3 + [...part].length <= width) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return lines;
}
