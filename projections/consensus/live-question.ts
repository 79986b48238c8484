import type { ClaimKind, ClaimRelation } from '../../src/ledger/question/question.events';
import type { ClaimView, EvidenceView, QuestionView, RelationView } from '../questions/questions.projection';
import { retractedStanding, summariseClaim } from './claim-summary';
import { solveComponent, type SolveSettings } from './df-quad';
import { DEFAULT_EVIDENCE_BASE_SCORES, evidenceBaseScore, type EvidenceBaseScoreTable, type Reliability } from './evidence-base-score';
import { contributionsTo, type Contribution } from './explain';
import type { IndexedFramework } from './framework';
import { labelRegion } from './grounded';
import { checkThresholds, DEFAULT_LABEL_THRESHOLDS, labelClaim, type ClaimLabel, type LabelThresholds } from './labels';
import { readOptions } from './options';
import { CLAIM_BASE_SCORE, claimArgumentId, evidenceArgumentId } from './question-framework';
import type {
  ClaimConsensus,
  ClaimExplanation,
  Contributor,
  QuestionConsensus,
  QuestionConsensusSettings,
  QuestionStatus,
  ResolutionCheck,
  ResolutionDisagreement,
} from './question-consensus-types';
import { stronglyConnectedComponents } from './scc';
import { tallyStances } from './stances';
import type { GroundedStatus } from './types';

interface ClaimRecord {
  readonly id: string;
  /** Its place in `question.claims`, i.e. in the result's `claims`. */
  readonly index: number;
  readonly kind: ClaimKind;
  claim: ClaimView;
  /** Its argument's slot while live; -1 once retracted. */
  slot: number;
  /** What the current entry was computed from. */
  text: string;
  stances: ClaimView['stances'];
  /** Every piece of evidence ever attached to it, in order. */
  readonly evidence: EvidenceRecord[];
  /** Every relation ever made to it, for the relation names in explanations. */
  readonly incoming: RelationView[];
  entry: ClaimConsensus | undefined;
  /** The entry's explanation, shared by later entries while nothing it mentions changes. */
  explanation: LazyExplanation | undefined;
}

interface EvidenceRecord {
  readonly view: EvidenceView;
  /** Its argument's slot while attached to a live claim; -1 otherwise. */
  slot: number;
}

type SlotOwner = { kind: 'claim'; record: ClaimRecord } | { kind: 'evidence'; record: EvidenceRecord };

/** Options that say the caller names every touched claim, so nothing needs scanning for. */
export interface LiveQuestionHint {
  /** The claims whose stances changed (stances move no strength, so they are not in `changed`). */
  readonly stanceClaimIds: Iterable<string>;
}

interface Settings extends SolveSettings {
  readonly table: EvidenceBaseScoreTable;
  readonly thresholds: LabelThresholds;
  readonly titleOf: ((sourceId: string) => string | null | undefined) | undefined;
}

const NO_RESOLUTION = (): ResolutionCheck => ({ exists: false, acceptedClaimIds: [], agrees: null, disagreements: [] });

/**
 * One question's consensus kept up to date in place, for `QuestionConsensusEngine`. It keeps the
 * question's argumentation framework as a graph over stable slots (an argument keeps its slot while
 * it lives) and changes it by what the view gained since the last update (new claims, relations and
 * evidence are read from where the view's Maps and arrays grew) and by the claims named as touched,
 * so an update costs what it touches, not the size of the question:
 *
 * - the framework: O(d log d) per added or removed edge, d the degree at its ends;
 * - the region R downstream of what changed: as in `resolveDownstream`, O(|R| log |R| + E(R)) plus
 *   the sweeps of the cycles inside R, and the leave-one-out explanations of R's claims;
 * - the result: a copy of the previous `claims` array with the changed entries replaced (a memory
 *   copy, O(V) but a few nanoseconds a claim), the status from counts kept as labels change.
 *
 * Values equal a full recompute bit for bit: attackers and supporters are kept in id order (the
 * order DF-QuAD multiplies in), components are solved from the same inputs, and everything outside
 * R has no changed ancestor. Without a hint, touched texts, statuses, stances and withdrawals are
 * also found by a scan of every claim (O(V)), so an unnamed revision is still picked up.
 */
export class LiveQuestion {
  readonly questionId: string;
  /** The argument ids the last update re-solved, sorted. */
  recomputed: string[] = [];
  /** Indices (in `claims`) of the entries the last update replaced or added, ascending. */
  changed: number[] = [];
  result: QuestionConsensus | undefined;

  private readonly settings: Settings;
  private readonly claimsMap: QuestionView['claims'];
  private readonly evidenceMap: QuestionView['evidence'];
  private readonly relations: RelationView[];
  private readonly claimIterator: Iterator<ClaimView>;
  private readonly evidenceIterator: Iterator<EvidenceView>;
  private seenClaims = 0;
  private seenEvidence = 0;
  private seenRelations = 0;
  private readonly records = new Map<string, ClaimRecord>();
  private readonly byIndex: ClaimRecord[] = [];

  // The framework, by slot.
  private capacity = 64;
  private size = 0;
  private readonly ids: string[] = [];
  private base = new Float64Array(64);
  private strength = new Float64Array(64);
  private sweeps = new Int32Array(64);
  private settled = new Uint8Array(64);
  private mark = new Int32Array(64);
  private generation = 0;
  private readonly grounded: GroundedStatus[] = [];
  private readonly attackers: number[][] = [];
  private readonly supporters: number[][] = [];
  private readonly attacked: number[][] = [];
  private readonly influenced: number[][] = [];
  /** What each slot stands for; kept after it dies, for explanations computed later. */
  private readonly owners: SlotOwner[] = [];
  private readonly alive: boolean[] = [];
  /** How many live arguments took each number of sweeps, and how many did not settle. */
  private readonly sweepCounts = new Map<number, number>();
  private unsettled = 0;

  // The result's running totals.
  private answersContested = 0;
  private answersAccepted = 0;
  private hypothesesContested = 0;
  private readonly acceptedAnswers = new Set<ClaimRecord>();

  // Per update.
  private seeds: number[] = [];
  private readonly dirty = new Set<ClaimRecord>();

  constructor(
    question: QuestionView,
    options: QuestionConsensusSettings,
    private reliabilityOf: (sourceId: string) => Reliability | null,
  ) {
    const thresholds = options.thresholds ?? DEFAULT_LABEL_THRESHOLDS;
    checkThresholds(thresholds);
    this.settings = { ...readOptions(options), table: options.baseScores ?? DEFAULT_EVIDENCE_BASE_SCORES, thresholds, titleOf: options.titleOf };
    this.questionId = question.id;
    this.claimsMap = question.claims;
    this.evidenceMap = question.evidence;
    this.relations = question.relations;
    this.claimIterator = question.claims.values();
    this.evidenceIterator = question.evidence.values();
  }

  /** Whether `question` is the one this was built on, in the same (mutated in place) collections. */
  follows(question: QuestionView): boolean {
    return (
      question.id === this.questionId &&
      question.claims === this.claimsMap &&
      question.evidence === this.evidenceMap &&
      question.relations === this.relations &&
      question.claims.size >= this.seenClaims &&
      question.evidence.size >= this.seenEvidence &&
      question.relations.length >= this.seenRelations
    );
  }

  /**
   * Brings the consensus up to date with `question`. `changed`: the claims touched since the last
   * update (see `QuestionConsensusEngine.update`); everything is new on the first call.
   */
  update(
    question: QuestionView,
    reliabilityOf: (sourceId: string) => Reliability | null,
    changed: Iterable<string>,
    hint?: LiveQuestionHint,
  ): QuestionConsensus {
    this.reliabilityOf = reliabilityOf;
    this.seeds = [];
    this.dirty.clear();
    this.copies = new Map();
    const previousClaims = this.result?.claims ?? [];

    this.readNewClaims();
    for (const id of changed) {
      const record = this.records.get(id);
      if (record) this.touch(record, question.claims.get(id) ?? record.claim);
    }
    if (hint) {
      for (const id of hint.stanceClaimIds) {
        const record = this.records.get(id);
        if (record) this.restance(record);
      }
    } else {
      for (const record of this.byIndex) {
        const claim = question.claims.get(record.id) ?? record.claim;
        const withdrawn = record.evidence.some((e) => e.slot >= 0 && e.view.status !== 'attached');
        if (claim !== record.claim || claim.text !== record.text || (claim.status !== 'live') !== (record.slot < 0) || withdrawn) this.touch(record, claim);
        this.restance(record);
      }
    }
    this.readNewRelations();
    this.readNewEvidence();

    const region = this.solveRegion();
    for (const v of region) {
      const owner = this.owners[v];
      if (owner?.kind === 'claim') this.dirty.add(owner.record);
    }

    // The new entries, in claim order.
    const claims = previousClaims.slice();
    const changedIndices: number[] = [];
    for (const record of this.dirty) changedIndices.push(record.index);
    changedIndices.sort((a, b) => a - b);
    const componentOf = this.componentOf;
    for (const index of changedIndices) {
      const record = this.byIndex[index]!;
      const before = record.entry;
      const entry = this.entryOf(record, question, componentOf);
      record.entry = entry;
      this.count(before, -1, record);
      this.count(entry, +1, record);
      claims[index] = entry;
    }
    this.changed = changedIndices;
    this.recomputed = region.map((v) => this.ids[v]!).sort();

    const status = this.status();
    let iterations = 0;
    for (const [sweeps, count] of this.sweepCounts) if (count > 0 && sweeps > iterations) iterations = sweeps;
    this.result = {
      questionId: question.id,
      status,
      resolution: this.resolution(question.resolution, status),
      claims,
      converged: this.unsettled === 0,
      iterations,
    };
    return this.result;
  }

  // ---- reading what the view gained -----------------------------------------------------------

  private readNewClaims(): void {
    while (this.seenClaims < this.claimsMap.size) {
      const claim = this.claimIterator.next().value as ClaimView;
      const record: ClaimRecord = {
        id: claim.id,
        index: this.seenClaims++,
        kind: claim.kind,
        claim,
        slot: -1,
        text: claim.text,
        stances: claim.stances,
        evidence: [],
        incoming: [],
        entry: undefined,
        explanation: undefined,
      };
      this.records.set(claim.id, record);
      this.byIndex.push(record);
      this.dirty.add(record);
      if (claim.status === 'live') {
        record.slot = this.newSlot(claimArgumentId(claim.id), CLAIM_BASE_SCORE, { kind: 'claim', record });
      }
    }
  }

  private readNewRelations(): void {
    while (this.seenRelations < this.relations.length) {
      const relation = this.relations[this.seenRelations++]!;
      const from = this.records.get(relation.fromClaimId);
      const to = this.records.get(relation.toClaimId);
      if (!from || !to) continue;
      to.incoming.push(relation);
      if (from.slot < 0 || to.slot < 0) continue;
      this.addEdge(from.slot, to.slot, relation.relation === 'supports' ? 1 : 0);
      // The edge may already stand for another relation, whose name the explanation now adds.
      this.seeds.push(to.slot);
    }
  }

  private readNewEvidence(): void {
    while (this.seenEvidence < this.evidenceMap.size) {
      const view = this.evidenceIterator.next().value as EvidenceView;
      this.seenEvidence++;
      const claim = this.records.get(view.claimId);
      if (!claim) continue;
      const record: EvidenceRecord = { view, slot: -1 };
      claim.evidence.push(record);
      this.placeEvidence(claim, record);
    }
  }

  /** Gives attached evidence on a live claim its argument, with its base score and its edge. */
  private placeEvidence(claim: ClaimRecord, record: EvidenceRecord): void {
    if (record.slot >= 0 || claim.slot < 0 || record.view.status !== 'attached') return;
    const { view } = record;
    const base = evidenceBaseScore(this.reliabilityOf(view.sourceId), view.credibility, this.settings.table);
    record.slot = this.newSlot(evidenceArgumentId(view.id), base, { kind: 'evidence', record });
    this.addEdge(record.slot, claim.slot, view.stance === 'supports' ? 1 : 0);
  }

  /** A claim named as touched: its text, its status, its evidence's presence and base scores. */
  private touch(record: ClaimRecord, claim: ClaimView): void {
    record.claim = claim;
    this.dirty.add(record);
    if (record.slot >= 0 && claim.status !== 'live') {
      for (const evidence of record.evidence) {
        if (evidence.slot >= 0) this.killSlot(evidence.slot);
        evidence.slot = -1;
      }
      this.killSlot(record.slot);
      record.slot = -1;
      return;
    }
    if (record.slot < 0) return;
    if (claim.text !== record.text) this.seeds.push(record.slot);
    for (const evidence of record.evidence) {
      if (evidence.slot < 0) continue;
      if (evidence.view.status !== 'attached') {
        this.killSlot(evidence.slot);
        evidence.slot = -1;
        continue;
      }
      const { view } = evidence;
      const base = evidenceBaseScore(this.reliabilityOf(view.sourceId), view.credibility, this.settings.table);
      if (base !== this.base[evidence.slot]) {
        this.base[evidence.slot] = base;
        this.seeds.push(evidence.slot);
      }
    }
  }

  private restance(record: ClaimRecord): void {
    const claim = this.claimsMap.get(record.id) ?? record.claim;
    if (claim.stances !== record.stances) this.dirty.add(record);
  }

  // ---- the framework --------------------------------------------------------------------------

  private newSlot(id: string, base: number, owner: SlotOwner): number {
    if (this.size === this.capacity) this.grow();
    const v = this.size++;
    this.ids.push(id);
    this.base[v] = base;
    this.strength[v] = base;
    this.sweeps[v] = 0;
    this.settled[v] = 1;
    this.grounded.push('undec');
    // Most arguments are never attacked nor supported (evidence): they share one empty list until
    // they are (see `addTo`).
    this.attackers.push(NONE);
    this.supporters.push(NONE);
    this.attacked.push(NONE);
    this.influenced.push(NONE);
    this.owners.push(owner);
    this.alive.push(true);
    this.sweepCounts.set(0, (this.sweepCounts.get(0) ?? 0) + 1);
    this.seeds.push(v);
    return v;
  }

  private grow(): void {
    this.capacity *= 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(this.capacity);
      next.set(old);
      return next;
    };
    this.base = grown(this.base, (n) => new Float64Array(n));
    this.strength = grown(this.strength, (n) => new Float64Array(n));
    this.sweeps = grown(this.sweeps, (n) => new Int32Array(n));
    this.settled = grown(this.settled, (n) => new Uint8Array(n));
    this.mark = grown(this.mark, (n) => new Int32Array(n));
  }

  /** Removes an argument and its edges; what it bore on must be re-solved. */
  private killSlot(v: number): void {
    for (const w of this.influenced[v]!) {
      this.seeds.push(w);
      removeFrom(this.attackers[w]!, v);
      removeFrom(this.supporters[w]!, v);
    }
    for (const u of this.attackers[v]!) {
      removeFrom(this.attacked[u]!, v);
      removeFrom(this.influenced[u]!, v);
    }
    for (const u of this.supporters[v]!) removeFrom(this.influenced[u]!, v);
    this.attackers[v] = NONE;
    this.supporters[v] = NONE;
    this.attacked[v] = NONE;
    this.influenced[v] = NONE;
    this.countSweeps(v, -1);
    this.alive[v] = false;
  }

  /**
   * Adds the edge unless it stands already (relations repeated between two claims make one edge,
   * and edges only go when one of their ends does).
   */
  private addEdge(from: number, to: number, polarity: 0 | 1): void {
    const incoming = polarity === 1 ? this.supporters : this.attackers;
    if (!this.addTo(incoming, to, from)) return;
    if (polarity === 0) this.addTo(this.attacked, from, to);
    this.addTo(this.influenced, from, to);
    this.seeds.push(to);
  }

  /** Inserts `v` into `lists[at]` in argument-id order; false when it is there already. */
  private addTo(lists: number[][], at: number, v: number): boolean {
    let list = lists[at]!;
    const ids = this.ids;
    const id = ids[v]!;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (ids[list[mid]!]! < id) low = mid + 1;
      else high = mid;
    }
    if (list[low] === v) return false;
    if (list === NONE) lists[at] = list = [];
    list.splice(low, 0, v);
    return true;
  }

  private countSweeps(v: number, sign: 1 | -1): void {
    const sweeps = this.sweeps[v]!;
    const left = (this.sweepCounts.get(sweeps) ?? 0) + sign;
    if (left === 0) this.sweepCounts.delete(sweeps);
    else this.sweepCounts.set(sweeps, left);
    if (this.settled[v] === 0) this.unsettled += sign;
  }

  private componentOf = new Map<number, readonly number[]>();
  /** Copies of components made for explanations in this update. */
  private copies = new Map<readonly number[], ComponentCopy>();

  /** Re-solves everything downstream of the seeds; returns that region, ascending. */
  private solveRegion(): number[] {
    const generation = ++this.generation;
    const region: number[] = [];
    for (const seed of this.seeds) {
      if (!this.alive[seed] || this.mark[seed] === generation) continue;
      this.mark[seed] = generation;
      region.push(seed);
    }
    for (let head = 0; head < region.length; head++) {
      for (const w of this.influenced[region[head]!]!) {
        if (this.mark[w] === generation) continue;
        this.mark[w] = generation;
        region.push(w);
      }
    }
    region.sort((a, b) => a - b);
    this.componentOf = new Map();
    if (region.length === 0) return region;

    const local = new Map<number, number>();
    region.forEach((v, i) => local.set(v, i));
    const successors = region.map((v) => this.influenced[v]!.map((w) => local.get(w)!));
    const framework = this.framework();
    for (const component of stronglyConnectedComponents(successors)) {
      const members = component.map((i) => region[i]!);
      const solved = solveComponent(framework, this.strength, members, this.settings);
      for (const v of members) {
        this.countSweeps(v, -1);
        this.sweeps[v] = solved.iterations;
        this.settled[v] = solved.converged ? 1 : 0;
        this.countSweeps(v, +1);
        this.componentOf.set(v, members);
      }
    }
    labelRegion(framework, this.grounded, region);
    return region;
  }

  /** The slots seen as an indexed framework, for the solvers (dead slots have no edges). */
  private framework(): IndexedFramework {
    return {
      ids: this.ids,
      indexOf: NO_INDEX,
      base: this.base,
      attackers: this.attackers,
      supporters: this.supporters,
      attacked: this.attacked,
      influenced: this.influenced,
    };
  }

  // ---- the result -----------------------------------------------------------------------------

  private entryOf(record: ClaimRecord, question: QuestionView, componentOf: Map<number, readonly number[]>): ClaimConsensus {
    const claim = record.claim;
    record.text = claim.text;
    const stances = claim.stances === record.stances && record.entry ? record.entry.stances : tallyStances(claim.stances);
    record.stances = claim.stances;
    if (record.slot < 0) {
      return { id: record.id, text: claim.text, kind: record.kind, ...retractedStanding(claim.text, claim.retraction?.reason ?? null), stances };
    }
    const v = record.slot;
    const standing = { strength: this.strength[v]!, grounded: this.grounded[v]!, base: this.base[v]! };
    const label = labelClaim(
      { ...standing, hasAttackers: this.attackers[v]!.length > 0, hasSupporters: this.supporters[v]!.length > 0 },
      this.settings.thresholds,
    );
    const component = componentOf.get(v);
    const explanation =
      component === undefined ? record.explanation! : new LazyExplanation(this.explainLater(record, v, component, label, standing));
    record.explanation = explanation;
    // Written out only when read (a response, a snapshot): most entries are replaced unread.
    return {
      id: record.id,
      text: claim.text,
      kind: record.kind,
      label,
      strength: standing.strength,
      grounded: standing.grounded,
      base: standing.base,
      get explanation() {
        return explanation.get();
      },
      stances,
    };
  }

  /**
   * The explanation of claim `v` of `component`, to be computed when first read, from a copy of
   * what it depends on as it now stands: the component's members, their attackers and supporters
   * (in the same order), every strength and grounded label involved and the contributors' texts, so
   * later changes cannot reach it. `contributionsTo` then runs on that copy exactly as it would run
   * on the whole framework now. The copy is shared by the members of one component.
   */
  private explainLater(
    record: ClaimRecord,
    v: number,
    component: readonly number[],
    label: ClaimLabel,
    standing: { strength: number; grounded: GroundedStatus; base: number },
  ): () => ClaimExplanation {
    let copy = this.copies.get(component);
    if (!copy) {
      copy = this.copyComponent(component);
      if (component.length > 1) this.copies.set(component, copy);
    }
    const frozen = copy;
    const text = record.claim.text;
    const incoming = record.incoming.length;
    const local = component.indexOf(v);
    return () => {
      const framework = this.frameworkOf(frozen);
      const { attackers, supporters } = contributionsTo(
        framework,
        frozen.strength,
        (u) => frozen.grounded[u]!,
        frozen.members,
        local,
        this.settings,
      );
      const describe = (c: Contribution): Contributor => {
        const u = framework.indexOf.get(c.id)!;
        return this.describe(record, incoming, this.owners[frozen.slots[u]!]!, frozen.text[u]!, c);
      };
      const explanation = { attackers: attackers.map(describe), supporters: supporters.map(describe) };
      return { summary: summariseClaim({ text, label, ...standing, ...explanation }), ...explanation };
    };
  }

  /**
   * What an explanation needs of a component, copied: the members first, then each member's
   * attackers and supporters in order (a contributor that is also a member is that member). For one
   * member, its lists are just the contributors in order, so only counts are kept.
   */
  private copyComponent(members: readonly number[]): ComponentCopy {
    const slots: number[] = [...members];
    let attackers: number[][] | undefined;
    let supporters: number[][] | undefined;
    const sole = members.length === 1 && !this.attackers[members[0]!]!.includes(members[0]!) && !this.supporters[members[0]!]!.includes(members[0]!);
    if (sole) {
      const v = members[0]!;
      for (const u of this.attackers[v]!) slots.push(u);
      for (const u of this.supporters[v]!) slots.push(u);
    } else {
      const local = new Map<number, number>();
      members.forEach((v, i) => local.set(v, i));
      const localOf = (u: number) => {
        let i = local.get(u);
        if (i === undefined) {
          i = slots.length;
          slots.push(u);
          local.set(u, i);
        }
        return i;
      };
      attackers = members.map((v) => this.attackers[v]!.map(localOf));
      supporters = members.map((v) => this.supporters[v]!.map(localOf));
    }
    const n = slots.length;
    const strength = new Float64Array(n);
    const grounded = new Array<GroundedStatus>(n);
    const text = new Array<string | null>(n);
    const base = new Float64Array(members.length);
    for (let i = 0; i < n; i++) {
      const u = slots[i]!;
      strength[i] = this.strength[u]!;
      grounded[i] = this.grounded[u]!;
      const owner = this.owners[u]!;
      text[i] = owner.kind === 'claim' ? owner.record.claim.text : null;
      if (i < members.length) base[i] = this.base[u]!;
    }
    const attackerCount = sole ? this.attackers[members[0]!]!.length : 0;
    return { slots, strength, grounded, text, base, attackers, supporters, attackerCount, members: members.length === 1 ? SOLE : members.map((_, i) => i) };
  }

  /** The copy as a framework of its own, for `contributionsTo`; built when an explanation is read. */
  private frameworkOf(copy: ComponentCopy): IndexedFramework {
    const n = copy.slots.length;
    const m = copy.members.length;
    const ids = copy.slots.map((u) => this.ids[u]!);
    const base = new Float64Array(n);
    base.set(copy.base);
    let attackers = copy.attackers;
    let supporters = copy.supporters;
    if (!attackers || !supporters) {
      const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
      attackers = [range(1, 1 + copy.attackerCount)];
      supporters = [range(1 + copy.attackerCount, n)];
    }
    const none: number[] = [];
    return {
      ids,
      indexOf: new Map(ids.map((id, i) => [id, i])),
      base,
      attackers: Array.from({ length: n }, (_, i) => (i < m ? attackers![i]! : none)),
      supporters: Array.from({ length: n }, (_, i) => (i < m ? supporters![i]! : none)),
      // The leave-one-out solves read only base, attackers and supporters.
      attacked: [],
      influenced: [],
    };
  }

  /** A contributor as explanations show it; `incoming`: how many of the claim's relations count. */
  private describe(record: ClaimRecord, incoming: number, owner: SlotOwner, text: string | null, c: Omit<Contribution, 'id'>): Contributor {
    if (owner.kind === 'evidence') {
      const evidence = owner.record.view;
      return {
        kind: 'evidence',
        evidenceId: evidence.id,
        sourceId: evidence.sourceId,
        sourceTitle: this.settings.titleOf?.(evidence.sourceId) ?? null,
        stance: evidence.stance,
        locator: evidence.locator,
        strength: c.strength,
        effect: c.effect,
      };
    }
    const from = owner.record.id;
    const kinds: ClaimRelation[] = [];
    for (let i = 0; i < incoming; i++) {
      const relation = record.incoming[i]!;
      if (relation.fromClaimId === from && !kinds.includes(relation.relation)) kinds.push(relation.relation);
    }
    kinds.sort();
    return {
      kind: 'claim',
      claimId: from,
      text: text!,
      relations: kinds.filter((r) => (c.relation === 'support' ? r === 'supports' : r !== 'supports')),
      strength: c.strength,
      grounded: c.grounded,
      effect: c.effect,
    };
  }

  /** Keeps the totals the question's status is read from as entries come and go. */
  private count(entry: ClaimConsensus | undefined, sign: 1 | -1, record: ClaimRecord): void {
    if (!entry) return;
    if (entry.kind === 'answer') {
      if (entry.label === 'contested') this.answersContested += sign;
      if (entry.label === 'accepted') {
        this.answersAccepted += sign;
        if (sign > 0) this.acceptedAnswers.add(record);
        else this.acceptedAnswers.delete(record);
      }
    } else if (entry.kind === 'hypothesis' && entry.label === 'contested') {
      this.hypothesesContested += sign;
    }
  }

  /** `questionStatus` from the totals. */
  private status(): QuestionStatus {
    if (this.answersContested > 0) return 'contested';
    if (this.answersAccepted > 0) return 'answered';
    if (this.hypothesesContested > 0) return 'contested';
    return 'open';
  }

  /** `checkResolution`, reading labels from the records instead of scanning every claim. */
  private resolution(resolution: QuestionView['resolution'], status: QuestionStatus): ResolutionCheck {
    if (resolution === null) return NO_RESOLUTION();
    const acceptedClaimIds = [...new Set(resolution.acceptedClaimIds)];
    const disagreements: ResolutionDisagreement[] = [];
    for (const claimId of acceptedClaimIds) {
      const label: ClaimLabel | null = this.records.get(claimId)?.entry?.label ?? null;
      if (label !== 'accepted') disagreements.push({ kind: 'not-accepted', claimId, label });
    }
    const listed = new Set(acceptedClaimIds);
    const omitted = [...this.acceptedAnswers].filter((r) => !listed.has(r.id)).sort((a, b) => a.index - b.index);
    for (const record of omitted) disagreements.push({ kind: 'accepted-answer-omitted', claimId: record.id });
    if (status === 'contested') disagreements.push({ kind: 'question-contested' });
    return { exists: true, summary: resolution.summary, acceptedClaimIds, agrees: disagreements.length === 0, disagreements };
  }
}

/** A claim's explanation, computed when first read and then kept. */
class LazyExplanation {
  constructor(
    private compute: (() => ClaimExplanation) | undefined,
    private value?: ClaimExplanation,
  ) {}

  get(): ClaimExplanation {
    if (this.value === undefined) {
      this.value = this.compute!();
      this.compute = undefined;
    }
    return this.value;
  }
}

/** A component and its contributors as they stood when an explanation was asked for. */
interface ComponentCopy {
  /** The slot of each local argument: the members first, then their other contributors. */
  slots: number[];
  strength: Float64Array;
  grounded: GroundedStatus[];
  /** A claim's text then; null for evidence. */
  text: (string | null)[];
  /** The members' base scores. */
  base: Float64Array;
  /** The members' attackers and supporters, locally; absent for one member (see `attackerCount`). */
  attackers: number[][] | undefined;
  supporters: number[][] | undefined;
  /** For one member: its first this many contributors attack it, the rest support it. */
  attackerCount: number;
  members: readonly number[];
}

const SOLE: readonly number[] = [0];
const NONE: number[] = [];
const NO_INDEX: ReadonlyMap<string, number> = new Map();

function removeFrom(list: number[], v: number): void {
  if (list === NONE) return;
  const at = list.indexOf(v);
  if (at >= 0) list.splice(at, 1);
}

