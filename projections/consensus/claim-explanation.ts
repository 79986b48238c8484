import { nameSource } from './claim-reading';
import type { ClaimExplanation, Contribution } from './question-consensus-types';
import type { ConsensusSolution } from './question-consensus';
import { claimArgumentId, edgeKey, type QuestionGraph } from './question-graph';
import { addContributor, emptyAggregate, valueOf, type Aggregate, type Role } from './question-semantics';

/** Up to this many direct contributors, Shapley values are exact (2^n coalitions). */
export const EXACT_SHAPLEY_MAX_PLAYERS = 12;
/** Random orders averaged above it. */
export const SHAPLEY_SAMPLES = 4000;
/** The confidence the sampled bound holds with. */
const CONFIDENCE = 0.95;

interface Player {
  readonly u: number;
  readonly role: Role;
  readonly strength: number;
}

/**
 * Why claim `claimId` has the strength and label it has: each direct contributor's share of the move
 * from the base score to the strength, as its Shapley value over the claim's own update function
 * (the contributors' strengths held at their solved values). Shares add up to strength − base
 * (exactly off a cycle; on a cycle up to the solver's residual), so a saturated claim's supporters
 * split its gain instead of each showing +0.00 as a leave-one-out difference would.
 *
 * Up to `EXACT_SHAPLEY_MAX_PLAYERS` contributors, every coalition is evaluated (2^n); above, the
 * values are averaged over `SHAPLEY_SAMPLES` random orders drawn from a generator seeded by the claim's
 * id (so the same question always gives the same explanation). Each marginal contribution lies in
 * [−1, 1], so by Hoeffding's inequality each sampled value is within `bound` = √(2 ln(2/0.05) / N)
 * of the exact one with probability 95 %; and since the marginals of one order add up to the total,
 * the sampled values add up exactly too. Cost: O(2^n · n) exact, O(N · n) sampled.
 *
 * @returns undefined for a claim that is not in the question.
 */
export function explainClaim(solution: ConsensusSolution, claimId: string): ClaimExplanation | undefined {
  const claim = solution.consensus.claims.find((c) => c.id === claimId);
  if (!claim) return undefined;
  const common = {
    claimId,
    label: claim.label,
    reading: claim.reading,
    base: claim.base,
    strength: claim.strength,
    grounds: claim.grounds,
    against: claim.against,
    wouldChange: claim.wouldChange,
    stances: claim.stances,
  };
  const { graph, settings, strength } = solution;
  const v = graph.indexOf.get(claimArgumentId(claimId));
  if (v === undefined) return { ...common, contributions: [], method: 'exact', samples: null, bound: null };
  const players: Player[] = [
    ...graph.attackers[v]!.map((u) => ({ u, role: 'attack' as const, strength: strength[u]! })),
    ...graph.supporters[v]!.map((u) => ({ u, role: 'support' as const, strength: strength[u]! })),
    ...graph.undercutters[v]!.map((u) => ({ u, role: 'undercut' as const, strength: strength[u]! })),
  ];
  const value = (aggregate: Aggregate) => valueOf(settings.semantics, false, graph.base[v]!, aggregate);
  const exact = players.length <= EXACT_SHAPLEY_MAX_PLAYERS;
  const shares = exact ? exactShapley(players, value) : sampledShapley(players, value, SHAPLEY_SAMPLES, seedOf(claimId));
  const contributions = players
    .map((p, i): Contribution => describe(graph, v, p, shares[i]!))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ...common,
    contributions,
    method: exact ? 'exact' : 'sampled',
    samples: exact ? null : SHAPLEY_SAMPLES,
    bound: exact ? null : Math.sqrt((2 * Math.log(2 / (1 - CONFIDENCE))) / SHAPLEY_SAMPLES),
  };
}

function describe(graph: QuestionGraph, v: number, p: Player, effect: number): Contribution {
  const node = graph.nodes[p.u]!;
  if (node.kind === 'evidence') {
    return { kind: 'evidence', id: node.evidenceId, name: nameSource(node.sourceTitle, node.locator), role: p.role, relations: [], strength: p.strength, effect };
  }
  return { kind: 'claim', id: node.claimId, name: node.text, role: p.role, relations: graph.relations.get(edgeKey(p.u, v)) ?? [], strength: p.strength, effect };
}

function aggregateOf(players: readonly Player[], mask: number): Aggregate {
  const aggregate = emptyAggregate();
  players.forEach((p, i) => {
    if (mask & (1 << i)) addContributor(aggregate, p.role, p.strength);
  });
  return aggregate;
}

function exactShapley(players: readonly Player[], value: (a: Aggregate) => number): number[] {
  const n = players.length;
  const size = 1 << n;
  const values = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) values[mask] = value(aggregateOf(players, mask));
  // weight[k] = k! (n − k − 1)! / n!
  const factorial = [1];
  for (let k = 1; k <= n; k++) factorial.push(factorial[k - 1]! * k);
  const weight = Array.from({ length: n }, (_, k) => (factorial[k]! * factorial[n - k - 1]!) / factorial[n]!);
  const shares = new Array<number>(n).fill(0);
  for (let mask = 0; mask < size; mask++) {
    const k = popcount(mask);
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) continue;
      shares[i]! += weight[k]! * (values[mask | (1 << i)]! - values[mask]!);
    }
  }
  return shares;
}

function sampledShapley(players: readonly Player[], value: (a: Aggregate) => number, samples: number, seed: number): number[] {
  const n = players.length;
  const shares = new Array<number>(n).fill(0);
  const order = Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(seed);
  for (let s = 0; s < samples; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const aggregate = emptyAggregate();
    let before = value(aggregate);
    for (const i of order) {
      addContributor(aggregate, players[i]!.role, players[i]!.strength);
      const after = value(aggregate);
      shares[i]! += after - before;
      before = after;
    }
  }
  return shares.map((x) => x / samples);
}

function popcount(x: number): number {
  let count = 0;
  for (let y = x; y !== 0; y &= y - 1) count++;
  return count;
}

/** A small, well-mixed 32-bit generator (Mulberry32): deterministic for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the claim id: the same claim always draws the same orders. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
