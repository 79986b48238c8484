import type { ClaimLabelForExport, ExportInput } from './export-input';
import { claimsOf, consensusOf, evidenceOf, formatStrength, labelOf, numberItems, oneLine } from './ledger-items';

/**
 * The argument graph the diagram exports draw (DOT, Mermaid): claims and evidence as nodes, relations
 * and evidence links as edges from the one that acts to the one acted on. Retracted claims and
 * withdrawn evidence stay, drawn as inactive, because a reader of the diagram should see what fell.
 */
export interface ClaimNode {
  kind: 'claim';
  key: string;
  number: string;
  /** "C1 · hypothesis · accepted · 0.73": what the diagram shows above the text. */
  heading: string;
  /** The text in paragraphs, each on one line; the diagram wraps and shortens them. */
  body: string[];
  label: ClaimLabelForExport | null;
  inactive: boolean;
}

export interface EvidenceNode {
  kind: 'evidence';
  key: string;
  number: string;
  /** "E1 · supports · withdrawn". */
  heading: string;
  /** The quote and where it comes from ("— Title, ll. 3-5"), or without a quote just the latter. */
  body: string[];
  inactive: boolean;
}

export type GraphNode = ClaimNode | EvidenceNode;

export interface GraphEdge {
  from: string;
  to: string;
  relation: 'supports' | 'rebuts' | 'undercuts' | 'undermines';
}

export interface ArgumentGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function argumentGraph(input: ExportInput): ArgumentGraph {
  const numbers = numberItems(input);
  const nodes: GraphNode[] = [];
  const keys = new Set<string>();

  for (const claim of claimsOf(input)) {
    const label = labelOf(input, claim);
    const strength = consensusOf(input, claim.id)?.strength;
    const heading = [numbers.claim(claim.id), claim.kind, label ?? 'not assessed', ...(strength != null ? [formatStrength(strength)] : [])].join(' · ');
    nodes.push({ kind: 'claim', key: claimKey(claim.id), number: numbers.claim(claim.id), heading, body: [oneLine(claim.text)], label, inactive: claim.status === 'retracted' });
    keys.add(claimKey(claim.id));
  }
  for (const e of evidenceOf(input)) {
    const title = input.sources.get(e.sourceId)?.title ?? e.sourceId;
    const heading = [numbers.evidence(e.id), e.stance, ...(e.status === 'withdrawn' ? ['withdrawn'] : [])].join(' · ');
    const citation = `${oneLine(title)}${e.locator ? `, ${oneLine(e.locator)}` : ''}`;
    const body = e.quote ? [`“${oneLine(e.quote)}”`, `— ${citation}`] : [citation];
    nodes.push({ kind: 'evidence', key: evidenceKey(e.id), number: numbers.evidence(e.id), heading, body, inactive: e.status === 'withdrawn' });
    keys.add(evidenceKey(e.id));
  }

  // A relation may name a claim the view does not hold; draw it rather than drop the edge.
  const claimEnd = (claimId: string): string => {
    const key = claimKey(claimId);
    if (!keys.has(key)) {
      keys.add(key);
      nodes.push({ kind: 'claim', key, number: claimId, heading: `${claimId} · not in this export`, body: [], label: null, inactive: true });
    }
    return key;
  };

  const edges: GraphEdge[] = [
    ...input.question.relations.map((r) => ({ from: claimEnd(r.fromClaimId), to: claimEnd(r.toClaimId), relation: r.relation })),
    ...evidenceOf(input).map((e) => ({ from: evidenceKey(e.id), to: claimEnd(e.claimId), relation: e.stance })),
  ];
  return { title: oneLine(input.question.title), nodes, edges };
}

function claimKey(claimId: string): string {
  return `claim:${claimId}`;
}

function evidenceKey(evidenceId: string): string {
  return `evidence:${evidenceId}`;
}

/** The colours the diagrams share: fill and border per label. */
export const LABEL_COLOURS: Record<ClaimLabelForExport | 'none', { fill: string; border: string }> = {
  accepted: { fill: '#c8e6c9', border: '#2e7d32' },
  rejected: { fill: '#ffcdd2', border: '#c62828' },
  contested: { fill: '#ffe0b2', border: '#ef6c00' },
  open: { fill: '#eeeeee', border: '#757575' },
  retracted: { fill: '#ffffff', border: '#9e9e9e' },
  none: { fill: '#ffffff', border: '#757575' },
};

export const RELATION_COLOURS: Record<GraphEdge['relation'], string> = {
  supports: '#2e7d32',
  rebuts: '#c62828',
  undercuts: '#c62828',
  undermines: '#c62828',
};

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
