import dagre from '@dagrejs/dagre';
import type { MapElement } from './graph-elements';
import { CLAIM_SIZE, EVIDENCE_SIZE, type Positions } from './map-geometry';

/** Claims up to which the layout reduces edge crossings (see mapPositions). */
const CROSSING_REDUCTION_UP_TO = 300;
/** Room between a claim and its evidence, and between two pieces of evidence. */
const GAP = 12;
/** Evidence is stacked this many high beside its claim, in as many columns as needed. */
const EVIDENCE_PER_COLUMN = 2;

/**
 * Where every node of the map goes. The claims are laid out in layers by dagre, bottom to top (a
 * claim below the claims it bears on); each piece of evidence is then set beside the claim it bears
 * on, in a block of columns to its right, whose room the claim's node takes in the layered layout.
 * Evidence is thus left out of dagre's graph: on the reference question that is a third of its
 * nodes and edges, and dagre's cost (ranking, crossing reduction, coordinates) grows faster than
 * the graph, while the block keeps every piece of evidence next to what it is evidence for.
 * Evidence whose claim is not on the map is not placed (graph-elements leaves it out).
 */
export function mapPositions(elements: readonly MapElement[]): Positions {
  const claims: string[] = [];
  const evidenceOf = new Map<string, string[]>();
  const claimOfEvidence = new Map<string, string>();
  for (const element of elements) {
    if (element.group !== 'nodes') continue;
    if (element.data.kind === 'evidence') continue;
    claims.push(element.data.id);
  }
  const isClaim = new Set(claims);
  for (const element of elements) {
    if (element.group !== 'edges') continue;
    const { source, target } = ends(element);
    // An evidence-to-claim stance: the evidence goes beside that claim (its first claim, should it have two).
    if (!isClaim.has(source) && isClaim.has(target) && !claimOfEvidence.has(source)) {
      claimOfEvidence.set(source, target);
      evidenceOf.set(target, [...(evidenceOf.get(target) ?? []), source]);
    }
  }

  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'BT', nodesep: 30, ranksep: 70, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of claims) graph.setNode(id, blockSize(evidenceOf.get(id)?.length ?? 0));
  for (const element of elements) {
    if (element.group !== 'edges') continue;
    const { source, target } = ends(element);
    if (isClaim.has(source) && isClaim.has(target) && source !== target) graph.setEdge(source, target, {}, element.data.id);
  }
  // dagre's crossing reduction (repeated sweeps over the layers) is what keeps a map of tens of claims
  // readable, and most of its cost; on a map of hundreds, seen as an overview, it is skipped.
  dagre.layout(graph, { disableOptimalOrderHeuristic: claims.length > CROSSING_REDUCTION_UP_TO });

  const positions: Positions = new Map();
  for (const id of claims) {
    const block = graph.node(id) as { x: number; y: number; width: number; height: number };
    const left = block.x - block.width / 2;
    const top = block.y - block.height / 2;
    positions.set(id, { x: left + CLAIM_SIZE.width / 2, y: top + CLAIM_SIZE.height / 2 });
    (evidenceOf.get(id) ?? []).forEach((evidence, i) => {
      const column = Math.floor(i / EVIDENCE_PER_COLUMN);
      const row = i % EVIDENCE_PER_COLUMN;
      positions.set(evidence, {
        x: left + CLAIM_SIZE.width + GAP + column * (EVIDENCE_SIZE.width + GAP) + EVIDENCE_SIZE.width / 2,
        y: top + row * (EVIDENCE_SIZE.height + GAP) + EVIDENCE_SIZE.height / 2,
      });
    });
  }
  return positions;
}

/** An edge's ends (graph-elements gives every edge a source and a target). */
function ends(edge: MapElement): { source: string; target: string } {
  return { source: String(edge.data.source), target: String(edge.data.target) };
}

/** The room a claim takes with `evidence` pieces of evidence beside it. */
function blockSize(evidence: number): { width: number; height: number } {
  if (evidence === 0) return { ...CLAIM_SIZE };
  const columns = Math.ceil(evidence / EVIDENCE_PER_COLUMN);
  const rows = Math.min(evidence, EVIDENCE_PER_COLUMN);
  return {
    width: CLAIM_SIZE.width + columns * (GAP + EVIDENCE_SIZE.width),
    height: Math.max(CLAIM_SIZE.height, rows * EVIDENCE_SIZE.height + (rows - 1) * GAP),
  };
}
