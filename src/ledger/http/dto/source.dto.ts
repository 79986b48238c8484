import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { Reliability, SourceKind } from '../../source/source.events';
import { WriteBody } from './provenance.dto';
import { REASON_MAX } from './question.dto';

export const SOURCE_KINDS: SourceKind[] = ['archival', 'report', 'article', 'book', 'forum-post', 'letter', 'interview', 'web', 'other'];
export const RELIABILITIES: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
/** A year, a year and month, or a full date: 1954, 1954-06, 1954-06-25. */
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export class ArchiveReferenceDto {
  @ApiProperty({ example: 'GARF', description: 'The repository (archive)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  repository!: string;

  @ApiPropertyOptional({ example: 'R-9501', description: 'f. (fond)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fond?: string;

  @ApiPropertyOptional({ example: '17', description: 'op. (opis, inventory)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  opis?: string;

  @ApiPropertyOptional({ example: '8756', description: 'd. (delo, file)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  delo?: string;

  @ApiPropertyOptional({ example: '12-14', description: 'l./ll. (list, folio)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  list?: string;
}

export class SourceIdentifiersDto {
  @ApiPropertyOptional({ example: '10.1017/S0020859024000000' })
  @IsOptional()
  @Matches(/^10\.\d{4,9}\/\S+$/, { message: 'doi must look like 10.NNNN/suffix' })
  @MaxLength(300)
  doi?: string;

  @ApiPropertyOptional({ example: '978-0-00-723207-9' })
  @IsOptional()
  @Matches(/^(97[89][- ]?)?(\d[- ]?){9}[\dXx]$/, { message: 'isbn must be an ISBN-10 or ISBN-13' })
  isbn?: string;

  @ApiPropertyOptional({ example: 'https://waisworld.org/go.jsp?id=02a&objectType=post&o=186915' })
  @IsOptional()
  @IsUrl({ require_protocol: true, require_tld: false })
  @MaxLength(2_000)
  url?: string;

  @ApiPropertyOptional({ example: 'CIA-RDP80-00810A004300550004-0', description: 'CIA CREST document number' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  crest?: string;

  @ApiPropertyOptional({ type: ArchiveReferenceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ArchiveReferenceDto)
  archive?: ArchiveReferenceDto;
}

export class RegisterSourceDto extends WriteBody {
  @ApiProperty({ enum: SOURCE_KINDS, example: 'report' })
  @IsIn(SOURCE_KINDS)
  kind!: SourceKind;

  @ApiProperty({ example: 'USSR: Liaison with foreign Communist parties (information report)', maxLength: 1_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  title!: string;

  @ApiProperty({ example: ['Central Intelligence Agency'], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(300, { each: true })
  authors!: string[];

  @ApiPropertyOptional({ example: '1954-06-25', description: 'A partial date: 1954, 1954-06 or 1954-06-25' })
  @IsOptional()
  @Matches(PARTIAL_DATE, { message: 'issued must be a partial date: YYYY, YYYY-MM or YYYY-MM-DD' })
  issued?: string;

  @ApiPropertyOptional({ type: SourceIdentifiersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceIdentifiersDto)
  identifiers?: SourceIdentifiersDto;

  @ApiPropertyOptional({ enum: RELIABILITIES, description: 'Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged' })
  @IsOptional()
  @IsIn(RELIABILITIES)
  reliability?: Reliability;
}

export class AppraiseSourceDto extends WriteBody {
  @ApiProperty({ enum: RELIABILITIES, example: 'B' })
  @IsIn(RELIABILITIES)
  reliability!: Reliability;

  @ApiProperty({ example: 'A state archive; the files are open and catalogued', maxLength: REASON_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  note!: string;
}
