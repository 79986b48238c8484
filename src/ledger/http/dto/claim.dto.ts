import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  isUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsNotBlank } from '../../../http/text';
import {
  VERIFICATIONS,
  type ClaimKind,
  type ClaimRelation,
  type Credibility,
  type EvidenceRelation,
  type EvidenceStance,
  type StanceKind,
  type Verification,
} from '../../../../contract/question.events';
import { WriteBody } from './provenance.dto';
import type {
  AttachEvidenceInput,
  ProposeClaimInput,
  RecordStanceInput,
  RelateClaimsInput,
  ReviseClaimInput,
  VerifyEvidenceInput,
} from '../../application/write-table/write-inputs';
import { API_DEFAULT_VERIFICATION } from '../../application/write-table/evidence.writes';
import { REASON_MAX } from './question.dto';

export const CLAIM_KINDS: ClaimKind[] = ['answer', 'hypothesis', 'background'];
export const CLAIM_RELATIONS: ClaimRelation[] = ['supports', 'rebuts', 'undercuts', 'competes'];
export const EVIDENCE_RELATIONS: EvidenceRelation[] = ['supports', 'rebuts', 'undercuts'];

const RELATION_DESCRIPTION =
  'supports; rebuts (attacks the conclusion); undercuts (attacks the inference or the evidence behind it); ' +
  'competes (a rival explanation of the same thing: symmetric, between two claims only)';

export class RespondsToDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  claimId!: string;

  @ApiProperty({ enum: CLAIM_RELATIONS, example: 'supports', description: RELATION_DESCRIPTION })
  @IsIn(CLAIM_RELATIONS)
  relation!: ClaimRelation;
}

/** The longest claim text, and the longest verbatim passage a claim may keep (a post's paragraph or two). */
export const CLAIM_TEXT_MAX = 5_000;
export const CLAIM_PASSAGE_MAX = 10_000;

export class ProposeClaimDto extends WriteBody implements ProposeClaimInput {
  @ApiProperty({
    example:
      'The allowance may have been a budgetary device: perhaps the NKVD did not normally provide welfare payments for foreigners who were not its employees ("just a feeble suggestion").',
    minLength: 1,
    maxLength: CLAIM_TEXT_MAX,
  })
  @IsString()
  @IsNotBlank()
  @MaxLength(CLAIM_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({
    type: String,
    description:
      'The verbatim passage the claim paraphrases, when it is drawn from a text (a forum post, a letter), so that a reader can set ' +
      'the paraphrase beside the original and see what is editorial. Quoted exactly, hedges and all; omit it (or null) when the claim is drawn from no text.',
    example:
      'My only--and probably not very useful--guess is that it might have been a budgetary device to get around the fact that perhaps the NKVD did not normally provide welfare payments for foreigners who were not their employees. However, this is just a feeble suggestion.',
    minLength: 1,
    maxLength: CLAIM_PASSAGE_MAX,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(CLAIM_PASSAGE_MAX)
  passage?: string | null;

  @ApiProperty({ enum: CLAIM_KINDS, example: 'hypothesis' })
  @IsIn(CLAIM_KINDS)
  kind!: ClaimKind;

  @ApiPropertyOptional({ type: RespondsToDto, description: 'Proposes this claim as a reply to another claim of the question' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RespondsToDto)
  respondsTo?: RespondsToDto;
}

export class ReviseClaimDto extends WriteBody implements ReviseClaimInput {
  @ApiProperty({ minLength: 1, maxLength: CLAIM_TEXT_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(CLAIM_TEXT_MAX)
  text!: string;

  @ApiProperty({ example: 'Preston calls it "a feeble suggestion": say so', maxLength: REASON_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  reason!: string;
}

/** The relation's target is a claim (`toClaimId`) or a piece of evidence (`toEvidenceId`): exactly one of them. */
const hasClaimTarget = (body: object) => (body as RelateClaimsDto).toClaimId != null;
const hasEvidenceTarget = (body: object) => (body as RelateClaimsDto).toEvidenceId != null;

export class RelateClaimsDto extends WriteBody implements RelateClaimsInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromClaimId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The claim the relation bears on. Give this or `toEvidenceId`, not both.' })
  // Checked when given, and when neither target is given (then it is the one missing).
  @ValidateIf((body: object) => hasClaimTarget(body) || !hasEvidenceTarget(body))
  @ValidateBy({
    name: 'claimTarget',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isUUID(value),
      defaultMessage: (args?: ValidationArguments) =>
        args?.value == null ? 'give toClaimId (a claim) or toEvidenceId (a piece of evidence) as the target' : 'toClaimId must be a UUID',
    },
  })
  toClaimId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The piece of evidence of the same question the relation bears on (source criticism). Give this or `toClaimId`, not both.',
  })
  @IsOptional()
  @IsUUID()
  @ValidateBy({
    name: 'oneTarget',
    validator: { validate: (_value: unknown, args?: ValidationArguments) => !hasClaimTarget(args!.object) },
  }, { message: 'give toClaimId or toEvidenceId as the target, not both' })
  toEvidenceId?: string;

  @ApiProperty({ enum: CLAIM_RELATIONS, example: 'undercuts', description: `${RELATION_DESCRIPTION}. With \`toEvidenceId\`: supports, rebuts or undercuts.` })
  @IsIn(CLAIM_RELATIONS)
  @ValidateBy({
    name: 'relationForTarget',
    validator: { validate: (value: unknown, args?: ValidationArguments) => !hasEvidenceTarget(args!.object) || EVIDENCE_RELATIONS.includes(value as EvidenceRelation) },
  }, { message: 'competes relates two rival claims; a claim supports, rebuts or undercuts a piece of evidence' })
  relation!: ClaimRelation;
}

export const EVIDENCE_STANCES: EvidenceStance[] = ['supports', 'undermines'];

export class AttachEvidenceDto extends WriteBody implements AttachEvidenceInput {
  @ApiProperty({ format: 'uuid', description: 'A registered source' })
  @IsUUID()
  sourceId!: string;

  @ApiProperty({ enum: EVIDENCE_STANCES, example: 'supports' })
  @IsIn(EVIDENCE_STANCES)
  stance!: EvidenceStance;

  @ApiPropertyOptional({ example: 'op. 17, d. 8756', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  locator?: string;

  @ApiPropertyOptional({ example: 'the head of the Office of External Relations was always a Cheka–OGPU–NKVD–KGB appointee', maxLength: 5_000 })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  quote?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 6, example: 2, description: 'Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  credibility?: Credibility;

  @ApiPropertyOptional({
    enum: VERIFICATIONS,
    default: API_DEFAULT_VERIFICATION,
    description:
      'Has anybody read it? `cited`: a reference given but not yet examined (a lead to follow, with no weight); ' +
      '`examined`: the document was read at the locator; `transcribed`: the quote is verbatim from it. ' +
      'Default `examined`: whoever attaches a document through the API is taken to have read it; send `cited` ' +
      'for a reference you have not read. It can be raised later (POST /api/evidence/{id}/verification), never lowered.',
  })
  @IsOptional()
  @IsIn(VERIFICATIONS)
  verification?: Verification;
}

export class VerifyEvidenceDto extends WriteBody implements VerifyEvidenceInput {
  @ApiProperty({
    enum: VERIFICATIONS,
    example: 'transcribed',
    description:
      'The new verification, higher than the current one (cited < examined < transcribed). A wrong verification is ' +
      'not lowered: withdraw the evidence and attach it again.',
  })
  @IsIn(VERIFICATIONS)
  verification!: Verification;

  @ApiPropertyOptional({ example: 'Read at GARF in March 2024: the file is the list of allowances, ll. 12-14', maxLength: REASON_MAX })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  note?: string;
}

export const STANCE_KINDS: StanceKind[] = ['endorse', 'dispute'];

export class RecordStanceDto extends WriteBody implements RecordStanceInput {
  @ApiProperty({ enum: STANCE_KINDS, example: 'endorse' })
  @IsIn(STANCE_KINDS)
  stance!: StanceKind;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidence!: number;
}
