import type {
  ClaimKind,
  ClaimRelation,
  EvidenceStance,
  ProofStandard,
  Verification,
} from '../../src/ledger/question/question.events';
import type { ProvenanceView } from '../projection';
import type { ClaimView, QuestionView, VerificationStep } from '../questions/questions.projection';
import { compareIds } from './framework';
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
  /** Who said it (the attributed author), and when. */
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

/**
 * One question's argumentation graph, numbered by argument id in code-unit order so that everything
 * computed over the numbers is the same whatever order the view lists things in. Edge lists are
 * sorted and free of duplicates; `attackers`, `supporters` and `undercutters` are incoming edges.
 *
 * - arguments: live claims (base {@link CLAIM_BASE_SCORE}) and attached evidence on live claims
 *   (base: its weight, 0 while only cited; see `evidenceWeight`);
 * - `supports` relations and supporting evidence are supporters; `rebuts` relations and undermining
 *   evidence are attackers; `undercuts` relations are undercutters;
 * - relations from a claim to a piece of evidence: `supports` / `rebuts` / `undercuts` as above;
 * - `competes` relations are rivals (symmetric) and carry no strength either way.
 */
export interface QuestionGraph {
  readonly questionId: string;
  readonly proofStandard: ProofStandard;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly nodes: readonly GraphNode[];
  readonly base: Float64Array;
  readonly attackers: readonly (readonly number[])[];
  readonly supporters: readonly (readonly number[])[];
  readonly undercutters: readonly (readonly number[])[];
  readonly rivals: readonly (readonly number[])[];
  /** successors[v]: what v attacks, supports or undercuts; the direction strength flows in. */
  readonly successors: readonly (readonly number[])[];
  /** evidenceOn[v]: every attached piece of evidence on claim v (counted or not), ascending; empty for evidence. */
  readonly evidenceOn: readonly (readonly number[])[];
  /** The relations behind each claim-to-claim or claim-to-evidence edge, by `edgeKey(from, to)`. */
  readonly relations: ReadonlyMap<string, readonly ClaimRelation[]>;
  /** Every claim of the question, retracted ones included, in the order they were proposed. */
  readonly claims: readonly ClaimView[];
}

export const edgeKey = (from: number, to: number): string => `${from}>${to}`;

export const isClaim = (node: GraphNode): node is ClaimNode => node.kind === 'claim';

/** The weight of a piece of evidence: 0 while only cited (a lead, no weight for or against), else by its appraisal. */
export function evidenceWeight(
  verification: Verification,
  reliability: Reliability | null,
  credibility: Parameters<typeof evidenceBaseScore>[1],
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): number {
  return verification === 'cited' ? 0 : evidenceBaseScore(reliability, credibility, table);
}

interface Draft {
  id: string;
  base: number;
  node: GraphNode;
}

/** Builds the graph of `question` as the view holds it now. Linear in the question's size (plus sorting). */
export function buildQuestionGraph(
  question: QuestionView,
  sourceOf: SourceLookup,
  table: EvidenceBaseScoreTable = DEFAULT_EVIDENCE_BASE_SCORES,
): QuestionGraph {
  const drafts: Draft[] = [];
  const liveClaims = new Set<string>();
  const claims: ClaimView[] = [];
  for (const claim of question.claims.values()) {
    claims.push(claim);
    if (claim.status !== 'live') continue;
    liveClaims.add(claim.id);
    drafts.push({
      id: claimArgumentId(claim.id),
      base: CLAIM_BASE_SCORE,
      node: {
        kind: 'claim',
        claimId: claim.id,
        text: claim.text,
        claimKind: claim.kind,
        author: claim.provenance.attributedTo.name,
        said: claim.provenance,
        stances: claim.stances,
      },
    });
  }

  // Evidence on live claims; one source counts once per claim and stance, by its strongest attachment.
  const strongest = new Map<string, { id: string; weight: number }>();
  const evidenceDrafts: { evidence: EvidenceNode; weight: number; group: string }[] = [];
  for (const evidence of question.evidence.values()) {
    if (evidence.status !== 'attached' || !liveClaims.has(evidence.claimId)) continue;
    const source = sourceOf(evidence.sourceId);
    const reliability = source?.reliability ?? null;
    const weight = evidenceWeight(evidence.verification, reliability, evidence.credibility, table);
    const group = `${evidence.claimId}\u0000${evidence.sourceId}\u0000${evidence.stance}`;
    const best = strongest.get(group);
    if (!best || weight > best.weight || (weight === best.weight && evidence.id < best.id)) strongest.set(group, { id: evidence.id, weight });
    const raised = [...evidence.verifications].reverse().find((step) => step.verification !== 'cited') ?? null;
    evidenceDrafts.push({
      weight,
      group,
      evidence: {
        kind: 'evidence',
        evidenceId: evidence.id,
        claimId: evidence.claimId,
        sourceId: evidence.sourceId,
        sourceTitle: source?.title ?? null,
        reliability,
        stance: evidence.stance,
        locator: evidence.locator,
        verification: evidence.verification,
        verifiedBy: evidence.verification === 'cited' ? null : raised,
        weightIfExamined: evidenceWeight('examined', reliability, evidence.credibility, table),
        appraised: reliability !== null && reliability !== 'F',
        counted: true,
        countedAs: null,
      },
    });
  }
  for (const { evidence, weight, group } of evidenceDrafts) {
    const best = strongest.get(group)!;
    const node: EvidenceNode = best.id === evidence.evidenceId ? evidence : { ...evidence, counted: false, countedAs: best.id };
    drafts.push({ id: evidenceArgumentId(evidence.evidenceId), base: weight, node });
  }

  drafts.sort((a, b) => compareIds(a.id, b.id));
  const ids = drafts.map((d) => d.id);
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const lists = () => Array.from({ length: n }, (): number[] => []);
  const attackers = lists();
  const supporters = lists();
  const undercutters = lists();
  const rivals = lists();
  const relations = new Map<string, ClaimRelation[]>();
  const addEdge = (from: number, to: number, relation: ClaimRelation) => {
    const key = edgeKey(from, to);
    const kinds = relations.get(key);
    if (kinds?.includes(relation)) return;
    if (kinds) kinds.push(relation);
    else relations.set(key, [relation]);
    if (relation === 'competes') {
      rivals[to]!.push(from);
      rivals[from]!.push(to);
    } else (relation === 'supports' ? supporters : relation === 'rebuts' ? attackers : undercutters)[to]!.push(from);
  };

  for (const relation of question.relations) {
    const from = indexOf.get(claimArgumentId(relation.fromClaimId));
    const to = indexOf.get(claimArgumentId(relation.toClaimId));
    if (from === undefined || to === undefined || from === to) continue;
    // A rivalry is symmetric: stored once whichever way it was stated.
    if (relation.relation === 'competes' && relations.get(edgeKey(to, from))?.includes('competes')) continue;
    addEdge(from, to, relation.relation);
  }
  for (const relation of question.evidenceRelations) {
    const from = indexOf.get(claimArgumentId(relation.fromClaimId));
    const to = indexOf.get(evidenceArgumentId(relation.toEvidenceId));
    if (from === undefined || to === undefined) continue;
    addEdge(from, to, relation.relation);
  }
  const evidenceOn = lists();
  drafts.forEach((draft, v) => {
    const node = draft.node;
    if (node.kind !== 'evidence') return;
    const claim = indexOf.get(claimArgumentId(node.claimId))!;
    evidenceOn[claim]!.push(v);
    if (node.counted) (node.stance === 'supports' ? supporters : attackers)[claim]!.push(v);
  });

  const successors = lists();
  for (let v = 0; v < n; v++) {
    for (const list of [attackers, supporters, undercutters]) list[v]!.sort((a, b) => a - b);
    rivals[v]!.sort((a, b) => a - b);
    for (const u of new Set([...attackers[v]!, ...supporters[v]!, ...undercutters[v]!])) successors[u]!.push(v);
  }
  for (const list of successors) list.sort((a, b) => a - b);
  for (const kinds of relations.values()) kinds.sort();

  return {
    questionId: question.id,
    proofStandard: question.proofStandard,
    ids,
    indexOf,
    nodes: drafts.map((d) => d.node),
    base: Float64Array.from(drafts, (d) => d.base),
    attackers,
    supporters,
    undercutters,
    rivals,
    successors,
    evidenceOn,
    relations,
    claims,
  };
}

/** Whether two lists of argument indices, each in its own graph, name the same arguments in the same order. */
export function sameArguments(graph: QuestionGraph, list: readonly number[], other: QuestionGraph, otherList: readonly number[]): boolean {
  if (list.length !== otherList.length) return false;
  for (let i = 0; i < list.length; i++) if (graph.ids[list[i]!] !== other.ids[otherList[i]!]) return false;
  return true;
}

/**
 * Whether argument v of `graph` has the same direct inputs to its strength as argument w of `other`:
 * the same base and the same attackers, supporters and undercutters (by id). Where this holds for an
 * argument and all its ancestors, its strength is the same in both graphs: the incremental engine
 * re-solves only what differs and lies downstream.
 */
export function sameStrengthInputs(graph: QuestionGraph, v: number, other: QuestionGraph, w: number): boolean {
  return (
    graph.base[v] === other.base[w] &&
    sameArguments(graph, graph.attackers[v]!, other, other.attackers[w]!) &&
    sameArguments(graph, graph.supporters[v]!, other, other.supporters[w]!) &&
    sameArguments(graph, graph.undercutters[v]!, other, other.undercutters[w]!)
  );
}

/** Whether two nodes say the same to a reader: text, author, stances; or a document's every shown detail. */
export function sameNode(a: GraphNode, b: GraphNode): boolean {
  if (a.kind === 'claim') {
    return b.kind === 'claim' && a.text === b.text && a.claimKind === b.claimKind && a.author === b.author && a.stances === b.stances;
  }
  return (
    b.kind === 'evidence' &&
    a.claimId === b.claimId &&
    a.verification === b.verification &&
    a.verifiedBy === b.verifiedBy &&
    a.sourceTitle === b.sourceTitle &&
    a.reliability === b.reliability &&
    a.locator === b.locator &&
    a.stance === b.stance &&
    a.counted === b.counted &&
    a.countedAs === b.countedAs &&
    a.weightIfExamined === b.weightIfExamined &&
    a.appraised === b.appraised
  );
}
