import type {
  ClaimKind,
  ClaimRelation,
  EvidenceStance,
  ProofStandard,
  Verification,
} from '../../contract/question.events';
import type { ProvenanceView } from '../../contract/event-metadata';
import type { ClaimView, EvidenceView, QuestionView, VerificationStep } from '../questions/questions.projection';
import { DEFAULT_EVIDENCE_BASE_SCORES, evidenceBaseScore, type EvidenceBaseScoreTable, type Reliability } from './evidence-base-score';

/** A claim's base score: no presumption for or against what someone has put forward. */
export const CLAIM_BASE_SCORE = 0.5;

/** What the consensus needs to know of a source. */
export interface SourceFacts {
  readonly title: string | null;
  /** The source's current Admiralty reliability; null when nobody has appraised it. */
  readonly reliability: Reliability | null;
}

/** The caller's lookup of sources (the sources view); undefined for a source it does not know. */
export type SourceLookup = (sourceId: string) => SourceFacts | undefined;

export const claimArgumentId = (claimId: string): string => `claim:${claimId}`;
export const evidenceArgumentId = (evidenceId: string): string => `evidence:${evidenceId}`;

export interface ClaimNode {
  readonly kind: 'claim';
  readonly claimId: string;
  readonly text: string;
  readonly claimKind: ClaimKind;
  /** Who said it (the attributed author). */
  readonly author: string;
  readonly said: ProvenanceView;
  readonly stances: ClaimView['stances'];
}

export interface EvidenceNode {
  readonly kind: 'evidence';
  readonly evidenceId: string;
  /** The claim it bears on. */
  readonly claimId: string;
  readonly sourceId: string;
  readonly sourceTitle: string | null;
  readonly reliability: Reliability | null;
  readonly stance: EvidenceStance;
  readonly locator: string | null;
  readonly verification: Verification;
  /** The raise that made it examined or transcribed (null while it is only cited). */
  readonly verifiedBy: VerificationStep | null;
  /** Its weight were it examined: what examining a cited reference would give it. */
  readonly weightIfExamined: number;
  /** Whether its source carries a judged reliability (A–E): `F` and none are "cannot be judged". */
  readonly appraised: boolean;
  /**
   * False when the same source is attached to the same claim, with the same stance, by a stronger
   * attachment: one source counts once (its strongest attachment), and this one bears on nothing.
   */
  readonly counted: boolean;
  /** The attachment that counts instead, when this one does not. */
  readonly countedAs: string | null;
}

export type GraphNode = ClaimNode | EvidenceNode;

/** A claim as the consensus lists it, retracted ones included, in the order claims were proposed. */
export interface ClaimEntry {
  readonly id: string;
  readonly text: string;
  readonly kind: ClaimKind;
  readonly author: string;
  readonly stances: ClaimView['stances'];
  readonly retraction: { readonly by: string; readonly reason: string } | null;
}

export const edgeKey = (from: number, to: number): string => `${from}>${to}`;

const byId = (graph: QuestionGraph) => (a: number, b: number) => {
  const x = graph.ids[a]!;
  const y = graph.ids[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Inserts u into a list kept in id order (the order products are taken in), unless already there. */
function insertById(graph: QuestionGraph, list: number[], u: number): boolean {
  if (list.includes(u)) return false;
  const id = graph.ids[u]!;
  let i = list.length;
  while (i > 0 && graph.ids[list[i - 1]!]! > id) i--;
  list.splice(i, 0, u);
  return true;
}

function remove(list: number[], u: number): boolean {
  const i = list.indexOf(u);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/**
 * One question's argumentation graph, kept up to date in place: the incremental engine changes it
 * entity by entity as events touch them, the reference implementation builds it afresh
 * (`buildQuestionGraph`). Arguments live in slots numbered in the order they appeared; a retracted
 * claim or withdrawn evidence frees nothing, it only leaves (its `nodes` entry becomes undefined
 * and every edge touching it goes). Every list of contributors is kept in **id order**, so that
 * products and sums are taken in the same order however the graph was built: the two
 * implementations agree bit for bit.
 *
 * - arguments: live claims (base {@link CLAIM_BASE_SCORE}) and attached evidence on live claims
 *   (base: its weight, 0 while only cited; see `evidenceWeight`);
 * - `supports` relations and supporting evidence are supporters; `rebuts` relations and undermining
 *   evidence are attackers; `undercuts` relations are undercutters; relations from a claim to a
 *   piece of evidence likewise;
 * - `competes` relations are rivals (symmetric) and carry no strength either way;
 * - one source counts once per claim and stance: the strongest attachment (ties by evidence id) is
 *   `counted` and bears on the claim; the others stay, with no edge.
 *
 * Each change records what it touched: `touchedInputs` (arguments whose base or incoming edges
 * changed, from which the strengths downstream must be re-solved) and `touchedContent` (arguments
 * whose shown details changed: a text, stances, a verification, a source's title or appraisal, or
 * their rivals). The engine takes and clears them (`takeTouched`).
 */
export class QuestionGraph {
  readonly ids: string[] = [];
  readonly indexOf = new Map<string, number>();
  /** undefined for a slot whose argument left. */
  readonly nodes: (GraphNode | undefined)[] = [];
  readonly base: number[] = [];
  readonly attackers: number[][] = [];
  readonly supporters: number[][] = [];
  readonly undercutters: number[][] = [];
  readonly rivals: number[][] = [];
  /** successors[v]: what v attacks, supports or undercuts; the direction strength flows in. */
  readonly successors: number[][] = [];
  /** evidenceOn[v]: every attached piece of evidence on claim v (counted or not), in id order. */
  readonly evidenceOn: number[][] = [];
  /** The relations behind each edge, by `edgeKey(from, to)`, sorted. */
  readonly relations = new Map<string, ClaimRelation[]>();
  /** Every claim, retracted ones included, in the order proposed. */
  readonly claims: ClaimEntry[] = [];
  /** Every attached piece of evidence on a live claim, in the order attached (slots). */
  readonly evidenceOrder: number[] = [];
  /** How many pieces have left `evidenceOrder`: a change of it tells a reader of the order that places moved. */
  evidenceRemovals = 0;
  proofStandard: ProofStandard;
  touchedInputs = new Set<number>();
  touchedContent = new Set<number>();
  /** Claims whose entry must be redone whatever else changed (every claim `setClaim` was given, retracted ones included). */
  touchedClaims = new Set<string>();
  /** Whether something question-wide (the proof standard) changed: every entry must be redone. */
  touchedQuestion = false;

  private readonly claimPlace = new Map<string, number>();
  private readonly evidenceBySource = new Map<string, Set<string>>();
  /** Attachments grouped by claim, source and stance, for dependence. */
  private readonly groups = new Map<string, Set<number>>();

  constructor(
    readonly questionId: string,
    proofStandard: ProofStandard,
    private readonly table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
  ) {
    this.proofStandard = proofStandard;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Where claim `claimId` stands in `claims`; undefined for a claim the graph has never seen. */
  placeOf(claimId: string): number | undefined {
    return this.claimPlace.get(claimId);
  }

  /** The evidence ids of this question citing `sourceId`: what its re-appraisal touches. */
  evidenceCiting(sourceId: string): readonly string[] {
    return [...(this.evidenceBySource.get(sourceId) ?? [])];
  }

  takeTouched(): { inputs: Set<number>; content: Set<number>; claims: Set<string>; question: boolean } {
    const taken = { inputs: this.touchedInputs, content: this.touchedContent, claims: this.touchedClaims, question: this.touchedQuestion };
    this.touchedInputs = new Set();
    this.touchedContent = new Set();
    this.touchedClaims = new Set();
    this.touchedQuestion = false;
    return taken;
  }

  setProofStandard(proofStandard: ProofStandard): void {
    if (proofStandard === this.proofStandard) return;
    this.proofStandard = proofStandard;
    this.touchedQuestion = true;
  }

  /** Makes the claim's argument match the view: added, changed, or gone when retracted. */
  setClaim(claim: ClaimView): void {
    const entry: ClaimEntry = {
      id: claim.id,
      text: claim.text,
      kind: claim.kind,
      author: claim.provenance.attributedTo.name,
      stances: claim.stances,
      retraction: claim.retraction ? { by: claim.retraction.provenance.attributedTo.name, reason: claim.retraction.reason } : null,
    };
    this.touchedClaims.add(claim.id);
    const place = this.claimPlace.get(claim.id);
    if (place === undefined) {
      this.claimPlace.set(claim.id, this.claims.length);
      this.claims.push(entry);
    } else this.claims[place] = entry;

    const id = claimArgumentId(claim.id);
    const v = this.indexOf.get(id);
    if (claim.status !== 'live') {
      if (v !== undefined) this.leave(v);
      return;
    }
    const node: ClaimNode = {
      kind: 'claim',
      claimId: claim.id,
      text: claim.text,
      claimKind: claim.kind,
      author: entry.author,
      said: claim.provenance,
      stances: claim.stances,
    };
    if (v === undefined) {
      this.add(id, node, CLAIM_BASE_SCORE);
      return;
    }
    const before = this.nodes[v] as ClaimNode;
    if (before.text !== node.text || before.stances !== node.stances || before.author !== node.author) {
      this.nodes[v] = node;
      this.touchedContent.add(v);
    }
  }

  /** Makes the evidence's argument match the view and the source as `sourceOf` gives it now. */
  setEvidence(evidence: EvidenceView, sourceOf: SourceLookup): void {
    const id = evidenceArgumentId(evidence.id);
    const v = this.indexOf.get(id);
    const claim = this.indexOf.get(claimArgumentId(evidence.claimId));
    if (evidence.status !== 'attached' || claim === undefined) {
      if (v !== undefined) this.leave(v);
      return;
    }
    const source = sourceOf(evidence.sourceId);
    const reliability = source?.reliability ?? null;
    const weight = evidenceWeight(evidence.verification, reliability, evidence.credibility, this.table);
    let raised: VerificationStep | null = null;
    if (evidence.verification !== 'cited') {
      for (let i = evidence.verifications.length - 1; i >= 0; i--) {
        if (evidence.verifications[i]!.verification !== 'cited') {
          raised = evidence.verifications[i]!;
          break;
        }
      }
    }
    const node: EvidenceNode = {
      kind: 'evidence',
      evidenceId: evidence.id,
      claimId: evidence.claimId,
      sourceId: evidence.sourceId,
      sourceTitle: source?.title ?? null,
      reliability,
      stance: evidence.stance,
      locator: evidence.locator,
      verification: evidence.verification,
      verifiedBy: raised,
      weightIfExamined: evidenceWeight('examined', reliability, evidence.credibility, this.table),
      appraised: reliability !== null && reliability !== 'F',
      counted: true,
      countedAs: null,
    };
    const group = `${evidence.claimId}\u0000${evidence.sourceId}\u0000${evidence.stance}`;
    if (v === undefined) {
      const u = this.add(id, node, weight);
      this.evidenceOrder.push(u);
      insertById(this, this.evidenceOn[claim]!, u);
      let sources = this.evidenceBySource.get(evidence.sourceId);
      if (!sources) this.evidenceBySource.set(evidence.sourceId, (sources = new Set()));
      sources.add(evidence.id);
      let members = this.groups.get(group);
      if (!members) this.groups.set(group, (members = new Set()));
      members.add(u);
    } else {
      const before = this.nodes[v] as EvidenceNode;
      this.nodes[v] = { ...node, counted: before.counted, countedAs: before.countedAs };
      if (this.base[v] !== weight) {
        this.base[v] = weight;
        this.touchedInputs.add(v);
      }
      if (!sameEvidenceContent(before, node)) this.touchedContent.add(v);
    }
    this.recount(group, claim);
  }

  /** A relation from a claim to a claim (or, with `toEvidence`, to a piece of evidence). */
  relate(fromClaimId: string, relation: ClaimRelation, to: { claimId: string } | { evidenceId: string }): void {
    const from = this.indexOf.get(claimArgumentId(fromClaimId));
    const target = this.indexOf.get('claimId' in to ? claimArgumentId(to.claimId) : evidenceArgumentId(to.evidenceId));
    if (from === undefined || target === undefined || from === target) return;
    if (relation === 'competes') {
      // Symmetric: stored once whichever way it was stated.
      if (this.relations.get(edgeKey(target, from))?.includes('competes')) return;
      if (!this.addKind(from, target, 'competes')) return;
      insertById(this, this.rivals[target]!, from);
      insertById(this, this.rivals[from]!, target);
      this.touchedContent.add(from).add(target);
      return;
    }
    if (!this.addKind(from, target, relation)) return;
    const list = relation === 'supports' ? this.supporters : relation === 'rebuts' ? this.attackers : this.undercutters;
    insertById(this, list[target]!, from);
    if (!this.successors[from]!.includes(target)) this.successors[from]!.push(target);
    this.touchedInputs.add(target);
  }

  private addKind(from: number, to: number, relation: ClaimRelation): boolean {
    const key = edgeKey(from, to);
    const kinds = this.relations.get(key);
    if (kinds?.includes(relation)) return false;
    if (kinds) {
      kinds.push(relation);
      kinds.sort();
    } else this.relations.set(key, [relation]);
    return true;
  }

  private add(id: string, node: GraphNode, base: number): number {
    const v = this.ids.length;
    this.ids.push(id);
    this.indexOf.set(id, v);
    this.nodes.push(node);
    this.base.push(base);
    for (const lists of [this.attackers, this.supporters, this.undercutters, this.rivals, this.successors, this.evidenceOn]) lists.push([]);
    this.touchedInputs.add(v);
    return v;
  }

  /** Takes argument v out: every edge from or to it, its evidence (for a claim), its rivalries. */
  private leave(v: number): void {
    const node = this.nodes[v];
    if (!node) return;
    this.nodes[v] = undefined;
    this.indexOf.delete(this.ids[v]!);
    this.touchedInputs.add(v);
    for (const w of this.successors[v]!) {
      remove(this.attackers[w]!, v);
      remove(this.supporters[w]!, v);
      remove(this.undercutters[w]!, v);
      this.relations.delete(edgeKey(v, w));
      this.touchedInputs.add(w);
    }
    this.successors[v] = [];
    for (const list of [this.attackers[v]!, this.supporters[v]!, this.undercutters[v]!]) {
      for (const u of list) {
        remove(this.successors[u]!, v);
        this.relations.delete(edgeKey(u, v));
      }
    }
    this.attackers[v] = [];
    this.supporters[v] = [];
    this.undercutters[v] = [];
    for (const r of this.rivals[v]!) {
      remove(this.rivals[r]!, v);
      this.relations.delete(edgeKey(v, r));
      this.relations.delete(edgeKey(r, v));
      this.touchedContent.add(r);
    }
    this.rivals[v] = [];
    if (node.kind === 'claim') {
      for (const e of [...this.evidenceOn[v]!]) this.leave(e);
      this.evidenceOn[v] = [];
    } else {
      const claim = this.indexOf.get(claimArgumentId(node.claimId));
      if (claim !== undefined) {
        remove(this.evidenceOn[claim]!, v);
        this.touchedContent.add(claim);
      }
      if (remove(this.evidenceOrder, v)) this.evidenceRemovals++;
      this.evidenceBySource.get(node.sourceId)?.delete(node.evidenceId);
      const group = `${node.claimId}\u0000${node.sourceId}\u0000${node.stance}`;
      this.groups.get(group)?.delete(v);
      if (claim !== undefined) this.recount(group, claim);
    }
  }

  /** Dependence: the strongest attachment of a group counts (ties by id) and bears on the claim; the others do not. */
  private recount(group: string, claim: number): void {
    const members = this.groups.get(group);
    if (!members || members.size === 0) return;
    let best = -1;
    for (const u of members) {
      if (best < 0 || this.base[u]! > this.base[best]! || (this.base[u] === this.base[best] && this.ids[u]! < this.ids[best]!)) best = u;
    }
    const bestId = (this.nodes[best] as EvidenceNode).evidenceId;
    for (const u of members) {
      const node = this.nodes[u] as EvidenceNode;
      const counted = u === best;
      const list = node.stance === 'supports' ? this.supporters : this.attackers;
      if (counted) {
        if (insertById(this, list[claim]!, u)) {
          this.successors[u]!.push(claim);
          this.touchedInputs.add(claim);
        }
      } else if (remove(list[claim]!, u)) {
        remove(this.successors[u]!, claim);
        this.touchedInputs.add(claim);
      }
      const countedAs = counted ? null : bestId;
      if (node.counted !== counted || node.countedAs !== countedAs) {
        this.nodes[u] = { ...node, counted, countedAs };
        this.touchedContent.add(u);
      }
    }
  }
}

function sameEvidenceContent(a: EvidenceNode, b: EvidenceNode): boolean {
  return (
    a.verification === b.verification &&
    a.verifiedBy === b.verifiedBy &&
    a.sourceTitle === b.sourceTitle &&
    a.reliability === b.reliability &&
    a.locator === b.locator &&
    a.weightIfExamined === b.weightIfExamined &&
    a.appraised === b.appraised
  );
}

/** The weight of a piece of evidence: 0 while only cited (a lead, no weight for or against), else by its appraisal. */
export function evidenceWeight(
  verification: Verification,
  reliability: Reliability | null,
  credibility: Parameters<typeof evidenceBaseScore>[1],
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): number {
  return verification === 'cited' ? 0 : evidenceBaseScore(reliability, credibility, table);
}

/** Builds the graph of `question` as the view holds it now, everything in it touched. */
export function buildQuestionGraph(
  question: QuestionView,
  sourceOf: SourceLookup,
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): QuestionGraph {
  const graph = new QuestionGraph(question.id, question.proofStandard, table);
  for (const claim of question.claims.values()) graph.setClaim(claim);
  for (const evidence of question.evidence.values()) graph.setEvidence(evidence, sourceOf);
  for (const r of question.relations) graph.relate(r.fromClaimId, r.relation, { claimId: r.toClaimId });
  for (const r of question.evidenceRelations) graph.relate(r.fromClaimId, r.relation, { evidenceId: r.toEvidenceId });
  // Everything is touched: the first refresh solves it all.
  return graph;
}

/** Sorts argument indices by id: the order every iteration that must not depend on slots uses. */
export function sortById(graph: QuestionGraph, list: number[]): number[] {
  return list.sort(byId(graph));
}
