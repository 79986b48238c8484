import type { Change, Consensus, ConsensusClaim, ConsensusEvidence, LedgerEvent } from './types';

/** The data of one `step` of `GET /api/questions/:id/replay` (SSE). */
export type ReplayStepData = Consensus & {
  event: LedgerEvent;
  /** True for the first step: `claims` and `evidence` are every claim and piece of that moment. */
  whole: boolean;
  /** What the event moved (labels, status, strengths past the threshold); empty in the first step. */
  changes: Change[];
};

/**
 * The whole consensus of a question's replay, kept up to date from its steps: the first step gives
 * every claim and piece of evidence; each later one only the claims changed since the step before,
 * with all the evidence on them. A claim keeps its place (new ones come last) and so does a piece of
 * evidence (new ones last, withdrawn ones gone), as the server orders them, so that `consensus` is
 * the step's consensus exactly, without the server sending the whole question at every step.
 */
export class ReplayPicture {
  private head: Omit<Consensus, 'claims' | 'evidence'> | null = null;
  private readonly claims: ConsensusClaim[] = [];
  private readonly placeOf = new Map<string, number>();
  /** Every piece by id, in the server's order (a Map keeps the place of a key set again). */
  private readonly evidence = new Map<string, ConsensusEvidence>();
  /** The ids of the pieces on each claim. */
  private readonly evidenceOn = new Map<string, Set<string>>();
  /** The event of the last step applied. */
  event: LedgerEvent | null = null;

  /** Applies the next step of the stream (a `whole` one starts the picture again). */
  apply(step: ReplayStepData): void {
    const { event, whole, changes: _changes, claims, evidence, ...head } = step;
    if (whole) {
      this.claims.length = 0;
      this.placeOf.clear();
      this.evidence.clear();
      this.evidenceOn.clear();
    }
    this.head = head;
    this.event = event;
    for (const claim of claims) {
      const place = this.placeOf.get(claim.id);
      if (place === undefined) {
        this.placeOf.set(claim.id, this.claims.length);
        this.claims.push(claim);
      } else this.claims[place] = claim;
    }
    const sent = new Map<string, ConsensusEvidence[]>();
    for (const piece of evidence) {
      const list = sent.get(piece.claimId);
      if (list) list.push(piece);
      else sent.set(piece.claimId, [piece]);
    }
    // Each claim sent comes with all the evidence on it: what it held before and is not sent has left.
    for (const claim of claims) {
      const pieces = sent.get(claim.id) ?? [];
      const now = new Set(pieces.map((piece) => piece.id));
      for (const id of this.evidenceOn.get(claim.id) ?? []) if (!now.has(id)) this.evidence.delete(id);
      for (const piece of pieces) this.evidence.set(piece.id, piece);
      this.evidenceOn.set(claim.id, now);
    }
  }

  /** The whole consensus after the last step applied; null before the first. */
  get consensus(): Consensus | null {
    if (!this.head) return null;
    return { ...this.head, claims: [...this.claims], evidence: [...this.evidence.values()] };
  }
}
