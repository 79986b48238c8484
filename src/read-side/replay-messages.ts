import { diffConsensusAt, type ClaimConsensus, type QuestionConsensus } from '../../projections/consensus';
import { CHANGE_STRENGTH_THRESHOLD } from '../../projections/current-consensus/current-consensus.projection';
import type { RecordedEvent } from '../event-store/event-store.port';
import { recordedEventToJson } from '../event-store/event-json';
import { presentConsensus, presentConsensusPage } from './consensus-presenter';

/**
 * The places (ascending) of the claims of `after` whose entry differs from `before`, or on which a
 * piece of evidence appeared, changed or left: everything a reader holding `before` must be sent to
 * hold `after`. The engine keeps every entry it did not redo as the same object, and a claim keeps
 * its place (claims are only appended), so comparing objects place by place finds them; one
 * redone but equal is sent all the same. O(claims + evidence) pointer comparisons.
 */
export function changedClaimPlaces(before: QuestionConsensus, after: QuestionConsensus): number[] {
  const changed = new Uint8Array(after.claims.length);
  for (let place = 0; place < after.claims.length; place++) if (before.claims[place] !== after.claims[place]) changed[place] = 1;

  let placeOf: Map<string, number> | undefined;
  const markClaimOf = (claimId: string) => {
    placeOf ??= new Map(after.claims.map((claim, place) => [claim.id, place]));
    const place = placeOf.get(claimId);
    if (place !== undefined) changed[place] = 1;
  };
  const then = before.evidence;
  const now = after.evidence;
  // Evidence keeps its order (new pieces appended); only a piece leaving shifts the ones after it.
  let shifted = false;
  const common = Math.min(then.length, now.length);
  for (let i = 0; i < common; i++) {
    if (then[i] === now[i]) continue;
    if (then[i]!.id !== now[i]!.id) {
      shifted = true;
      break;
    }
    markClaimOf(now[i]!.claimId);
  }
  if (shifted) {
    const earlier = new Map(then.map((piece) => [piece.id, piece]));
    const present = new Set<string>();
    for (const piece of now) {
      present.add(piece.id);
      if (earlier.get(piece.id) !== piece) markClaimOf(piece.claimId);
    }
    for (const piece of then) if (!present.has(piece.id)) markClaimOf(piece.claimId);
  } else {
    for (let i = common; i < now.length; i++) markClaimOf(now[i]!.claimId);
    for (let i = common; i < then.length; i++) markClaimOf(then[i]!.claimId);
  }

  const places: number[] = [];
  changed.forEach((flag, place) => {
    if (flag) places.push(place);
  });
  return places;
}

/**
 * The data of one replay `step`: the event, then the consensus right after it in the live stream's
 * shape (`presentConsensusPage`: status, summary…, the claims given, explained, and the evidence on
 * them) and `changes` (label, status and strength moves, as in the timeline). The first step
 * (`before` null) is `whole`: every claim and every piece of evidence of that moment, in order, and
 * no changes. Each later step carries the claims changed since `before` (`changedClaimPlaces`) and
 * all the evidence on each: a reader replaces those claims (or appends a new one) and, for each,
 * the evidence it holds on it (`web/src/api/replay-picture.ts` does).
 */
export function replayStepData(event: RecordedEvent, consensus: QuestionConsensus, before: QuestionConsensus | null) {
  const position = event.position;
  if (before === null) return { event: recordedEventToJson(event), whole: true, ...presentConsensus(consensus, position), changes: [] };
  const places = changedClaimPlaces(before, consensus);
  const claims: ClaimConsensus[] = places.map((place) => consensus.claims[place]!);
  return {
    event: recordedEventToJson(event),
    whole: false,
    ...presentConsensusPage(consensus, position, undefined, claims, true),
    // Only the places found can differ (and more may be listed): what the timeline's diff compares.
    changes: diffConsensusAt(before, consensus, places, CHANGE_STRENGTH_THRESHOLD),
  };
}
