import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { ClaimKind, ClaimRelation, Credibility, EvidenceStance, StanceKind } from '../../question/question.events';
import { WriteBody } from './provenance.dto';
import { REASON_MAX } from './question.dto';

export const CLAIM_KINDS: ClaimKind[] = ['answer', 'hypothesis', 'background'];
export const CLAIM_RELATIONS: ClaimRelation[] = ['supports', 'rebuts', 'undercuts'];

export class RespondsToDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  claimId!: string;

  @ApiProperty({ enum: CLAIM_RELATIONS, example: 'supports' })
  @IsIn(CLAIM_RELATIONS)
  relation!: ClaimRelation;
}

export class ProposeClaimDto extends WriteBody {
  @ApiProperty({
    example:
      'The allowance may have been a budgetary device: the NKVD did not normally pay welfare to foreigners who were not its employees.',
    minLength: 1,
    maxLength: 5_000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000)
  text!: string;

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

export class ReviseClaimDto extends WriteBody {
  @ApiProperty({ minLength: 1, maxLength: 5_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000)
  text!: string;

  @ApiProperty({ example: 'Preston calls it "a feeble suggestion": say so', maxLength: REASON_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class RelateClaimsDto extends WriteBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  fromClaimId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  toClaimId!: string;

  @ApiProperty({ enum: CLAIM_RELATIONS, example: 'undercuts' })
  @IsIn(CLAIM_RELATIONS)
  relation!: ClaimRelation;
}

export const EVIDENCE_STANCES: EvidenceStance[] = ['supports', 'undermines'];

export class AttachEvidenceDto extends WriteBody {
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

  @ApiPropertyOptional({ minimum: 1, maximum: 6, example: 2, description: 'Admiralty information credibility: 1 confirmed … 5 improbable, 6 cannot be judged' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  credibility?: Credibility;
}

export const STANCE_KINDS: StanceKind[] = ['endorse', 'dispute'];

export class RecordStanceDto extends WriteBody {
  @ApiProperty({ enum: STANCE_KINDS, example: 'endorse' })
  @IsIn(STANCE_KINDS)
  stance!: StanceKind;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.7 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  confidence!: number;
}
