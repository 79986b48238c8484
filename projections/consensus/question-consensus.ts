import type { QuestionView } from '../questions/questions.projection';
import { nameClaim, readClaim } from './claim-reading';
import { DEFAULT_EVIDENCE_BASE_SCORES, checkBaseScoreTable, type EvidenceBaseScoreTable } from './evidence-base-score';
import { ConsensusInputError, describeValue } from './errors';
import { labelClaim, type ClaimStanding } from './labels';
import { readOptions } from './options';
import { atLeast, checkProofStandards, DEFAULT_PROOF_STANDARDS, type ProofStandardTable, type ProofThresholds } from './proof-standards';
import type {
  ClaimConsensus,
  EvidenceConsensus,
  Ground,
  Lead,
  Opponent,
  QuestionConsensus,
  QuestionConsensusSettings,
} from './question-consensus-types';
import { buildQuestionGraph, claimArgumentId, type ClaimEntry, type EvidenceNode, type QuestionGraph, type SourceLookup } from './question-graph';
import { DEFAULT_SEMANTICS, SEMANTICS } from './options';
import type { CycleOutcome } from './cycle-solver';
import type { GroundedStatus, Semantics } from './types';
import { standRegion, type Standing } from './question-standing';
import { checkResolution } from './question-status';
import { StatusTally } from './status-tally';
import { convergence, downstreamOf, runSteps, solveRegionSteps, solveRegionWith } from './question-strengths';
import { evaluateGrounded } from './question-semantics';
import { tallyStances } from './stances';
import { whatWouldChange } from './what-would-change';

/** Settings with defaults filled in and checked. */
export interface ResolvedSettings {
  readonly semantics: Semantics;
  readonly table: EvidenceBaseScoreTable;
  readonly proofStandards: ProofStandardTable;
  readonly tolerance: number;
  readonly maxIterations: number;
}

/** @throws ConsensusInputError naming the offending setting. */
export function resolveSettings(settings: QuestionConsensusSettings = {}): ResolvedSettings {
  const semantics = settings.semantics ?? DEFAULT_SEMANTICS;
  if (!SEMANTICS.includes(semantics)) {
    throw new ConsensusInputError('semantics', `must be one of ${SEMANTICS.join(', ')}, got ${describeValue(semantics)}`);
  }
  const table = settings.baseScores ?? DEFAULT_EVIDENCE_BASE_SCORES;
  checkBaseScoreTable(table);
  // A configured table may change some standards only; the others keep their defaults.
  const proofStandards: ProofStandardTable = settings.proofStandards ? { ...DEFAULT_PROOF_STANDARDS, ...settings.proofStandards } : DEFAULT_PROOF_STANDARDS;
  checkProofStandards(proofStandards);
  const { tolerance, maxIterations } = readOptions(settings);
  return { semantics, table, proofStandards, tolerance, maxIterations };
}

/**
 * Everything computed for one question: the graph, the strengths, where every argument stands, the
 * consensus made of them, and what it takes to bring them up to date after a change (`refreshSteps`).
 * Explanations (`explainClaim`) are computed from it per claim when asked.
 */
export interface ConsensusSolution {
  readonly settings: ResolvedSettings;
  readonly graph: QuestionGraph;
  readonly strength: Float64Array;
  /** Grounded strengths (`evaluateGrounded`): how far examined evidence alone carries each argument. */
  readonly groundedStrength: Float64Array;
  readonly standing: Standing;
  readonly consensus: QuestionConsensus;
}

/**
 * How much each claim's entry holds: `full`, everything a reader is shown; `labels`, only what the
 * changes between two results compare and the status reads (label, strengths, standing, rivals,
 * counts, stances), with no reading, grounds, opponents, leads or what would change it (empty). A
 * timeline's fold, which keeps only those changes, skips the text it would throw away.
 */
export type ClaimDetail = 'full' | 'labels';

/** What changed in a graph since it was last solved (`QuestionGraph.takeTouched`). */
export interface GraphChanges {
  readonly inputs: ReadonlySet<number>;
  readonly content: ReadonlySet<number>;
  readonly claims: ReadonlySet<string>;
  readonly question: boolean;
}

/**
 * A question's consensus kept with everything it was computed from, brought up to date in place.
 * The reference implementation solves a freshly built graph with everything touched; the incremental
 * engine changes its graph entity by entity and passes what that touched. Both go through
 * {@link refreshSteps}: re-solve the strengths and standing of the region downstream of what changed,
 * then redo the entries of the claims that read anything that changed.
 */
export class QuestionSolution implements ConsensusSolution {
  strength = new Float64Array(0);
  groundedStrength = new Float64Array(0);
  readonly standing: { support: Float64Array; defeaters: number[][]; status: GroundedStatus[]; grounded: Uint8Array } = {
    support: new Float64Array(0),
    defeaters: [],
    status: [],
    grounded: new Uint8Array(0),
  };
  private readonly cycles = new Map<string, CycleOutcome>();
  private readonly groundedCycles = new Map<string, CycleOutcome>();
  private claimEntries: ClaimConsensus[] = [];
  private tally = new StatusTally();
  /** Evidence entries by slot (a dense array: `grow` keeps it as long as the graph, holes filled with undefined). */
  private evidenceEntries: (EvidenceConsensus | undefined)[] = [];
  /** The evidence entries in `graph.evidenceOrder`, and where each slot stands in it (-1: nowhere). */
  private evidenceInOrder: EvidenceConsensus[] = [];
  private evidencePlace = new Int32Array(0);
  /** `graph.evidenceRemovals` when `evidenceInOrder` was last made to match the order. */
  private evidenceRemovalsSeen = -1;
  private current: QuestionConsensus | undefined;
  /** The places of the claims whose entries the last refresh redid, ascending; null when it redid every one. */
  lastRedone: readonly number[] | null = null;

  constructor(
    readonly settings: ResolvedSettings,
    readonly graph: QuestionGraph,
    readonly detail: ClaimDetail = 'full',
  ) {}

  get consensus(): QuestionConsensus {
    if (!this.current) throw new Error('the consensus has not been computed yet');
    return this.current;
  }

  /** The arguments the last refresh re-solved: what it cost. */
  lastRegion: readonly number[] = [];

  *refreshSteps(changes: GraphChanges, resolution: QuestionView['resolution']): Generator<number, QuestionConsensus, void> {
    const { graph, settings } = this;
    this.grow(graph.size);
    for (const v of changes.inputs) {
      if (graph.nodes[v]) continue;
      this.cycles.delete(graph.ids[v]!);
      this.groundedCycles.delete(graph.ids[v]!);
    }
    const region = downstreamOf(graph, changes.inputs);
    const before = region.map((v) => [this.strength[v], this.standing.support[v], this.standing.status[v], this.standing.grounded[v], this.groundedStrength[v]] as const);
    yield* solveRegionSteps(graph, settings.semantics, settings, this.strength, region, this.cycles);
    standRegion(graph, this.strength, this.standing, region);
    const carries = (u: number) => this.standing.grounded[u] === 1 && this.standing.status[u] !== 'out';
    yield* solveRegionWith(
      graph,
      settings,
      this.groundedStrength,
      region,
      this.groundedCycles,
      (v, values) => evaluateGrounded(graph, settings.semantics, this.strength, values, carries, v),
      (v) => graph.base[v]!,
    );
    this.lastRegion = region;

    // What changed in anything an entry shows, and so which entries to redo.
    const changed = new Set<number>([...changes.inputs, ...changes.content]);
    region.forEach((v, i) => {
      const [strength, support, status, grounded, groundedStrength] = before[i]!;
      if (
        !Object.is(strength, this.strength[v]) ||
        !Object.is(support, this.standing.support[v]) ||
        status !== this.standing.status[v] ||
        grounded !== this.standing.grounded[v] ||
        !Object.is(groundedStrength, this.groundedStrength[v])
      ) {
        changed.add(v);
      }
    });
    const all = changes.question || this.current === undefined;
    const dirtyClaims = new Set<string>(changes.claims);
    const claimOf = (v: number): string | undefined => {
      const node = graph.nodes[v];
      if (node) return node.claimId;
      const id = graph.ids[v]!;
      return id.startsWith('claim:') ? id.slice('claim:'.length) : undefined;
    };
    if (!all) {
      for (const x of changed) {
        const own = claimOf(x);
        if (own !== undefined) dirtyClaims.add(own);
        for (const w of graph.successors[x]!) dirtyClaims.add(claimOf(w)!);
        for (const r of graph.rivals[x]!) dirtyClaims.add(claimOf(r)!);
      }
    }

    const thresholds = settings.proofStandards[graph.proofStandard];
    const entry = (place: number) => claimEntry(graph, this, thresholds, settings.semantics, graph.claims[place]!, this.detail);
    // The entries: the earlier ones kept, the dirty ones redone, the new ones added, each replacement
    // counted in the status tally. The list handed out is a copy (readers and `changesSince` keep
    // earlier results, which must not change under them): O(claims) of pointer copying, no more.
    const redone: number[] = [];
    const tally = all ? new StatusTally() : this.tally;
    const entries = all ? [] : this.claimEntries;
    const replace = (place: number) => {
      const before = all ? undefined : entries[place];
      const after = entry(place);
      entries[place] = after;
      tally.replace(before, after);
      redone.push(place);
    };
    if (all) for (let place = 0; place < graph.claims.length; place++) replace(place);
    else {
      const known = entries.length;
      for (const id of dirtyClaims) {
        const place = graph.placeOf(id);
        if (place !== undefined && place < known) replace(place);
      }
      for (let place = known; place < graph.claims.length; place++) replace(place);
    }
    this.claimEntries = entries;
    this.tally = tally;
    this.lastRedone = all ? null : redone.sort((a, b) => a - b);
    const claims = entries.slice();

    for (const x of all ? graph.evidenceOrder : changed) {
      const node = graph.nodes[x];
      this.evidenceEntries[x] = node?.kind === 'evidence' ? evidenceEntry(graph, this.strength, this.standing, x) : undefined;
    }
    const evidence = this.evidenceList(all, changed);
    const entryOf = (id: string) => {
      const place = graph.placeOf(id);
      return place === undefined ? undefined : claims[place];
    };
    const status = tally.status;
    const corroborated = resolution === null ? [] : [...tally.corroboratedAnswers()].map((id) => graph.placeOf(id)!).sort((a, b) => a - b).map((place) => claims[place]!);
    this.current = {
      questionId: graph.questionId,
      status,
      proofStandard: graph.proofStandard,
      thresholds,
      semantics: settings.semantics,
      resolution: checkResolution(resolution, claims, status, entryOf, corroborated),
      claims,
      evidence,
      ...convergence(this.cycles, this.groundedCycles),
    };
    return this.current;
  }

  /**
   * The evidence entries in the graph's order, as a new array: patched where `changed` touched them
   * and extended with new pieces, rebuilt in full only when the order itself changed (a piece left).
   */
  private evidenceList(all: boolean, changed: ReadonlySet<number>): EvidenceConsensus[] {
    const { graph } = this;
    const order = graph.evidenceOrder;
    const list = this.evidenceInOrder;
    if (all || this.evidenceRemovalsSeen !== graph.evidenceRemovals) {
      this.evidencePlace.fill(-1);
      list.length = 0;
      this.evidenceRemovalsSeen = graph.evidenceRemovals;
    } else {
      for (const x of changed) {
        const place = this.evidencePlace[x]!;
        if (place >= 0 && place < list.length) list[place] = this.evidenceEntries[x]!;
      }
    }
    for (let place = list.length; place < order.length; place++) {
      const x = order[place]!;
      this.evidencePlace[x] = place;
      list.push(this.evidenceEntries[x]!);
    }
    return list.slice();
  }

  private grow(size: number): void {
    for (let v = this.evidenceEntries.length; v < size; v++) this.evidenceEntries.push(undefined);
    if (this.strength.length >= size) return;
    const capacity = Math.max(size, this.strength.length * 2, 16);
    const strength = new Float64Array(capacity);
    strength.set(this.strength);
    this.strength = strength;
    const groundedStrength = new Float64Array(capacity);
    groundedStrength.set(this.groundedStrength);
    this.groundedStrength = groundedStrength;
    const support = new Float64Array(capacity);
    support.set(this.standing.support);
    this.standing.support = support;
    const grounded = new Uint8Array(capacity);
    grounded.set(this.standing.grounded);
    this.standing.grounded = grounded;
    const evidencePlace = new Int32Array(capacity).fill(-1);
    evidencePlace.set(this.evidencePlace);
    this.evidencePlace = evidencePlace;
  }
}

/**
 * The reference implementation: the question's consensus computed from scratch, at once, from a
 * graph built afresh from the view. The incremental engine (`QuestionConsensusEngine`) must give
 * the same result, bit for bit.
 */
export function computeQuestionConsensus(
  question: QuestionView,
  sourceOf: SourceLookup,
  settings?: QuestionConsensusSettings,
): QuestionConsensus {
  return runSteps(consensusSteps(question, sourceOf, resolveSettings(settings))).consensus;
}

/** {@link computeQuestionConsensus} in steps, keeping the solution (for explanations). */
export function* consensusSteps(question: QuestionView, sourceOf: SourceLookup, settings: ResolvedSettings): Generator<number, QuestionSolution, void> {
  const graph = buildQuestionGraph(question, sourceOf, settings.table);
  const solution = new QuestionSolution(settings, graph);
  yield* solution.refreshSteps(graph.takeTouched(), question.resolution);
  return solution;
}

function evidenceEntry(graph: QuestionGraph, strength: Float64Array, standing: Standing, v: number): EvidenceConsensus {
  const node = graph.nodes[v] as EvidenceNode;
  return {
    id: node.evidenceId,
    claimId: node.claimId,
    sourceId: node.sourceId,
    sourceTitle: node.sourceTitle,
    stance: node.stance,
    locator: node.locator,
    verification: node.verification,
    weight: graph.base[v]!,
    strength: strength[v]!,
    status: standing.status[v]!,
    counted: node.counted,
    countedAs: node.countedAs,
  };
}

/** What a claim's entry reads, besides the graph. */
export interface SolvedValues {
  readonly strength: Float64Array;
  readonly groundedStrength: Float64Array;
  readonly standing: Standing;
}

function claimEntry(graph: QuestionGraph, values: SolvedValues, thresholds: ProofThresholds, semantics: Semantics, entry: ClaimEntry, detail: ClaimDetail): ClaimConsensus {
  const about = { id: entry.id, text: entry.text, kind: entry.kind, author: entry.author };
  const stances = tallyStances(entry.stances);
  const v = graph.indexOf.get(claimArgumentId(entry.id));
  if (v !== undefined) return claimConsensus(graph, values, thresholds, semantics, v, about, stances, detail);
  // The fields of `about` one by one, never spread (`{ ...about }`): see claimConsensus.
  return {
    id: about.id,
    text: about.text,
    kind: about.kind,
    author: about.author,
    label: 'retracted',
    contestedBecause: null,
    reading: detail === 'labels' ? '' : readClaim({ text: about.text, author: about.author, label: 'retracted', contestedBecause: null, strength: null, accept: thresholds.accept, proofStandard: graph.proofStandard, grounds: [], against: [], leads: [], supportingClaims: [], closeRivals: [], retraction: entry.retraction }),
    strength: null,
    groundedStrength: null,
    base: null,
    support: null,
    status: null,
    grounded: false,
    grounds: [],
    against: [],
    leads: [],
    rivals: [],
    wouldChange: [],
    counts: { supporters: 0, attackers: 0, undercutters: 0 },
    stances,
  };
}

/** The label standing of live claim v. */
function claimStanding(graph: QuestionGraph, { strength, groundedStrength, standing }: SolvedValues, v: number): ClaimStanding {
  // Rivals are told apart by what the record grounds, not by how many assertions back each.
  let strongestRival: number | null = null;
  for (const r of graph.rivals[v]!) strongestRival = Math.max(strongestRival ?? 0, groundedStrength[r]!);
  return {
    strength: strength[v]!,
    groundedStrength: groundedStrength[v]!,
    hasRivals: graph.rivals[v]!.length > 0,
    status: standing.status[v]!,
    grounded: standing.grounded[v] === 1,
    hasAttackers: graph.attackers[v]!.length > 0,
    hasSupporters: graph.supporters[v]!.length > 0,
    strongestRival,
    defeatedByGroundedIn: standing.defeaters[v]!.some((b) => standing.status[b] === 'in' && standing.grounded[b] === 1),
  };
}

function claimConsensus(
  graph: QuestionGraph,
  values: SolvedValues,
  thresholds: ProofThresholds,
  semantics: Semantics,
  v: number,
  about: Pick<ClaimConsensus, 'id' | 'text' | 'kind' | 'author'>,
  stances: ClaimConsensus['stances'],
  detail: ClaimDetail,
): ClaimConsensus {
  const { strength, groundedStrength, standing } = values;
  const facts = claimStanding(graph, values, v);
  const { label, contestedBecause } = labelClaim(facts, thresholds);
  const rivals = graph.rivals[v]!.map((r) => ({ claimId: claimIdAt(graph, r), strength: strength[r]!, groundedStrength: groundedStrength[r]! }));
  // A brief entry (`labels`) leaves out what explains the label; it keeps the rivals, which the status tally reads.
  const full = detail === 'full';
  const grounds = full ? groundsOf(graph, standing, v) : [];
  const against = full ? opponentsOf(graph, strength, standing, v) : [];
  const leads = full ? leadsOf(graph, v) : [];
  const reading = full ? readingOf(graph, values, thresholds, v, about, label, contestedBecause, grounds, against, leads) : '';
  // The fields of `about` one by one: an object literal that spreads another (`{ ...about, label, … }`)
  // took V8 about 25 µs and kept several KB per entry here (a new map for each, measured on the
  // bench's 10,000-claim question), half of what folding its timeline cost.
  return {
    id: about.id,
    text: about.text,
    kind: about.kind,
    author: about.author,
    label,
    contestedBecause,
    reading,
    strength: strength[v]!,
    groundedStrength: groundedStrength[v]!,
    base: graph.base[v]!,
    support: standing.support[v]!,
    status: standing.status[v]!,
    grounded: facts.grounded,
    grounds,
    against,
    leads,
    rivals,
    wouldChange: full ? whatWouldChange({ graph, strength, groundedStrength, standing, thresholds, semantics }, v, label, contestedBecause) : [],
    counts: { supporters: graph.supporters[v]!.length, attackers: graph.attackers[v]!.length, undercutters: graph.undercutters[v]!.length },
    stances,
  };
}

/** The claim's reading (`readClaim`): the sentence saying what its label means for it. */
function readingOf(
  graph: QuestionGraph,
  { strength, groundedStrength }: SolvedValues,
  thresholds: ProofThresholds,
  v: number,
  about: Pick<ClaimConsensus, 'text' | 'author'>,
  label: ClaimConsensus['label'],
  contestedBecause: ClaimConsensus['contestedBecause'],
  grounds: readonly Ground[],
  against: readonly Opponent[],
  leads: readonly Lead[],
): string {
  const supportingClaims = graph.supporters[v]!.filter((u) => graph.nodes[u]!.kind === 'claim').map((u) => nameClaim(textAt(graph, u)));
  // The rivals that keep it from standing out: those within the margin, or, when one is ahead, those ahead.
  const g = groundedStrength;
  const ahead = graph.rivals[v]!.filter((r) => atLeast(g[r]! - g[v]!, thresholds.rivalMargin));
  const closeRivals = (ahead.length > 0 ? ahead : graph.rivals[v]!.filter((r) => !atLeast(g[v]! - g[r]!, thresholds.rivalMargin))).map((r) => nameClaim(textAt(graph, r)));
  return readClaim({
    text: about.text,
    author: about.author,
    label,
    contestedBecause,
    strength: strength[v]!,
    groundedStrength: groundedStrength[v]!,
    accept: thresholds.accept,
    proofStandard: graph.proofStandard,
    grounds,
    against,
    leads,
    supportingClaims,
    closeRivals,
  });
}

const claimIdAt = (graph: QuestionGraph, v: number): string => {
  const node = graph.nodes[v]!;
  return node.kind === 'claim' ? node.claimId : node.evidenceId;
};
const textAt = (graph: QuestionGraph, v: number): string => {
  const node = graph.nodes[v]!;
  return node.kind === 'claim' ? node.text : (node.sourceTitle ?? 'an untitled source');
};

/**
 * What v's grounding rests on, directly: the grounded, not-`out` evidence attached to it, then the
 * grounded, not-`out` claims that support it (each listing its own grounds in its entry). Only
 * direct supporters, so that an entry reads nothing beyond its neighbours.
 */
function groundsOf(graph: QuestionGraph, standing: Standing, v: number): Ground[] {
  if (!standing.grounded[v]) return [];
  const evidence: Ground[] = [];
  const claims: Ground[] = [];
  for (const u of graph.supporters[v]!) {
    if (!standing.grounded[u] || standing.status[u] === 'out') continue;
    const node = graph.nodes[u]!;
    if (node.kind === 'evidence') evidence.push(ground(node));
    else claims.push({ kind: 'claim', claimId: node.claimId, text: node.text });
  }
  return [...evidence, ...claims];
}

function ground(node: EvidenceNode): Ground {
  return {
    kind: 'evidence',
    evidenceId: node.evidenceId,
    sourceId: node.sourceId,
    sourceTitle: node.sourceTitle,
    locator: node.locator,
    verification: node.verification === 'transcribed' ? 'transcribed' : 'examined',
    verifiedBy: node.verifiedBy?.provenance.attributedTo.name ?? null,
    verifiedAt: node.verifiedBy?.provenance.occurredAt ?? null,
    viaClaimId: node.claimId,
  };
}

/** What attacks v (rebutting claims, undermining evidence), strongest first. */
function opponentsOf(graph: QuestionGraph, strength: Float64Array, standing: Standing, v: number): Opponent[] {
  const defeaters = new Set(standing.defeaters[v]);
  return graph.attackers[v]!
    .map((b): Opponent => {
      const node = graph.nodes[b]!;
      return {
        kind: node.kind,
        id: node.kind === 'claim' ? node.claimId : node.evidenceId,
        name: node.kind === 'claim' ? node.text : (node.sourceTitle ?? 'an untitled source'),
        strength: strength[b]!,
        defeats: defeaters.has(b),
        status: standing.status[b]!,
        grounded: standing.grounded[b] === 1,
      };
    })
    .sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : 1));
}

/** The cited, unexamined references attached to v (counted or not). */
function leadsOf(graph: QuestionGraph, v: number): Lead[] {
  const leads: Lead[] = [];
  for (const e of graph.evidenceOn[v]!) {
    const node = graph.nodes[e] as EvidenceNode;
    if (node.verification !== 'cited') continue;
    leads.push({ evidenceId: node.evidenceId, sourceId: node.sourceId, sourceTitle: node.sourceTitle, locator: node.locator, stance: node.stance });
  }
  return leads;
}
