import { nameClaim, nameSource } from './claim-reading';
import { labelClaim, type ClaimLabel, type ContestedBecause } from './labels';
import { atLeast, type ProofThresholds } from './proof-standards';
import type { EvidenceNode, QuestionGraph } from './question-graph';
import { addContributor, emptyAggregate, liftOf, valueOf, type Semantics } from './question-semantics';
import type { Standing } from './question-standing';

export interface WhatIfContext {
  readonly graph: QuestionGraph;
  readonly strength: Float64Array;
  readonly groundedStrength: Float64Array;
  readonly standing: Standing;
  readonly thresholds: ProofThresholds;
  readonly semantics?: Semantics;
}

const name = (graph: QuestionGraph, u: number): string => {
  const node = graph.nodes[u]!;
  return node.kind === 'claim' ? nameClaim(node.text) : nameSource(node.sourceTitle, node.locator);
};

/**
 * What would change claim v's label, in words a person can act on, most useful first. For every
 * cited reference on it, the label it would have were that reference examined is worked out (see
 * `labelIfExamined`), so "examining … would make this corroborated" is a computation, not a guess.
 */
export function whatWouldChange(ctx: WhatIfContext, v: number, label: ClaimLabel, because: ContestedBecause | null): string[] {
  const { graph, strength, standing, thresholds } = ctx;
  const out: string[] = [];
  for (const e of graph.evidenceOn[v]!) {
    const node = graph.nodes[e] as EvidenceNode;
    if (node.verification !== 'cited' || !node.counted) continue;
    const source = nameSource(node.sourceTitle, node.locator);
    if (!node.appraised) {
      out.push(`Examining ${source} and appraising its source (reliability A–E) would let it ${node.stance === 'supports' ? 'ground this claim' : 'weigh against this claim'}.`);
      continue;
    }
    const after = labelIfExamined(ctx, v, e);
    if (after !== label) out.push(`Examining ${source} would make this ${after}.`);
    else out.push(`Examining ${source} would give it weight ${node.weightIfExamined.toFixed(2)}; alone it would leave this ${after}.`);
  }
  // Examined evidence that cannot ground anything until somebody judges its source.
  if (!standing.grounded[v]) {
    for (const e of graph.evidenceOn[v]!) {
      const node = graph.nodes[e] as EvidenceNode;
      if (node.verification === 'cited' || !node.counted || node.appraised || node.stance !== 'supports') continue;
      out.push(`Appraising the source of ${nameSource(node.sourceTitle, node.locator)} (reliability A–E) would let this examined evidence ground the claim.`);
    }
  }
  switch (label) {
    case 'open':
      out.push('Anything said for or against it; to establish it, evidence that someone has examined, from an appraised source.');
      break;
    case 'unverified':
      if (out.length === 0) out.push('Evidence that someone has examined, from an appraised source, supporting it or a claim that supports it.');
      break;
    case 'corroborated':
      out.push(`Examined evidence against it at least as strong as its support (${standing.support[v]!.toFixed(2)}).`);
      break;
    case 'refuted': {
      const defeaters = standing.defeaters[v]!.filter((b) => standing.status[b] === 'in' && standing.grounded[b]);
      out.push(`Examined evidence against ${defeaters.map((b) => name(graph, b)).join(' and ')}, or examined evidence for this claim stronger than it.`);
      break;
    }
    case 'contested':
      if (because === 'outweighed-by-rival') {
        const g = ctx.groundedStrength;
        const rivals = graph.rivals[v]!.filter((r) => atLeast(g[r]! - g[v]!, thresholds.rivalMargin));
        out.push(`Examined evidence for it, or against ${rivals.map((r) => name(graph, r)).join(' and ')}, that examined evidence supports better.`);
      } else if (because === 'rival') {
        const g = ctx.groundedStrength;
        const rivals = graph.rivals[v]!.filter((r) => !atLeast(g[v]! - g[r]!, thresholds.rivalMargin));
        out.push(`Examined evidence that tells it apart from ${rivals.map((r) => name(graph, r)).join(' and ')}.`);
      } else if (because === 'short-of-standard') {
        out.push(`More examined evidence for it: under this question's proof standard examined evidence must carry it to ${thresholds.accept}; it carries it to ${ctx.groundedStrength[v]!.toFixed(2)}.`);
      } else if (because === 'ungrounded-attack') {
        const defeaters = standing.defeaters[v]!.filter((b) => standing.status[b] !== 'out');
        out.push(`Examined evidence for ${defeaters.map((b) => name(graph, b)).join(' and ')} would make this refuted; examined evidence for this claim would answer ${defeaters.length === 1 ? 'it' : 'them'}.`);
      } else {
        const defeaters = standing.defeaters[v]!.filter((b) => standing.status[b] !== 'out');
        if (defeaters.length > 0) out.push(`An answer to ${defeaters.map((b) => name(graph, b)).join(' and ')}, or support for this claim stronger than ${defeaters.length === 1 ? 'it' : 'them'}.`);
      }
      break;
    case 'retracted':
      break;
  }
  return out;
}

/**
 * The label claim v would have were cited evidence e examined, everything else held as it is: e's
 * weight becomes its appraisal's, v's strength and support are recomputed from its direct
 * contributors, its defeat status from its attackers' (unchanged) strengths and statuses. Exact when
 * v is on no cycle; on a cycle the other members would move too, so it is a first-order estimate.
 */
export function labelIfExamined(ctx: WhatIfContext, v: number, e: number): ClaimLabel {
  const { graph, strength, standing, thresholds } = ctx;
  const semantics = ctx.semantics ?? 'df-quad';
  const node = graph.nodes[e] as EvidenceNode;
  const eAggregate = emptyAggregate();
  for (const u of graph.attackers[e]!) addContributor(eAggregate, 'attack', strength[u]!);
  for (const u of graph.supporters[e]!) addContributor(eAggregate, 'support', strength[u]!);
  for (const u of graph.undercutters[e]!) addContributor(eAggregate, 'undercut', strength[u]!);
  const eStrength = valueOf(semantics, true, node.weightIfExamined, eAggregate);

  // Only e's strength changes, and v's, which is recomputed below; nothing is copied.
  const at = (u: number): number => (u === e ? eStrength : strength[u]!);
  const vAggregate = emptyAggregate();
  for (const u of graph.attackers[v]!) addContributor(vAggregate, 'attack', at(u));
  for (const u of graph.supporters[v]!) addContributor(vAggregate, 'support', at(u));
  for (const u of graph.undercutters[v]!) addContributor(vAggregate, 'undercut', at(u));
  const vStrength = valueOf(semantics, false, graph.base[v]!, vAggregate);
  const support = (1 - vAggregate.supportProduct) * vAggregate.undercutProduct;
  const defeated = graph.attackers[v]!.filter((b) => at(b) > 0 && atLeast(at(b), support));
  const eStands = standing.status[e] !== 'out' && node.weightIfExamined > 0 && node.appraised;
  // Its grounded strength with e examined: what the grounded supporters carry, e among them.
  const gAggregate = emptyAggregate();
  for (const u of graph.attackers[v]!) addContributor(gAggregate, 'attack', at(u));
  for (const u of graph.undercutters[v]!) addContributor(gAggregate, 'undercut', at(u));
  for (const u of graph.supporters[v]!) {
    const carries = u === e ? eStands : standing.grounded[u] === 1 && standing.status[u] !== 'out';
    addContributor(gAggregate, 'support', !carries ? 0 : u === e ? eStrength : liftOf(graph, ctx.groundedStrength, u));
  }
  const vGrounded = valueOf(semantics, false, graph.base[v]!, gAggregate);
  let strongestRival: number | null = null;
  for (const r of graph.rivals[v]!) strongestRival = Math.max(strongestRival ?? 0, ctx.groundedStrength[r]!);
  return labelClaim(
    {
      strength: vStrength,
      groundedStrength: vGrounded,
      hasRivals: graph.rivals[v]!.length > 0,
      status: defeated.some((b) => standing.status[b] === 'in') ? 'out' : defeated.every((b) => standing.status[b] === 'out') ? 'in' : 'undec',
      grounded: standing.grounded[v] === 1 || (eStands && node.stance === 'supports'),
      hasAttackers: graph.attackers[v]!.length > 0,
      hasSupporters: graph.supporters[v]!.length > 0,
      strongestRival,
      defeatedByGroundedIn: defeated.some((b) => standing.status[b] === 'in' && (standing.grounded[b] === 1 || (b === e && eStands))),
    },
    thresholds,
  ).label;
}
