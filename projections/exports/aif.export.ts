import type { ProvenanceView } from '../../contract/event-metadata';
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
 * - `undercuts` attacks the inference, never the conclusion: it is a CA node whose target is an RA
 *   node, so a reader (and OVA) can tell it from a rebuttal. Undercutting a claim attacks each RA
 *   concluding in it; when the record holds no support for the claim, its inference is made
 *   explicit as an RA from an I node "Grounds not stated in the record, for: …" (asserted by nobody),
 *   and the CA targets that RA. Undercutting a piece of evidence (source criticism) attacks the
 *   step from that evidence to the claim it bears on: the RA it supports through, or the CA it
 *   undermines through.
 * - Each wording has the locution that put it forward (an L node, "Name: text") anchoring its I node
 *   through a YA node (Asserting); `locutions` links the L node to its participant, with `start` the
 *   time it was originally said (as the record gives it: a partial date stays a partial date).
 * - A piece of evidence is asserted by the source's authors, not by whoever recorded or attached
 *   it: one locution per author (the CIA report's by "Central Intelligence Agency"), starting when the
 *   source was issued (null when the record has no date). A source with no authors falls back to
 *   the person who brought the evidence.
 * - AIFdb's node and locution `timestamp` is when the node entered the record: the ledger's
 *   recordedAt, always an instant.
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
  /** When it was said, as the record gives it: an instant, or a partial date ("1954-06-25"); null when unknown. */
  start: string | null;
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
  // The steps from a piece of evidence to the claim it bears on (an RA or a CA), by evidence I node.
  const stepsFrom = new Map<string, string[]>();
  const addInference = (premise: string, conclusion: string, p: ProvenanceView) => {
    const ra = b.node('RA', 'Default Inference', p);
    b.link(premise, ra, conclusion);
    inferencesInto.set(conclusion, [...(inferencesInto.get(conclusion) ?? []), ra]);
    return ra;
  };
  /** The RAs concluding in a claim; when none, its unstated inference, made explicit once. */
  const inferencesOf = (conclusion: string, p: ProvenanceView): string[] => {
    const found = inferencesInto.get(conclusion);
    if (found && found.length > 0) return found;
    const text = b.textOf(conclusion);
    const grounds = b.node('I', `Grounds not stated in the record, for: ${text}`, p);
    return [addInference(grounds, conclusion, p)];
  };
  const undercut = (from: string, targets: string[], p: ProvenanceView) => {
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
    // Said by the source's authors, when the source was issued; the person who attached it only cites it.
    const authors = source && source.authors.length > 0 ? source.authors : [e.provenance.attributedTo.name];
    const start = source && source.authors.length > 0 ? source.issued : e.provenance.occurredAt;
    for (const author of authors) b.locution(text, node, e.provenance, author, start);
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
  for (const e of evidenceOf(input)) {
    const premise = evidenceNodes.get(e.id)!;
    const step = e.stance === 'supports' ? addInference(premise, claimNode(e.claimId), e.provenance) : b.node('CA', 'Default Conflict', e.provenance);
    if (e.stance === 'undermines') b.link(premise, step, claimNode(e.claimId));
    stepsFrom.set(premise, [...(stepsFrom.get(premise) ?? []), step]);
  }
  for (const r of evidenceRelations) if (r.relation === 'supports') addInference(claimNode(r.fromClaimId), evidenceNode(r.toEvidenceId), r.provenance);

  for (const r of input.question.relations) {
    const from = claimNode(r.fromClaimId);
    const to = claimNode(r.toClaimId);
    if (r.relation === 'rebuts') b.link(from, b.node('CA', 'Default Conflict', r.provenance), to);
    if (r.relation === 'undercuts') undercut(from, inferencesOf(to, r.provenance), r.provenance);
  }
  for (const r of evidenceRelations) {
    const from = claimNode(r.fromClaimId);
    const to = evidenceNode(r.toEvidenceId);
    if (r.relation === 'rebuts') b.link(from, b.node('CA', 'Default Conflict', r.provenance), to);
    if (r.relation === 'undercuts') {
      // The step from the evidence to its claim; evidence outside this export has none here.
      const steps = stepsFrom.get(to) ?? [];
      undercut(from, steps.length > 0 ? steps : inferencesOf(to, r.provenance), r.provenance);
    }
  }

  return b.document();
}

class AifBuilder {
  private readonly doc: AifDocument = { nodes: [], edges: [], locutions: [], participants: [] };
  private readonly participantIds = new Map<string, string>();
  private nextNode = 1;

  node(type: AifNode['type'], text: string, p: ProvenanceView): string {
    const nodeID = String(this.nextNode++);
    this.doc.nodes.push({ nodeID, text: type === 'I' || type === 'L' ? oneLine(text) : text, type, timestamp: aifTimestamp(p.recordedAt) });
    return nodeID;
  }

  textOf(nodeID: string): string {
    return this.doc.nodes.find((n) => n.nodeID === nodeID)?.text ?? '';
  }

  edge(fromID: string, toID: string): void {
    this.doc.edges.push({ edgeID: String(this.doc.edges.length + 1), fromID, toID, formEdgeID: null });
  }

  /** from → scheme → to: the shape of every RA, CA and MA. */
  link(from: string, scheme: string, to: string): void {
    this.edge(from, scheme);
    this.edge(scheme, to);
  }

  /**
   * "Name: text" said by its participant, anchoring the I node it asserts through a YA node. By
   * default the person the contribution is attributed to, when it was said.
   */
  locution(text: string, iNode: string, p: ProvenanceView, speaker = p.attributedTo.name, start: string | null = p.occurredAt): void {
    const l = this.node('L', `${speaker}: ${text}`, p);
    this.link(l, this.node('YA', 'Asserting', p), iNode);
    this.doc.locutions.push({ nodeID: l, personID: this.participant(speaker), timestamp: aifTimestamp(p.recordedAt), start, end: null, source: null });
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
