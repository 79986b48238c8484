import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank } from '../../../http/text';
import { DEFAULT_PROOF_STANDARD, PROOF_STANDARDS, type ProofStandard } from '../../../../contract/question.events';
import { WriteBody } from './provenance.dto';
import type { ChangeProofStandardInput, OpenQuestionInput, ReasonInput, ResolveQuestionInput, RewordQuestionInput } from '../../application/write-table/write-inputs';

export const REASON_MAX = 2_000;

const PROOF_STANDARD_DESCRIPTION =
  'How strong a claim\'s case must be to be labelled established (after Carneades), weakest first: scintilla, ' +
  'preponderance, clear-and-convincing, beyond-reasonable-doubt (docs/consensus.md gives the thresholds).';

export class OpenQuestionDto extends WriteBody implements OpenQuestionInput {
  @ApiProperty({
    example: 'What was the relationship in the second half of the 1940s between the Soviet Red Cross, the Communist Party of Spain and the NKVD?',
    minLength: 1,
    maxLength: 300,
  })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({
    example: 'In 1947 the PCE in France drew up the "N\'X Comrades" list; some of their families received a 600-rouble allowance paid by the "Red Cross".',
    maxLength: 20_000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  body?: string;

  @ApiPropertyOptional({ example: ['soviet-red-cross', 'pce', 'nkvd'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Makes this a follow-up (sub-question) of an open question' })
  @IsOptional()
  @IsUUID()
  parentQuestionId?: string;

  @ApiPropertyOptional({ enum: PROOF_STANDARDS, default: DEFAULT_PROOF_STANDARD, description: `${PROOF_STANDARD_DESCRIPTION} Default ${DEFAULT_PROOF_STANDARD}.` })
  @IsOptional()
  @IsIn(PROOF_STANDARDS)
  proofStandard?: ProofStandard;
}

export class ChangeProofStandardDto extends WriteBody implements ChangeProofStandardInput {
  @ApiProperty({ enum: PROOF_STANDARDS, example: 'clear-and-convincing', description: PROOF_STANDARD_DESCRIPTION })
  @IsIn(PROOF_STANDARDS)
  proofStandard!: ProofStandard;

  @ApiProperty({ example: 'A claim of NKVD control needs more than one catalogue heading', maxLength: REASON_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class RewordQuestionDto extends WriteBody implements RewordQuestionInput {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20_000 })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  body?: string;

  @ApiProperty({ example: 'Name the years the question is about', maxLength: REASON_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  reason!: string;
}

export class ResolveQuestionDto extends WriteBody implements ResolveQuestionInput {
  @ApiProperty({ example: 'The allowance was most likely NKVD money routed through the Soviet Red Cross.', maxLength: 5_000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(5_000)
  summary!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 1_000 })
  @IsArray()
  @ArrayMaxSize(1_000)
  @IsUUID(undefined, { each: true })
  acceptedClaimIds!: string[];
}

export class ReasonDto extends WriteBody implements ReasonInput {
  @ApiProperty({ example: 'New files opened at GARF', maxLength: REASON_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  reason!: string;
}
