import type { DisagreementForExport, ExportInput } from './export-input';
import { consensusOf, type ItemNumbers } from './ledger-items';

export interface ResolutionAgreement {
  /** Null when there is no resolution to agree with. */
  agrees: boolean | null;
  /** Empty when it agrees. */
  disagreements: DisagreementForExport[];
}

/**
 * Whether the moderator's resolution agrees with the computed consensus. The engine's own check is
 * used when the input carries it; otherwise the same three rules as `checkResolution` in
 * projections/consensus are applied here, so an export of a stored view still flags a disagreement:
 * every claim the resolution accepts is labelled corroborated, no corroborated answer is left out,
 * and the question is not contested.
 */
export function resolutionAgreement(input: ExportInput): ResolutionAgreement {
  const resolution = input.question.resolution;
  if (resolution === null) return { agrees: null, disagreements: [] };
  if (input.consensus.resolution) return input.consensus.resolution;

  const disagreements: DisagreementForExport[] = [];
  const accepted = [...new Set(resolution.acceptedClaimIds)];
  for (const claimId of accepted) {
    const label = consensusOf(input, claimId)?.label ?? null;
    if (label !== 'corroborated') disagreements.push({ kind: 'not-corroborated', claimId, label });
  }
  for (const claim of input.question.claims.values()) {
    if (claim.kind === 'answer' && consensusOf(input, claim.id)?.label === 'corroborated' && !accepted.includes(claim.id)) {
      disagreements.push({ kind: 'corroborated-answer-omitted', claimId: claim.id });
    }
  }
  if (input.consensus.status === 'contested') disagreements.push({ kind: 'question-contested' });
  return { agrees: disagreements.length === 0, disagreements };
}

export function describeDisagreement(d: DisagreementForExport, numbers: ItemNumbers): string {
  switch (d.kind) {
    case 'not-corroborated':
      return d.label
        ? `The resolution accepts ${numbers.claim(d.claimId)}, which the ledger labels ${d.label}${
            d.label === 'open' || d.label === 'unverified' ? ': nothing in the record confirms it' : ', not corroborated'
          }.`
        : `The resolution accepts ${numbers.claim(d.claimId)}, which is no assessed claim of this question.`;
    case 'corroborated-answer-omitted':
      return `The resolution leaves out ${numbers.claim(d.claimId)}, an answer the ledger finds corroborated.`;
    case 'question-contested':
      return 'The resolution closes a question the ledger finds contested.';
  }
}
