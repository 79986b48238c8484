import { nameClaim, nameSource } from '../consensus/claim-reading';
import { tallyStances } from '../consensus/stances';
import { isPartialDate } from '../dates/occurred';
import type { ClaimView, EvidenceView, VerificationStep } from '../questions/questions.projection';
import type { ClaimConsensusForExport, ClaimLabelForExport, ExportInput, QuestionStatusForExport, StancesForExport } from './export-input';

/**
 * The short names every export uses for a question's items: C1, C2… for claims in the order they were
 * proposed, E1, E2… for evidence in the order it was attached. Short, stable names let a reader match
 * a node of a graph with a line of a report.
 */
export interface ItemNumbers {
  claim(claimId: string): string;
  evidence(evidenceId: string): string;
}

export function numberItems(input: ExportInput): ItemNumbers {
  const claims = new Map([...input.question.claims.keys()].map((id, i) => [id, `C${i + 1}`]));
  const evidence = new Map([...input.question.evidence.keys()].map((id, i) => [id, `E${i + 1}`]));
  return {
    // An id that is no claim of the question (a dangling relation end) is still named, by its id.
    claim: (id) => claims.get(id) ?? id,
    evidence: (id) => evidence.get(id) ?? id,
  };
}

export function claimsOf(input: ExportInput): ClaimView[] {
  return [...input.question.claims.values()];
}

export function evidenceOf(input: ExportInput): EvidenceView[] {
  return [...input.question.evidence.values()];
}

/** The claim's consensus entry; a claim the consensus does not list is shown as unassessed. */
export function consensusOf(input: ExportInput, claimId: string): ClaimConsensusForExport | undefined {
  return input.consensus.claims.find((c) => c.id === claimId);
}

/**
 * The label to show. A retracted claim is shown as retracted even when the consensus passed in is
 * older than the retraction, so that no export presents a withdrawn claim as standing.
 */
export function labelOf(input: ExportInput, claim: ClaimView): ClaimLabelForExport | null {
  if (claim.status === 'retracted') return 'retracted';
  return consensusOf(input, claim.id)?.label ?? null;
}

/**
 * The stances on a claim, shown beside its label: the consensus's tally when it lists the claim,
 * otherwise the view's current stances.
 */
export function stancesOf(input: ExportInput, claim: ClaimView): StancesForExport {
  const stances = consensusOf(input, claim.id)?.stances;
  if (stances) return stances;
  const tally = tallyStances(claim.stances);
  return { endorse: tally.endorse, dispute: tally.dispute, agreement: tally.agreement };
}

/** "+2 −1": endorsements and disputes, the minus sign a real one. */
export function formatStances(stances: Pick<StancesForExport, 'endorse' | 'dispute'>): string {
  return `+${stances.endorse} −${stances.dispute}`;
}

/** "endorsed by 2, disputed by 1 (confidence-weighted agreement +0.30)", or "no stances taken". */
export function describeStances(stances: StancesForExport): string {
  if (stances.endorse === 0 && stances.dispute === 0) return 'no stances taken';
  const agreement = stances.agreement === null ? '' : ` (confidence-weighted agreement ${signed(stances.agreement)})`;
  return `endorsed by ${stances.endorse}, disputed by ${stances.dispute}${agreement}`;
}

/** A number with its sign, to two places: "+0.25", "−0.10", "0.00". */
export function signed(value: number): string {
  const fixed = Math.abs(value).toFixed(2);
  if (Number(fixed) === 0) return '0.00';
  return `${value > 0 ? '+' : '−'}${fixed}`;
}

/** Every label in the order the reports list them: what stands first, what fell last. */
export const LABELS_IN_ORDER: readonly ClaimLabelForExport[] = ['corroborated', 'contested', 'unverified', 'open', 'refuted', 'retracted'];

/**
 * What each label promises, short enough for a diagram's legend: `open` and `unverified` say plainly
 * that the claim is not established (DOMAIN.md).
 */
export const LABEL_LEGEND: Readonly<Record<ClaimLabelForExport, string>> = {
  corroborated: 'established: grounded in examined evidence, nothing against it prevails',
  contested: 'not settled either way',
  unverified: 'not established: asserted and unopposed, but nothing in the record confirms it',
  open: 'not established: nobody has argued either way, nothing in the record confirms it',
  refuted: 'defeated by an attack grounded in examined evidence',
  retracted: 'withdrawn by its author',
};

/** The note a diagram puts under the heading of a claim that is not established; null otherwise. */
export function notEstablishedNote(label: ClaimLabelForExport | null): string | null {
  return label === 'open' || label === 'unverified' ? 'not established: nothing in the record confirms it' : null;
}

/** What the question's computed status means. */
export const STATUS_MEANINGS: Readonly<Record<QuestionStatusForExport, string>> = {
  answered: 'an answer is corroborated and no rival answer is contested',
  unverified: 'the best answer is only unverified: nothing in the record confirms it',
  contested: 'its answers are contested, and the record does not settle it',
  open: 'no answer is established',
};

/** The step that gave the evidence its current verification (the last one): who attached, examined or transcribed it, and when. */
export function currentVerification(e: EvidenceView): VerificationStep | null {
  return e.verifications[e.verifications.length - 1] ?? null;
}

/** Cited, unexamined evidence: a lead to follow, with no weight for or against. */
export function isLead(e: EvidenceView): boolean {
  return e.verification === 'cited';
}

export function formatStrength(strength: number | null | undefined): string {
  return strength === null || strength === undefined ? '–' : strength.toFixed(2);
}

/**
 * The calendar date of an ISO-8601 timestamp as it was written, offset included: a forum post made at
 * 23:30 in New York is dated that evening, not the next day in UTC. A partial date (`1947`,
 * `1947-02`, `1947-02-10`) is printed exactly as given, never widened to a day or an instant.
 */
export function dateOf(timestamp: string): string {
  if (isPartialDate(timestamp)) return timestamp;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(timestamp);
  return match ? match[0] : timestamp;
}

/**
 * A strength for a reader: two decimals, with the float noise of iterative arithmetic gone
 * (0.9999999999999996 is 1.00); null (a retracted claim) stays null.
 */
export function roundStrength(strength: number | null | undefined): number | null {
  // toFixed, as formatStrength prints it, so a diagram and a report never differ in the last place.
  return strength === null || strength === undefined ? null : Number(strength.toFixed(2));
}

/**
 * The consensus's reading of a claim with every claim and piece of evidence it names given its short
 * name, so a reader can follow the "why" through the report or the map: the engine names a claim by
 * its opening words in quotes and a source by its title and locator; here the claim itself becomes
 * "C4", another claim "C7 “…”", a piece of evidence "E3, Title (locator)". Who verified a piece of
 * evidence and when is left to the evidence's own entry, so it is not repeated in every reading.
 */
export function readingWithNumbers(input: ExportInput, claimId: string, reading: string, numbers: ItemNumbers): string {
  const index = namesOf(input);
  if (!index.pattern) return reading;
  return reading.replace(index.pattern, (_match, name: string, verifiedBy: string | undefined) => {
    // Evidence before claims, the claim's own before others': a reading names the evidence attached to its claim.
    const evidence = index.evidence.get(name);
    if (evidence) {
      let chosen = evidence[evidence.length - 1];
      for (const e of evidence) if (e.claimId === claimId) chosen = e;
      // "…, transcribed by admin on 2026-11-30" only follows a source: dropped there.
      return `${numbers.evidence(chosen.id)}, ${name}`;
    }
    const owners = index.claims.get(name)!;
    // The claim's own name wins where two claims open with the same words.
    const replacement = owners.includes(claimId) ? numbers.claim(claimId) : `${numbers.claim(owners[owners.length - 1])} ${name}`;
    return verifiedBy === undefined ? replacement : replacement + verifiedBy;
  });
}

/** The names a reading may use for the question's claims and evidence, and one pattern for all of them. */
interface ReadingNames {
  /** A claim's name (any of its wordings) → the claims that bear it, in the question's order. */
  claims: Map<string, string[]>;
  /** A piece of evidence's name (source title, with or without its locator) → the evidence that bears it. */
  evidence: Map<string, { id: string; claimId: string }[]>;
  pattern: RegExp | null;
}

// Worked out once per export, not once per claim: the names are the same for every claim's reading
// (a question of 1,000 claims would otherwise build and compile a thousand patterns of 2,000 names).
const namesCache = new WeakMap<ExportInput, ReadingNames>();

function namesOf(input: ExportInput): ReadingNames {
  const cached = namesCache.get(input);
  if (cached) return cached;
  const claims = new Map<string, string[]>();
  for (const claim of claimsOf(input)) {
    for (const version of claim.versions) {
      const name = nameClaim(version.text);
      const owners = claims.get(name) ?? [];
      if (!owners.includes(claim.id)) owners.push(claim.id);
      claims.set(name, owners);
    }
  }
  const evidence = new Map<string, { id: string; claimId: string }[]>();
  for (const e of evidenceOf(input)) {
    const title = input.sources.get(e.sourceId)?.title ?? null;
    for (const name of new Set([nameSource(title, e.locator), nameSource(title)])) {
      const bearers = evidence.get(name) ?? [];
      bearers.push({ id: e.id, claimId: e.claimId });
      evidence.set(name, bearers);
    }
  }
  const needles = [...new Set([...claims.keys(), ...evidence.keys()])].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = needles.length === 0 ? null : new RegExp(`(${needles.join('|')})(, (?:examined|transcribed) by .+? on \\d{4}-\\d{2}-\\d{2})?`, 'gu');
  const names = { claims, evidence, pattern };
  namesCache.set(input, names);
  return names;
}

/**
 * Source ids in the order the question first refers to them: where the question was asked, where
 * each claim and each wording was said, then the sources of evidence. Duplicates appear once.
 */
export function referencedSourceIds(input: ExportInput): string[] {
  const ids = new Set<string>();
  const add = (id: string | null) => {
    if (id) ids.add(id);
  };
  add(input.question.provenance.saidIn);
  for (const claim of claimsOf(input)) {
    for (const version of claim.versions) add(version.provenance.saidIn);
    add(claim.retraction?.provenance.saidIn ?? null);
  }
  for (const relation of input.question.relations) add(relation.provenance.saidIn);
  for (const evidence of evidenceOf(input)) {
    add(evidence.sourceId);
    add(evidence.provenance.saidIn);
  }
  add(input.question.resolution?.provenance.saidIn ?? null);
  return [...ids];
}

/** Text on one line, for places (graph labels, list items) where a line break would break the layout. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const flat = oneLine(text);
  if ([...flat].length <= max) return flat;
  const cut = [...flat].slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
