import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { instantOf } from '../../provenance/provenance';

/** Clocks disagree a little; a date this far ahead of the server is still "now". */
const CLOCK_SKEW_MS = 5_000;

function IsNotInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must not be in the future`, ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) <= Date.now() + CLOCK_SKEW_MS,
      },
    });
}

/** ISO-8601 forms that name no instant the ledger can read (week, ordinal, basic, comma fraction) are refused here, not when sealing. */
function IsReadableInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isReadableInstant',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a calendar date and time such as 2021-02-12T03:13:00-08:00`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || instantOf(value) !== undefined },
    });
}

export class AttributionDto {
  @ApiPropertyOptional({ example: 'Boris Volodarsky' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'WAIS' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  affiliation?: string;

  @ApiPropertyOptional({ example: 'Austria' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
}

/** Where a contribution comes from, when it is not the recording principal speaking now. */
export class ProvenanceDto {
  @ApiPropertyOptional({ type: AttributionDto, description: 'Who originally said it (the historical author)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttributionDto)
  attributedTo?: AttributionDto;

  @ApiPropertyOptional({ example: '2021-02-12T03:13:00-08:00', description: 'When it was originally said (ISO-8601, not in the future)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsReadableInstant()
  @IsNotInFuture()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The registered source where it was said (a forum post, a letter)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  saidIn?: string;
}

/** Every write body may carry provenance. */
export abstract class WriteBody {
  @ApiPropertyOptional({ type: ProvenanceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProvenanceDto)
  provenance?: ProvenanceDto;
}
