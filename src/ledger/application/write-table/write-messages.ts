import type { CommandContext } from '../../provenance/provenance';
import { Write, type SubjectArgs, type UnaddressedWrite, type WriteInputs, type WriteName } from './write';

/**
 * A named constructor per write, for code that puts writes on the bus itself (tests, benches):
 * `new ProposeClaim(questionId, input, context)` is `new Write('ProposeClaim', input, context, undefined, questionId)`.
 * Each is a subclass of `Write` and goes to the same handler.
 */
const about = <N extends Exclude<WriteName, UnaddressedWrite>>(name: N) =>
  class extends Write<N> {
    constructor(subjectId: string, input: WriteInputs[N], context: CommandContext, ifMatch?: bigint) {
      super(name, input, context, ifMatch, subjectId);
    }
  };
const unaddressed = <N extends UnaddressedWrite>(name: N) =>
  class extends Write<N> {
    constructor(input: WriteInputs[N], context: CommandContext, ifMatch?: bigint) {
      super(name, input, context, ifMatch);
    }
  };

/** Builds the write a route or an import entry sends: the subject id, when the write has one, last. */
export function writeOf<N extends WriteName>(name: N, input: WriteInputs[N], context: CommandContext, ifMatch: bigint | undefined, ...subject: SubjectArgs<N>): Write<N> {
  return new Write(name, input, context, ifMatch, subject[0]);
}

export const OpenQuestion = unaddressed('OpenQuestion');
export type OpenQuestion = Write<'OpenQuestion'>;
export const RewordQuestion = about('RewordQuestion');
export type RewordQuestion = Write<'RewordQuestion'>;
export const ChangeProofStandard = about('ChangeProofStandard');
export type ChangeProofStandard = Write<'ChangeProofStandard'>;
export const ResolveQuestion = about('ResolveQuestion');
export type ResolveQuestion = Write<'ResolveQuestion'>;
export const ReopenQuestion = about('ReopenQuestion');
export type ReopenQuestion = Write<'ReopenQuestion'>;
export const ProposeClaim = about('ProposeClaim');
export type ProposeClaim = Write<'ProposeClaim'>;
export const ReviseClaim = about('ReviseClaim');
export type ReviseClaim = Write<'ReviseClaim'>;
export const RetractClaim = about('RetractClaim');
export type RetractClaim = Write<'RetractClaim'>;
export const RelateClaims = unaddressed('RelateClaims');
export type RelateClaims = Write<'RelateClaims'>;
export const RecordStance = about('RecordStance');
export type RecordStance = Write<'RecordStance'>;
export const AttachEvidence = about('AttachEvidence');
export type AttachEvidence = Write<'AttachEvidence'>;
export const VerifyEvidence = about('VerifyEvidence');
export type VerifyEvidence = Write<'VerifyEvidence'>;
export const WithdrawEvidence = about('WithdrawEvidence');
export type WithdrawEvidence = Write<'WithdrawEvidence'>;
export const RegisterSource = unaddressed('RegisterSource');
export type RegisterSource = Write<'RegisterSource'>;
export const AppraiseSource = about('AppraiseSource');
export type AppraiseSource = Write<'AppraiseSource'>;
