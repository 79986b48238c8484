import type { Contributor } from './question-consensus-types';
import type { ClaimLabel } from './labels';
import type { GroundedStatus } from './types';

const CLAIM_TEXT_LENGTH = 60;
const SOURCE_TITLE_LENGTH = 80;
const SHOWN_PER_SIDE = 3;

/** `text` on one line, cut at a word boundary to at most `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** Claim names by text: a claim is named again in every explanation it appears in. Bounded. */
const claimNames = new Map<string, string>();
const CLAIM_NAMES_KEPT = 20_000;

/** A claim as a reader would recognise it: its opening words, quoted. */
export function nameClaim(text: string): string {
  let name = claimNames.get(text);
  if (name === undefined) {
    name = `“${shorten(text, CLAIM_TEXT_LENGTH)}”`;
    if (claimNames.size >= CLAIM_NAMES_KEPT) claimNames.clear();
    claimNames.set(text, name);
  }
  return name;
}

function nameSource(title: string | null): string {
  return title ? shorten(title, SOURCE_TITLE_LENGTH) : 'an untitled source';
}

function signed(x: number): string {
  return `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;
}

/** A contributor with the details a reader needs to find it: the locator for evidence, then the effect. */
function cite(c: Contributor): string {
  if (c.kind === 'claim') return `${nameClaim(c.text)} (${signed(c.effect)})`;
  const where = c.locator ? `${shorten(c.locator, 40)}; ` : '';
  return `${nameSource(c.sourceTitle)} (${where}${signed(c.effect)})`;
}

function name(c: Contributor): string {
  return c.kind === 'claim' ? nameClaim(c.text) : nameSource(c.sourceTitle);
}

function series(items: readonly string[], more = 0): string {
  const all = more > 0 ? [...items, `${more} more`] : [...items];
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

function side(verb: string, contributors: readonly Contributor[]): string {
  const shown = contributors.slice(0, SHOWN_PER_SIDE).map(cite);
  return `${verb} ${series(shown, contributors.length - shown.length)}`;
}

export interface SummaryInput {
  readonly text: string;
  readonly label: ClaimLabel;
  readonly strength: number | null;
  readonly base: number | null;
  readonly grounded: GroundedStatus | null;
  readonly attackers: readonly Contributor[];
  readonly supporters: readonly Contributor[];
  readonly retractionReason?: string | null;
}

/**
 * One sentence saying where a claim stands and why, e.g.
 * `“The Soviet Red Cross was an arm of the NKVD” is accepted at strength 0.80 (from 0.50): supported
 * by GARF f. R-9501 (op. 17, d. 8756; +0.30); nothing stands against it.`
 * Claims are named by their opening words and sources by title, never by id; at most three
 * contributors are shown a side, the largest effects first.
 */
export function summariseClaim(claim: SummaryInput): string {
  const subject = nameClaim(claim.text);
  if (claim.label === 'retracted') {
    const why = claim.retractionReason ? ` (“${shorten(claim.retractionReason, CLAIM_TEXT_LENGTH)}”)` : '';
    return `${subject} was retracted${why} and no longer counts for or against any claim.`;
  }
  if (claim.label === 'open') return `${subject} is open: nothing has yet been said for or against it.`;
  const moves = [
    ...(claim.supporters.length > 0 ? [side('supported by', claim.supporters)] : []),
    ...(claim.attackers.length > 0 ? [side('attacked by', claim.attackers)] : []),
  ];
  const at = `at strength ${claim.strength!.toFixed(2)} (from ${claim.base!.toFixed(2)})`;
  return `${subject} is ${claim.label} ${at}: ${moves.join('; ')}; ${groundedReason(claim)}.`;
}

function groundedReason(claim: SummaryInput): string {
  if (claim.grounded === 'in') {
    const reason =
      claim.attackers.length === 0 ? 'nothing stands against it' : 'every objection to it is itself defeated';
    // Grounded in but not accepted: the numbers, not a standing objection, hold it back.
    if (claim.label === 'contested') return `${reason}, but it is not yet strong enough to be accepted`;
    if (claim.label === 'rejected') return `${reason}, yet together they leave it weak`;
    return reason;
  }
  if (claim.grounded === 'out') {
    const standing = claim.attackers.filter((c) => c.kind === 'evidence' || c.grounded === 'in').map(name);
    const shown = standing.slice(0, SHOWN_PER_SIDE);
    const verb = standing.length === 1 ? 'stands' : 'stand';
    return `${series(shown, standing.length - shown.length)} ${verb} against it undefeated`;
  }
  return 'whether its objections stand is unresolved, as they are caught in a circle of rebuttals';
}

/** A retracted claim's place in the consensus: no strength, no label of its own, and why it was retracted. */
export function retractedStanding(text: string, reason: string | null) {
  const summary = summariseClaim({ text, label: 'retracted', strength: null, base: null, grounded: null, attackers: [], supporters: [], retractionReason: reason });
  return {
    label: 'retracted' as const,
    strength: null,
    grounded: null,
    base: null,
    explanation: { summary, attackers: [], supporters: [] },
  };
}
