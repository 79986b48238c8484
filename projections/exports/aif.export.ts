import type { ProvenanceView } from '../projection';
import type { ExportInput } from './export-input';
import { claimsOf, evidenceOf, oneLine } from './ledger-items';
import { splitPersonalName } from './personal-names';

/**
 * AIF in the JSON of AIFdb and OVA: `nodes`, `edges`, `locutions`, `participants`.
 *
 * - Every claim is an I node with its current wording; each earlier wording is an I node too,
 *   linked to the next by an MA node (rephrase), so a revision is not lost.
 * - A piece of evidence is an I node: its quote, or else the source's title and locator.
 * - `supports` (a claim's, or evidence's) is I → RA → I. `rebuts`, and evidence that `undermines`,
 *   is I → CA → I.
 * - `undercuts` attacks the inference behind a claim. The inferences this export models are the RA
 *   nodes concluding in that claim, so an undercut becomes one CA per such RA, pointing at the RA.
 *   When nothing supports the claim there is no inference to attack, and the CA points at the
 *   claim's I node, as a rebuttal would.
 * - Each wording and each piece of evidence has the locution that put it forward (an L node, "Name:
 *   text") anchoring its I node through a YA node (Asserting); `locutions` links the L node to its
 *   participant, with `start` the time it was originally said.
 * - A claim bearing on a piece of evidence (source criticism) is drawn the same way, with the
 *   evidence's I node as the target: `supports` through an RA, `rebuts` through a CA, `undercuts`
 *   through a CA on each RA concluding in it (or on its I node when there is none).
 * - `competes` (rival explanations) has no AIF scheme: it is neither an inference nor a conflict,
 *   so it is left out here (the other exports show it).
 * - Retracted claims and withdrawn evidence stay: AIF records what was argued, not what still
 *   stands (the consensus labels are in the other exports). Evidence verification (cited,
 *   examined, transcribed) is a judgement about the record, not a move in the dialogue, and is in
 *   the other exports too.
 *
 * Node, edge and participant ids are decimal strings, as AIFdb's are, numbered in a fixed order so
 * the same input gives the same document. Participants' names are split by `splitPersonalName`.
 */
export interface AifNode {
  nodeID: string;
  text: string;
  type: 'I' | 'L' | 'RA' | 'CA' | 'MA' | 'YA';
  timestamp: string;
}
export interface AifEdge {
  edgeID: string;
  fromID: string;
  toID: string;
  formEdgeID: null;
}
export interface AifLocution {
  nodeID: string;
  personID: string;
  timestamp: string;
  start: string;
  end: null;
  source: null;
}
export interface AifParticipant {
  participantID: string;
  firstname: string;
  surname: string;
}
export interface AifDocument {
  nodes: AifNode[];
  edges: AifEdge[];
  locutions: AifLocution[];
  participants: AifParticipant[];
}

export function toAif(input: ExportInput): AifDocument {
  const b = new AifBuilder();
  const claimNodes = new Map<string, string>();

  for (const claim of claimsOf(input)) {
    let previous: string | null = null;
    for (const version of claim.versions) {
      const node = b.node('I', version.text, version.provenance);
      b.locution(version.text, node, version.provenance);
      if (previous !== null) b.link(previous, b.node('MA', 'Default Rephrase', version.provenance), node);
      previous = node;
    }
    claimNodes.set(claim.id, previous!);
  }

  // Inferences first, so that an undercut can find every RA concluding in its target (an I node).
  const inferencesInto = new Map<string, string[]>();
  const addInference = (premise: string, conclusion: string, p: ProvenanceView) => {
    const ra = b.node('RA', 'Default Inference', p);
    b.link(premise, ra, conclusion);
    inferencesInto.set(conclusion, [...(inferencesInto.get(conclusion) ?? []), ra]);
  };
  const conflict = (from: string, to: string, relation: 'rebuts' | 'undercuts', p: ProvenanceView) => {
    const targets = relation === 'undercuts' ? (inferencesInto.get(to) ?? [to]) : [to];
    for (const target of targets) b.link(from, b.node('CA', 'Default Conflict', p), target);
  };
  const claimNode = (claimId: string): string => {
    let node = claimNodes.get(claimId);
    if (node === undefined) {
      // A relation to a claim the view does not hold: keep the edge, name the claim by its id.
      node = b.node('I', `Claim ${claimId} (not in this export)`, input.question.provenance);
      claimNodes.set(claimId, node);
    }
    return node;
  };

  const evidenceNodes = new Map<string, string>();
  for (const e of evidenceOf(input)) {
    const source = input.sources.get(e.sourceId);
    const title = source?.title ?? e.sourceId;
    const text = e.quote ?? (e.locator ? `${title}, ${e.locator}` : title);
    const node = b.node('I', text, e.provenance);
    b.locution(text, node, e.provenance);
    evidenceNodes.set(e.id, node);
  }

  const evidenceNode = (evidenceId: string): string => {
    let node = evidenceNodes.get(evidenceId);
    if (node === undefined) {
      node = b.node('I', `Evidence ${evidenceId} (not in this export)`, input.question.provenance);
      evidenceNodes.set(evidenceId, node);
    }
    return node;
  };
  const evidenceRelations = input.question.evidenceRelations;

  for (const r of input.question.relations) if (r.relation === 'supports') addInference(claimNode(r.fromClaimId), claimNode(r.toClaimId), r.provenance);
  for (const e of evidenceOf(input)) if (e.stance === 'supports') addInference(evidenceNodes.get(e.id)!, claimNode(e.claimId), e.provenance);
  for (const r of evidenceRelations) if (r.relation === 'supports') addInference(claimNode(r.fromClaimId), evidenceNode(r.toEvidenceId), r.provenance);

  for (const r of input.question.relations) {
    if (r.relation === 'rebuts' || r.relation === 'undercuts') conflict(claimNode(r.fromClaimId), claimNode(r.toClaimId), r.relation, r.provenance);
  }
  for (const r of evidenceRelations) {
    if (r.relation === 'rebuts' || r.relation === 'undercuts') conflict(claimNode(r.fromClaimId), evidenceNode(r.toEvidenceId), r.relation, r.provenance);
  }
  for (const e of evidenceOf(input)) {
    if (e.stance === 'undermines') b.link(evidenceNodes.get(e.id)!, b.node('CA', 'Default Conflict', e.provenance), claimNode(e.claimId));
  }

  return b.document();
}

class AifBuilder {
  private readonly doc: AifDocument = { nodes: [], edges: [], locutions: [], participants: [] };
  private readonly participantIds = new Map<string, string>();
  private nextNode = 1;

  node(type: AifNode['type'], text: string, p: ProvenanceView): string {
    const nodeID = String(this.nextNode++);
    this.doc.nodes.push({ nodeID, text: type === 'I' || type === 'L' ? oneLine(text) : text, type, timestamp: aifTimestamp(p.occurredAt) });
    return nodeID;
  }

  edge(fromID: string, toID: string): void {
    this.doc.edges.push({ edgeID: String(this.doc.edges.length + 1), fromID, toID, formEdgeID: null });
  }

  /** from → scheme → to: the shape of every RA, CA and MA. */
  link(from: string, scheme: string, to: string): void {
    this.edge(from, scheme);
    this.edge(scheme, to);
  }

  /** "Name: text" said by its participant, anchoring the I node it asserts through a YA node. */
  locution(text: string, iNode: string, p: ProvenanceView): void {
    const speaker = p.attributedTo.name;
    const l = this.node('L', `${speaker}: ${text}`, p);
    this.link(l, this.node('YA', 'Asserting', p), iNode);
    this.doc.locutions.push({ nodeID: l, personID: this.participant(speaker), timestamp: aifTimestamp(p.occurredAt), start: p.occurredAt, end: null, source: null });
  }

  document(): AifDocument {
    return this.doc;
  }

  private participant(name: string): string {
    let id = this.participantIds.get(name);
    if (id === undefined) {
      id = String(this.participantIds.size + 1);
      this.participantIds.set(name, id);
      const split = splitPersonalName(name);
      this.doc.participants.push(
        'literal' in split
          ? { participantID: id, firstname: '', surname: split.literal }
          : { participantID: id, firstname: split.given, surname: split.family },
      );
    }
    return id;
  }
}

/**
 * AIFdb's "YYYY-MM-DD HH:MM:SS", which carries no zone: the moment is given in UTC so that posts
 * from different zones order correctly. An unparseable time is kept as written.
 */
function aifTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
