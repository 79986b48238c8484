/**
 * The JSON the page reads from the ledger's API, as the presenters write it (src/ledger/http/presenters.ts,
 * src/read-side/consensus-presenter.ts). Positions and revisions are decimal strings.
 */

export type Label = 'corroborated' | 'unverified' | 'contested' | 'refuted' | 'open' | 'retracted';
export type QuestionStatus = Label | 'resolved' | string;
export type Axis = 'recorded' | 'occurred';
export type RelationKind = 'supports' | 'rebuts' | 'undercuts' | 'competes';

export interface PrincipalRef {
  id: string;
  name: string;
}

export interface Provenance {
  recordedBy: PrincipalRef;
  recordedAt: string;
  attributedTo: { name: string; location?: string; [key: string]: unknown };
  /** An instant or a partial date (`1947`, `1947-02`, `1947-02-10`): format with formatOccurred. */
  occurredAt: string;
  saidIn: string | null;
}

export interface QuestionSummary {
  id: string;
  title: string;
  tags: string[];
  parentQuestionId: string | null;
  subQuestionIds: string[];
  status: QuestionStatus;
  proofStandard: string;
  claimCount: number;
  liveClaimCount: number;
  provenance: Provenance;
  revision: string;
}

export interface ClaimVersion {
  text: string;
  passage?: string | null;
  provenance: Provenance;
  [key: string]: unknown;
}

export interface QuestionClaim {
  id: string;
  questionId: string;
  kind: string;
  text: string;
  passage: string | null;
  status: 'live' | 'retracted' | string;
  owner: PrincipalRef;
  provenance: Provenance;
  versions: ClaimVersion[];
  [key: string]: unknown;
}

export interface Relation {
  id: string;
  fromClaimId: string;
  toClaimId: string;
  relation: RelationKind;
  provenance: Provenance;
}

export interface EvidenceRelation {
  id: string;
  fromClaimId: string;
  toEvidenceId: string;
  relation: RelationKind;
  provenance: Provenance;
}

export interface Verification {
  verification: 'cited' | 'examined' | string;
  note: string | null;
  provenance: Provenance;
}

export interface QuestionEvidence {
  id: string;
  claimId: string;
  sourceId: string;
  stance: 'supports' | 'rebuts' | string;
  locator: string | null;
  quote: string | null;
  credibility: number | null;
  verification: string;
  verifications: Verification[];
  status: 'attached' | 'withdrawn' | string;
  owner: PrincipalRef;
  provenance: Provenance;
}

export interface QuestionDetail extends QuestionSummary {
  body: string;
  resolution: { summary: string; acceptedClaimIds: string[]; provenance: Provenance } | null;
  rewordings: unknown[];
  claims: QuestionClaim[];
  relations: Relation[];
  evidenceRelations: EvidenceRelation[];
  evidence: QuestionEvidence[];
  lastPosition: string;
}

export interface Bearing {
  kind: 'claim' | 'evidence' | string;
  id: string;
  name: string;
  strength: number | null;
  [key: string]: unknown;
}

export interface ConsensusClaim {
  id: string;
  text: string;
  kind: string;
  author: string;
  label: Label;
  contestedBecause: string | null;
  reading: string;
  strength: number | null;
  groundedStrength: number | null;
  base: number;
  status: string;
  grounded: boolean;
  /** What explains the label: only in an answer asked for with `explain=true` (the page asks per claim, GET …/consensus/claims/:claimId). */
  grounds?: Bearing[];
  against?: Bearing[];
  leads?: { sourceId: string; sourceTitle: string | null; [key: string]: unknown }[];
  rivals?: { claimId: string; [key: string]: unknown }[];
  wouldChange?: string[];
  counts: { supporters: number; attackers: number; undercutters: number };
  stances: { endorse: number; dispute: number; agreement: number | null };
}

export interface ConsensusEvidence {
  id: string;
  claimId: string;
  sourceId: string;
  sourceTitle: string | null;
  stance: string;
  locator: string | null;
  verification: string;
  weight: number;
  strength: number;
  status: string;
  counted: boolean;
  countedAs: string | null;
}

export interface Consensus {
  questionId: string;
  status: QuestionStatus;
  proofStandard: string;
  thresholds: { accept: number; reject: number; rivalMargin: number };
  semantics: string;
  asOf: string | null;
  axis: Axis;
  atPosition: string | null;
  position: string | null;
  resolution: { exists: boolean; acceptedClaimIds: string[]; agrees: boolean | null; disagreements: unknown[] };
  /** The whole question at a glance, whatever page of claims follows. */
  summary: {
    claims: number;
    liveClaims: number;
    evidence: number;
    labels: Record<Label, number>;
    acceptedAnswers: { id: string; text: string; strength: number | null; groundedStrength: number | null }[];
  };
  /** Every claim (LedgerApi.consensus reads every page): in an answer of the API, one page of them. */
  claims: ConsensusClaim[];
  evidence: ConsensusEvidence[];
}

export interface Contribution {
  kind: 'claim' | 'evidence' | string;
  id: string;
  name: string;
  role: string;
  relations: string[];
  strength: number | null;
  /** This contributor's share of the move from the base score to the strength; the shares add up. */
  effect: number;
}

export interface ClaimExplanation {
  questionId: string;
  position: string | null;
  claimId: string;
  label: Label;
  reading: string;
  base: number;
  strength: number | null;
  grounds: { kind: string; claimId?: string; evidenceId?: string; text?: string; [key: string]: unknown }[];
  against: Bearing[];
  wouldChange: string[];
  stances: { endorse: number; dispute: number; agreement: number | null };
  contributions: Contribution[];
  method: 'exact' | 'sampled' | string;
  samples: number | null;
  bound: number | null;
}

export type Change =
  | { kind: 'status'; from: string | null; to: string }
  | { kind: 'claim-added'; claimId: string; label: Label }
  | { kind: 'label'; claimId: string; from: Label; to: Label }
  | { kind: 'strength'; claimId: string; from: number | null; to: number | null; delta: number | null }
  | { kind: string; claimId?: string; [key: string]: unknown };

export interface TimelineEntry {
  position: string;
  eventId: string;
  type: string;
  stream: string;
  revision: string;
  provenance: Provenance;
  subjectId: string;
  changes: Change[];
}

export interface LedgerEvent {
  id: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { hash?: string; prevHash?: string; occurredAt?: string; recordedAt?: string };
}

export interface Source {
  id: string;
  title: string;
  [key: string]: unknown;
}

/** An RFC 9457 problem, as every error of the API is answered. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}
