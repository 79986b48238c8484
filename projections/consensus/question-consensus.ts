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
import { buildQuestionGraph, claimArgumentId, type EvidenceNode, type QuestionGraph, type SourceLookup } from './question-graph';
import { DEFAULT_SEMANTICS, SEMANTICS } from './options';
import type { Semantics } from './types';
import { standingOf, type Standing } from './question-standing';
import { checkResolution, questionStatus } from './question-status';
import { convergence, runSteps, solveStrengthSteps, type StrengthSolution } from './question-strengths';
import { tallyStances } from './stances';
import { changedArguments, claimUnchanged } from './unchanged-claims';
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
 * Everything computed for one question at one moment: the graph, the strengths, where every argument
 * stands, and the consensus made of them. Explanations (`explainClaim`) are computed from it per claim
 * when asked.
 */
export interface ConsensusSolution {
  readonly settings: ResolvedSettings;
  readonly question: Pick<QuestionView, 'id' | 'resolution' | 'proofStandard'>;
  readonly graph: QuestionGraph;
  readonly strengths: StrengthSolution;
  readonly standing: Standing;
  readonly consensus: QuestionConsensus;
}

/**
 * The consensus of `question` as the view holds it now, step by step (see `solveStrengthSteps`):
 * build the graph, solve the strengths (only downstream of what changed when `previous` is given),
 * then, in linear passes over the whole graph, defeats, their grounded labelling, grounding, labels,
 * the question's status and the resolution check. The graph is built before the first yield, so the
 * result is the question as it stood when the computation began, whatever happens to the view meanwhile.
 */
export function* consensusSteps(
  question: QuestionView,
  sourceOf: SourceLookup,
  settings: ResolvedSettings,
  previous?: ConsensusSolution,
): Generator<number, ConsensusSolution, void> {
  const graph = buildQuestionGraph(question, sourceOf, settings.table);
  const resolution = question.resolution;
  const reuse = previous && previous.settings === settings && previous.question.id === question.id ? previous.strengths : undefined;
  const strengths = yield* solveStrengthSteps({ graph, semantics: settings.semantics, settings, previous: reuse });
  const standing = standingOf(graph, strengths.strength);
  // Entries of claims nothing has touched are carried over: the same objects, as they would be recomputed.
  const earlier = reuse && previous!.graph.proofStandard === graph.proofStandard ? previous : undefined;
  const consensus = assemble(graph, strengths, standing, settings, resolution, earlier);
  return { settings, question: { id: question.id, resolution, proofStandard: question.proofStandard }, graph, strengths, standing, consensus };
}

/**
 * The reference implementation: the question's consensus computed from scratch, at once. The
 * incremental engine (`QuestionConsensusEngine`) must give the same result, bit for bit.
 */
export function computeQuestionConsensus(
  question: QuestionView,
  sourceOf: SourceLookup,
  settings?: QuestionConsensusSettings,
): QuestionConsensus {
  return runSteps(consensusSteps(question, sourceOf, resolveSettings(settings))).consensus;
}

function assemble(
  graph: QuestionGraph,
  strengths: StrengthSolution,
  standing: Standing,
  settings: ResolvedSettings,
  resolution: QuestionView['resolution'],
  earlier?: ConsensusSolution,
): QuestionConsensus {
  const thresholds = settings.proofStandards[graph.proofStandard];
  const changed = earlier ? changedArguments(graph, strengths.strength, standing, { graph: earlier.graph, strength: earlier.strengths.strength, standing: earlier.standing }) : undefined;
  const earlierClaims = earlier ? new Map(earlier.consensus.claims.map((c) => [c.id, c])) : undefined;
  const earlierEvidence = earlier ? new Map(earlier.consensus.evidence.map((e) => [e.id, e])) : undefined;
  const claims: ClaimConsensus[] = graph.claims.map((claim) => {
    const v = graph.indexOf.get(claimArgumentId(claim.id));
    if (v !== undefined && changed && claimUnchanged(graph, standing, changed, v)) {
      const kept = earlierClaims!.get(claim.id);
      if (kept) return kept;
    }
    const stances = tallyStances(claim.stances);
    const about = { id: claim.id, text: claim.text, kind: claim.kind, author: claim.provenance.attributedTo.name };
    if (v === undefined) {
      const retraction = claim.retraction ? { by: claim.retraction.provenance.attributedTo.name, reason: claim.retraction.reason } : null;
      return {
        ...about,
        label: 'retracted',
        contestedBecause: null,
        reading: readClaim({ ...about, label: 'retracted', contestedBecause: null, strength: null, accept: thresholds.accept, proofStandard: graph.proofStandard, grounds: [], against: [], leads: [], supportingClaims: [], closeRivals: [], retraction }),
        strength: null,
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
    return claimConsensus(graph, strengths.strength, standing, thresholds, settings.semantics, v, about, stances);
  });
  const evidence: EvidenceConsensus[] = [];
  graph.nodes.forEach((node, v) => {
    if (node.kind !== 'evidence') return;
    const kept = changed && !changed[v] ? earlierEvidence!.get(node.evidenceId) : undefined;
    if (kept) {
      evidence.push(kept);
      return;
    }
    evidence.push({
      id: node.evidenceId,
      claimId: node.claimId,
      sourceId: node.sourceId,
      sourceTitle: node.sourceTitle,
      stance: node.stance,
      locator: node.locator,
      verification: node.verification,
      weight: graph.base[v]!,
      strength: strengths.strength[v]!,
      status: standing.status[v]!,
      counted: node.counted,
      countedAs: node.countedAs,
    });
  });
  const status = questionStatus(claims);
  return {
    questionId: graph.questionId,
    status,
    proofStandard: graph.proofStandard,
    thresholds,
    semantics: settings.semantics,
    resolution: checkResolution(resolution, claims, status),
    claims,
    evidence,
    ...convergence(strengths),
  };
}

/** The label standing of live claim v. */
export function claimStanding(graph: QuestionGraph, strength: Float64Array, standing: Standing, v: number): ClaimStanding {
  let strongestRival: number | null = null;
  for (const r of graph.rivals[v]!) strongestRival = Math.max(strongestRival ?? 0, strength[r]!);
  return {
    strength: strength[v]!,
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
  strength: Float64Array,
  standing: Standing,
  thresholds: ProofThresholds,
  semantics: Semantics,
  v: number,
  about: Pick<ClaimConsensus, 'id' | 'text' | 'kind' | 'author'>,
  stances: ClaimConsensus['stances'],
): ClaimConsensus {
  const facts = claimStanding(graph, strength, standing, v);
  const { label, contestedBecause } = labelClaim(facts, thresholds);
  const grounds = groundsOf(graph, standing, v);
  const against = opponentsOf(graph, strength, standing, v);
  const leads = leadsOf(graph, v);
  const rivals = graph.rivals[v]!.map((r) => ({ claimId: claimIdAt(graph, r), strength: strength[r]! }));
  const supportingClaims = graph.supporters[v]!.filter((u) => graph.nodes[u]!.kind === 'claim').map((u) => nameClaim(textAt(graph, u)));
  // The rivals that keep it from standing out: those within the margin, or, when one is ahead, those ahead.
  const ahead = graph.rivals[v]!.filter((r) => atLeast(strength[r]! - strength[v]!, thresholds.rivalMargin));
  const closeRivals = (ahead.length > 0 ? ahead : graph.rivals[v]!.filter((r) => !atLeast(strength[v]! - strength[r]!, thresholds.rivalMargin))).map((r) => nameClaim(textAt(graph, r)));
  const reading = readClaim({
    ...about,
    label,
    contestedBecause,
    strength: strength[v]!,
    accept: thresholds.accept,
    proofStandard: graph.proofStandard,
    grounds,
    against,
    leads,
    supportingClaims,
    closeRivals,
  });
  return {
    ...about,
    label,
    contestedBecause,
    reading,
    strength: strength[v]!,
    base: graph.base[v]!,
    support: standing.support[v]!,
    status: standing.status[v]!,
    grounded: facts.grounded,
    grounds,
    against,
    leads,
    rivals,
    wouldChange: whatWouldChange({ graph, strength, standing, thresholds, semantics }, v, label, contestedBecause),
    counts: { supporters: graph.supporters[v]!.length, attackers: graph.attackers[v]!.length, undercutters: graph.undercutters[v]!.length },
    stances,
  };
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
 * The examined evidence v's grounding rests on: the grounded, not-`out` evidence attached to v itself;
 * failing that, the evidence its grounding was traced to through the claims that support it
 * (`Standing.groundedBy`: one path, the first found).
 */
export function groundsOf(graph: QuestionGraph, standing: Standing, v: number): Ground[] {
  if (!standing.grounded[v]) return [];
  const direct: Ground[] = [];
  for (const u of graph.supporters[v]!) {
    const node = graph.nodes[u]!;
    if (node.kind === 'evidence' && standing.grounded[u] && standing.status[u] !== 'out') direct.push(ground(node));
  }
  if (direct.length > 0) return direct;
  const via = standing.groundedBy[v]!;
  return via >= 0 ? [ground(graph.nodes[via] as EvidenceNode)] : [];
}

function ground(node: EvidenceNode): Ground {
  return {
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
export function opponentsOf(graph: QuestionGraph, strength: Float64Array, standing: Standing, v: number): Opponent[] {
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
