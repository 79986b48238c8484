import type { QuestionView } from '../questions/questions.projection';
import { retractedStanding, summariseClaim, type SummaryInput } from './claim-summary';
import { DEFAULT_EVIDENCE_BASE_SCORES, type EvidenceBaseScoreTable, type Reliability } from './evidence-base-score';
import { contributionsTo, type Contribution } from './explain';
import { indexFramework } from './framework';
import {
  convergenceOf,
  resolveDownstream,
  solveFramework,
  type FrameworkSolution,
  type RegionSolution,
} from './incremental';
import { checkThresholds, DEFAULT_LABEL_THRESHOLDS, labelClaim, type LabelThresholds } from './labels';
import { readOptions } from './options';
import {
  buildQuestionFramework,
  claimArgumentId,
  edgeKey,
  type QuestionFramework,
} from './question-framework';
import type {
  ClaimConsensus,
  ClaimExplanation,
  Contributor,
  QuestionConsensus,
  QuestionConsensusSettings,
} from './question-consensus-types';
import { checkResolution, questionStatus } from './question-status';
import { tallyStances } from './stances';

/**
 * What an incremental update needs from the previous one. Treat it as opaque: take it from
 * {@link stepQuestionConsensus} or a `QuestionConsensusEngine` and pass it back unchanged.
 */
export interface QuestionConsensusState {
  readonly questionId: string;
  readonly settings: ResolvedSettings;
  readonly questionFramework: QuestionFramework;
  readonly solution: FrameworkSolution;
  readonly consensus: QuestionConsensus;
  /** The argument ids this update re-solved (all of them on a full computation), ascending. */
  readonly recomputed: readonly string[];
}

export interface QuestionConsensusOptions extends QuestionConsensusSettings {
  /**
   * The state after the previous update of the same question. Used only under equal settings
   * (`titleOf` compared by reference, so pass the same function each time).
   */
  readonly previous?: QuestionConsensusState;
  /**
   * With `previous`: the claims touched since it, i.e. proposed, revised, retracted, related (either
   * end), given or withdrawn evidence, or cited by evidence whose source was re-appraised. Only what
   * lies downstream of them is recomputed. Without it (or without `previous`, or when the settings
   * or question differ) everything is computed afresh.
   */
  readonly changed?: Iterable<string>;
}

/** The settings a state was computed with; an update reuses a state only under equal ones. */
export interface ResolvedSettings {
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly table: EvidenceBaseScoreTable;
  readonly thresholds: LabelThresholds;
  readonly titleOf: ((sourceId: string) => string | null | undefined) | undefined;
}

/**
 * The consensus of one question: every claim's label, strength, grounded status, explanation and
 * stance tally, and the question's status and resolution check. See {@link stepQuestionConsensus}.
 */
export function computeQuestionConsensus(
  question: QuestionView,
  reliabilityOf: (sourceId: string) => Reliability | null,
  options?: QuestionConsensusOptions,
): QuestionConsensus {
  return stepQuestionConsensus(question, reliabilityOf, options).consensus;
}

/**
 * {@link computeQuestionConsensus}, also returning the state for the next incremental update.
 *
 * The question's framework is built by `buildQuestionFramework` and solved by DF-QuAD and grounded
 * semantics as in `computeConsensus`; each live claim is labelled by `labelClaim`, the question's
 * status and resolution check come from `questionStatus` and `checkResolution`.
 *
 * Incremental (with `previous` and `changed`): the framework is rebuilt from the view, which is
 * linear in the question's size, but only the region R downstream of what changed is re-solved and
 * re-explained: the touched claims' arguments and their evidence, arguments that appeared or
 * disappeared, and everything reachable from them along attacks and supports. Everything else keeps
 * its strength, grounded label and explanation. Per update:
 *
 * - O(V log V + E log E + S) to build and index the framework of V arguments and E edges, match it
 *   to the previous one by id and tally the S stances (cheap array work, no solving);
 * - O(|R| log |R| + E(R)) for R's components, acyclic strengths and grounded labels, plus up to
 *   maxIterations × (|C| + E(C)) for each cycle C inside R;
 * - for each claim in R, its leave-one-out explanation: one DF-QuAD step per incoming edge off a
 *   cycle, one re-solve of its cycle per incoming edge on one.
 *
 * The result is identical to a full recompute, bit for bit: nothing outside R has a changed
 * ancestor, and a strength or grounded label depends on its ancestors only.
 *
 * @throws ConsensusInputError for a malformed option or base-score table.
 */
export function stepQuestionConsensus(
  question: QuestionView,
  reliabilityOf: (sourceId: string) => Reliability | null,
  options: QuestionConsensusOptions = {},
): { consensus: QuestionConsensus; state: QuestionConsensusState } {
  const settings = resolveSettings(options);
  const questionFramework = buildQuestionFramework(question, reliabilityOf, settings.table);
  const indexed = indexFramework(questionFramework.framework);
  const previous = options.previous;
  const incremental =
    previous !== undefined &&
    options.changed !== undefined &&
    previous.questionId === question.id &&
    sameSettings(previous.settings, settings);

  const solution: RegionSolution = incremental
    ? resolveDownstream(
        previous.solution,
        indexed,
        touchedArguments(question, previous, questionFramework, options.changed!),
        settings,
      )
    : solveFramework(indexed, settings);

  const componentOf = new Map<number, readonly number[]>();
  for (const members of solution.components) for (const v of members) componentOf.set(v, members);
  const earlier = new Map(incremental ? previous.consensus.claims.map((c) => [c.id, c] as const) : []);
  const context = { question, questionFramework, solution, settings };

  const claims: ClaimConsensus[] = [];
  for (const claim of question.claims.values()) {
    const about = { id: claim.id, text: claim.text, kind: claim.kind };
    const stances = tallyStances(claim.stances);
    if (claim.status !== 'live') {
      claims.push({ ...about, ...retractedStanding(claim.text, claim.retraction?.reason ?? null), stances });
      continue;
    }
    const v = indexed.indexOf.get(claimArgumentId(claim.id))!;
    const standing = {
      strength: solution.strength[v]!,
      grounded: solution.grounded[v]!,
      base: indexed.base[v]!,
    };
    const label = labelClaim(
      {
        ...standing,
        hasAttackers: indexed.attackers[v]!.length > 0,
        hasSupporters: indexed.supporters[v]!.length > 0,
      },
      settings.thresholds,
    );
    const component = componentOf.get(v);
    // Outside the region nothing this explanation mentions has changed, so the old one stands.
    const explanation =
      component === undefined
        ? earlier.get(claim.id)!.explanation
        : explain(context, component, v, { text: claim.text, label, ...standing });
    claims.push({ ...about, label, ...standing, explanation, stances });
  }

  const status = questionStatus(claims);
  const consensus: QuestionConsensus = {
    questionId: question.id,
    status,
    resolution: checkResolution(question.resolution, claims, status),
    claims,
    ...convergenceOf(solution),
  };
  return {
    consensus,
    state: {
      questionId: question.id,
      settings,
      questionFramework,
      solution,
      consensus,
      recomputed: solution.region.map((v) => indexed.ids[v]!),
    },
  };
}

/**
 * Argument ids for the touched claims: each claim's own argument and its evidence before and after
 * (a re-appraisal changes an evidence base; an attachment or withdrawal changes its presence). A
 * live claim whose text differs from last time is added even when not named, since its own
 * explanation and those of the claims it bears on quote it.
 */
function touchedArguments(
  question: QuestionView,
  previous: QuestionConsensusState,
  current: QuestionFramework,
  changed: Iterable<string>,
): string[] {
  const touched: string[] = [];
  const touch = (claimId: string) =>
    touched.push(
      claimArgumentId(claimId),
      ...(current.evidenceOf.get(claimId) ?? []),
      ...(previous.questionFramework.evidenceOf.get(claimId) ?? []),
    );
  for (const claimId of changed) touch(claimId);
  const before = new Map(previous.consensus.claims.map((c) => [c.id, c.text]));
  for (const claim of question.claims.values()) {
    if (claim.status === 'live' && before.has(claim.id) && before.get(claim.id) !== claim.text) touch(claim.id);
  }
  return touched;
}

interface ExplainContext {
  readonly question: QuestionView;
  readonly questionFramework: QuestionFramework;
  readonly solution: RegionSolution;
  readonly settings: ResolvedSettings;
}

function explain(
  { question, questionFramework: qf, solution, settings }: ExplainContext,
  component: readonly number[],
  v: number,
  claim: Omit<SummaryInput, 'attackers' | 'supporters'>,
): ClaimExplanation {
  const indexed = solution.framework;
  const target = indexed.ids[v]!;
  const { attackers, supporters } = contributionsTo(
    indexed,
    solution.strength,
    (u) => solution.grounded[u]!,
    component,
    v,
    settings,
  );
  const describe = (c: Contribution): Contributor => {
    const origin = qf.origins.get(c.id)!;
    if (origin.kind === 'evidence') {
      return {
        kind: 'evidence',
        evidenceId: origin.evidenceId,
        sourceId: origin.sourceId,
        sourceTitle: settings.titleOf?.(origin.sourceId) ?? null,
        stance: origin.stance,
        locator: origin.locator,
        strength: c.strength,
        effect: c.effect,
      };
    }
    const kinds = qf.relations.get(edgeKey(c.id, target)) ?? [];
    return {
      kind: 'claim',
      claimId: origin.claimId,
      text: question.claims.get(origin.claimId)!.text,
      relations: kinds.filter((r) => (c.relation === 'support' ? r === 'supports' : r !== 'supports')),
      strength: c.strength,
      grounded: c.grounded,
      effect: c.effect,
    };
  };
  const explanation = { attackers: attackers.map(describe), supporters: supporters.map(describe) };
  return { summary: summariseClaim({ ...claim, ...explanation }), ...explanation };
}

function resolveSettings(options: QuestionConsensusOptions): ResolvedSettings {
  const thresholds = options.thresholds ?? DEFAULT_LABEL_THRESHOLDS;
  checkThresholds(thresholds);
  return {
    ...readOptions(options),
    table: options.baseScores ?? DEFAULT_EVIDENCE_BASE_SCORES,
    thresholds,
    titleOf: options.titleOf,
  };
}

function sameSettings(a: ResolvedSettings, b: ResolvedSettings): boolean {
  const sameTable = (Object.keys(a.table) as (keyof EvidenceBaseScoreTable)[]).every((row) =>
    a.table[row].every((score, i) => b.table[row]?.[i] === score),
  );
  return (
    a.tolerance === b.tolerance &&
    a.maxIterations === b.maxIterations &&
    a.thresholds.accept === b.thresholds.accept &&
    a.thresholds.reject === b.thresholds.reject &&
    a.titleOf === b.titleOf &&
    sameTable
  );
}
