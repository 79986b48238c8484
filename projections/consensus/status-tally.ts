import type { ClaimConsensus, QuestionStatus } from './question-consensus-types';

/**
 * The question's status (see `questionStatus`) kept up to date entry by entry, so that an update
 * that redoes a few claims' entries costs a few steps, not a pass over every answer and its rivals
 * (which, on a 10,000-claim question where corroborated answers have many rivals, took 15 ms).
 *
 * It counts the answers labelled contested and unverified, and for each corroborated answer how many
 * of the rivals its entry lists are contested answers (its blockers); an answer is `answered` as soon
 * as one corroborated answer has none. A reverse index (which answers list a claim among their
 * rivals) lets a claim that becomes or stops being a contested answer adjust exactly the answers it
 * blocks. `questionStatus(claims)` over the same entries gives the same status (property-tested).
 */
export class StatusTally {
  private readonly contestedAnswers = new Set<string>();
  private unverifiedAnswers = 0;
  /** Corroborated answers, each with its number of rivals that are contested answers. */
  private readonly blockers = new Map<string, number>();
  private unblocked = 0;
  /** For each claim id, the answers whose entry lists it among their rivals. */
  private readonly listedBy = new Map<string, Set<string>>();

  /** Replaces the entry counted for one claim (undefined: none yet, or none any more). */
  replace(before: ClaimConsensus | undefined, after: ClaimConsensus | undefined): void {
    if (before === after) return;
    if (before?.kind === 'answer') this.remove(before);
    if (after?.kind === 'answer') this.add(after);
  }

  get status(): QuestionStatus {
    if (this.unblocked > 0) return 'answered';
    if (this.contestedAnswers.size > 0 || this.blockers.size > 0) return 'contested';
    return this.unverifiedAnswers > 0 ? 'unverified' : 'open';
  }

  /** The ids of the corroborated answers, in no particular order. */
  corroboratedAnswers(): IterableIterator<string> {
    return this.blockers.keys();
  }

  private add(entry: ClaimConsensus): void {
    const id = entry.id;
    for (const r of entry.rivals) {
      let listing = this.listedBy.get(r.claimId);
      if (!listing) this.listedBy.set(r.claimId, (listing = new Set()));
      listing.add(id);
    }
    if (entry.label === 'corroborated') {
      let count = 0;
      for (const r of entry.rivals) if (this.contestedAnswers.has(r.claimId)) count++;
      this.blockers.set(id, count);
      if (count === 0) this.unblocked++;
    } else if (entry.label === 'contested') {
      this.contestedAnswers.add(id);
      this.adjustBlocked(id, +1);
    } else if (entry.label === 'unverified') this.unverifiedAnswers++;
  }

  private remove(entry: ClaimConsensus): void {
    const id = entry.id;
    for (const r of entry.rivals) {
      const listing = this.listedBy.get(r.claimId);
      if (!listing) continue;
      listing.delete(id);
      if (listing.size === 0) this.listedBy.delete(r.claimId);
    }
    if (entry.label === 'corroborated') {
      if (this.blockers.get(id) === 0) this.unblocked--;
      this.blockers.delete(id);
    } else if (entry.label === 'contested') {
      this.contestedAnswers.delete(id);
      this.adjustBlocked(id, -1);
    } else if (entry.label === 'unverified') this.unverifiedAnswers--;
  }

  /** `id` became (+1) or stopped being (−1) a contested answer: the corroborated answers listing it as a rival. */
  private adjustBlocked(id: string, by: 1 | -1): void {
    for (const c of this.listedBy.get(id) ?? []) {
      const count = this.blockers.get(c);
      if (count === undefined) continue;
      if (count === 0) this.unblocked--;
      this.blockers.set(c, count + by);
      if (count + by === 0) this.unblocked++;
    }
  }
}
