import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { IsNotBlank } from '../../../http/text';
import { parseStrictDate } from '../../../dates/strict-date';
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
        validate: (value: unknown) => {
          const instant = typeof value === 'string' ? instantOf(value) : undefined;
          return instant === undefined || Date.parse(instant) <= Date.now() + CLOCK_SKEW_MS;
        },
      },
    });
}

/**
 * A date the one strict parser reads (src/dates/strict-date.ts): a calendar date, partial or with a
 * time and a zone. The refusal says why (a time without a zone, an impossible date, a BC year, a week
 * or ordinal form…), here and not when sealing.
 */
function IsReadableInstant(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isReadableInstant',
      target: object.constructor,
      propertyName,
      options: {
        message: (args: ValidationArguments) => {
          const parsed = parseStrictDate(args.value);
          return `${propertyName} ${parsed.ok ? 'is not a date' : parsed.reason}; e.g. 2021-02-12T03:13:00-08:00`;
        },
        ...options,
      },
      validator: { validate: (value: unknown) => parseStrictDate(value).ok },
    });
}

export class AttributionDto {
  @ApiPropertyOptional({ example: 'Boris Volodarsky' })
  @IsString()
  @IsNotBlank()
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

  @ApiPropertyOptional({ example: '2021-02-12T03:13:00-08:00', description: 'When it was originally said, not in the future: a date and time with a zone (Z or ±hh:mm), or a date (YYYY-MM-DD, YYYY-MM, YYYY); years 0001–9999' })
  @IsOptional()
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
