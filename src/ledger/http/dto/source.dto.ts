import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { parseStrictDate } from '../../../dates/strict-date';
import { IsNotBlank } from '../../../http/text';
import { ARCHIVE_REFERENCE_KINDS, type ArchiveReferenceKind, type Reliability, type SourceKind } from '../../../../contract/source.events';
import { WriteBody } from './provenance.dto';
import type { AppraiseSourceInput, RegisterSourceInput } from '../../application/write-table/write-inputs';
import { REASON_MAX } from './question.dto';

export const SOURCE_KINDS: SourceKind[] = ['archival', 'report', 'article', 'book', 'forum-post', 'letter', 'interview', 'web', 'other'];
export const RELIABILITIES: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
/** A year, a year and month, or a full date: 1954, 1954-06, 1954-06-25; a day of the calendar, years 0001–9999. */
const isPartialDate = (value: unknown) => {
  const parsed = parseStrictDate(value);
  return parsed.ok && parsed.date.precision !== 'instant';
};

/** Covering years: "1918", "1918–1992", "1918-1936, 1945" (a hyphen or an en dash). */
const YEARS = /^\d{4}([-–]\d{4})?(, \d{4}([-–]\d{4})?)*$/;

const kindOf = (args: ValidationArguments): ArchiveReferenceKind => (args.object as ArchiveReferenceDto).kind ?? 'file';

/** A field a file citation has and a guide entry must not: a guide entry's figures are counts, never a file. */
function FileCitationOnly(message: string) {
  return ValidateBy({
    name: 'fileCitationOnly',
    validator: { validate: (_value: unknown, args?: ValidationArguments) => !args || kindOf(args) === 'file', defaultMessage: () => message },
  });
}

/** A field only a guide entry has. */
function GuideEntryOnly(message: string) {
  return ValidateBy({
    name: 'guideEntryOnly',
    validator: { validate: (_value: unknown, args?: ValidationArguments) => !args || kindOf(args) === 'guide-entry', defaultMessage: () => message },
  });
}

export class ArchiveReferenceDto {
  @ApiPropertyOptional({
    enum: ARCHIVE_REFERENCE_KINDS,
    default: 'file',
    description:
      'file (default): one file and its folios (f., op., d., l.). guide-entry: an entry of an archive guide describing holdings, never a file ' +
      '(GARF\'s "f. R-9501, 17 op., 8756 ed. khr., 1918–1992" is a fond with 17 inventories holding 8,756 storage units, not file 8756): ' +
      'give fond, opis (the inventories it names, if any), inventories, storageUnits and years; never delo or list.',
  })
  @IsOptional()
  @IsIn(ARCHIVE_REFERENCE_KINDS)
  kind?: ArchiveReferenceKind;

  @ApiProperty({ example: 'GARF', description: 'The repository (archive)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  repository!: string;

  @ApiPropertyOptional({ example: 'State Archive of the Russian Federation', description: 'The repository\'s full name, when `repository` is an abbreviation' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(300)
  repositoryName?: string;

  @ApiPropertyOptional({ example: 'Geneva', description: 'Where the repository is (CSL archive-place)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ example: 'B AG 121 218-015', description: 'A file citation only: its call number in the archive\'s own form, for archives that do not cite by fond and opis' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  @FileCitationOnly('a guide entry describes holdings, not a file: it has no call number of a file')
  shelfmark?: string;

  @ApiPropertyOptional({ example: 'R-9501', description: 'f. (fond)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fond?: string;

  @ApiPropertyOptional({ example: '1', description: 'op. (opis, inventory); for a guide entry, the inventories it names, as it names them ("1, 14")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  opis?: string;

  @ApiPropertyOptional({ example: '45', description: 'd. (delo, file). A file citation only: never the storage-unit count of a guide entry' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @FileCitationOnly('a guide entry describes holdings, not a file: give its number of storage units (ed. khr.) as storageUnits, never as delo')
  delo?: string;

  @ApiPropertyOptional({ example: '12-14', description: 'l./ll. (list, folio). A file citation only' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @FileCitationOnly('a guide entry describes holdings, not a file: it has no folios')
  list?: string;

  @ApiPropertyOptional({ example: 17, minimum: 1, description: 'A guide entry only: how many inventories (op.) it describes ("17 op.")' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @GuideEntryOnly('only a guide entry counts inventories: give kind guide-entry, or cite the file\'s inventory as opis')
  inventories?: number;

  @ApiPropertyOptional({ example: 8756, minimum: 1, description: 'A guide entry only: how many storage units (ed. khr.) it describes ("8756 ed. khr.")' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @GuideEntryOnly('only a guide entry counts storage units: give kind guide-entry, or cite the file itself as delo')
  storageUnits?: number;

  @ApiPropertyOptional({ example: '1918–1992', description: 'The years the holdings or the file cover: "1918–1992", "1918-1936, 1945"' })
  @IsOptional()
  @Matches(YEARS, { message: 'years must be years or ranges of years, separated by ", ": 1918–1992, 1918-1936, 1945' })
  @MaxLength(100)
  years?: string;
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
  @IsNotBlank()
  @MaxLength(100)
  crest?: string;

  @ApiPropertyOptional({ type: ArchiveReferenceDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ArchiveReferenceDto)
  archive?: ArchiveReferenceDto;
}

/** Page numbers as printed: "233–53", "41-50", "xi–xv, 3", "e12". */
const PAGES = /^[\p{L}\p{N}]+(?:[-–][\p{L}\p{N}]+)?(?:, ?[\p{L}\p{N}]+(?:[-–][\p{L}\p{N}]+)?)*$/u;

/** An instant with its zone, as RFC 3339 writes it: a forum post's time. */
const isInstant = (value: unknown) => {
  const parsed = parseStrictDate(value);
  return parsed.ok && parsed.date.precision === 'instant';
};

/** A short bibliographic text field: a string with something in it, at most `max` characters. */
function BibliographicText(max: number) {
  return (target: object, key: string) => {
    IsOptional()(target, key);
    IsString()(target, key);
    IsNotBlank()(target, key);
    MaxLength(max)(target, key);
  };
}

export class SourceDetailsDto {
  @ApiPropertyOptional({ example: 'Journal of Global History', description: 'The journal, forum, website or book it appeared in (CSL container-title)' })
  @BibliographicText(500)
  containerTitle?: string;

  @ApiPropertyOptional({ example: '17' })
  @BibliographicText(100)
  volume?: string;

  @ApiPropertyOptional({ example: '2' })
  @BibliographicText(100)
  issue?: string;

  @ApiPropertyOptional({ example: '233–53', description: 'The pages it spans, as printed' })
  @IsOptional()
  @Matches(PAGES, { message: 'pages must be page numbers or ranges, separated by ", ": 233–53, 41-50, xi–xv, 3' })
  @MaxLength(100)
  pages?: string;

  @ApiPropertyOptional({ example: 3, minimum: 1, description: 'How many pages it has (CSL number-of-pages)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  numberOfPages?: number;

  @ApiPropertyOptional({ example: 'Cambridge University Press' })
  @BibliographicText(300)
  publisher?: string;

  @ApiPropertyOptional({ example: 'London' })
  @BibliographicText(200)
  publisherPlace?: string;

  @ApiPropertyOptional({ example: 'Information report', description: 'What kind of document it calls itself (CSL genre)' })
  @BibliographicText(200)
  genre?: string;

  @ApiPropertyOptional({ example: 'RAND P-1234', description: 'A report\'s or document\'s own number, other than a CREST number (give that as identifiers.crest)' })
  @BibliographicText(100)
  number?: string;

  @ApiPropertyOptional({ example: '2024-02-12', description: 'When it was consulted online: a partial date, YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsOptional()
  @ValidateBy({ name: 'isPartialDate', validator: { validate: isPartialDate } }, { message: 'accessed must be a partial date of the calendar: YYYY, YYYY-MM or YYYY-MM-DD (years 0001–9999)' })
  accessed?: string;

  @ApiPropertyOptional({ example: '2021-02-10T03:02:00-05:00', description: 'A forum post\'s time as the page shows it, with the zone it is read in (RFC 3339)' })
  @IsOptional()
  @ValidateBy({ name: 'isInstant', validator: { validate: isInstant } }, { message: 'postedAt must be a time with its zone: YYYY-MM-DDThh:mm[:ss] followed by Z or ±hh:mm' })
  postedAt?: string;

  @ApiPropertyOptional({ example: 'Her n. 35 numbers the file B AG 121 128-015', description: 'What a reader must know to find or trust the citation' })
  @BibliographicText(2_000)
  note?: string;
}

export class RegisterSourceDto extends WriteBody implements RegisterSourceInput {
  @ApiProperty({ enum: SOURCE_KINDS, example: 'report' })
  @IsIn(SOURCE_KINDS)
  kind!: SourceKind;

  @ApiProperty({ example: 'USSR: Liaison with foreign Communist parties (information report)', maxLength: 1_000 })
  @IsString()
  @IsNotBlank()
  @MaxLength(1_000)
  title!: string;

  @ApiProperty({ example: ['Central Intelligence Agency'], maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(300, { each: true })
  authors!: string[];

  @ApiPropertyOptional({ example: '1954-06-25', description: 'A partial date: 1954, 1954-06 or 1954-06-25' })
  @IsOptional()
  @ValidateBy({ name: 'isPartialDate', validator: { validate: isPartialDate } }, { message: 'issued must be a partial date of the calendar: YYYY, YYYY-MM or YYYY-MM-DD (years 0001–9999)' })
  issued?: string;

  @ApiPropertyOptional({ type: SourceIdentifiersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceIdentifiersDto)
  identifiers?: SourceIdentifiersDto;

  @ApiPropertyOptional({ type: SourceDetailsDto, description: 'Bibliographic details: container, volume, issue, pages, publisher, genre, number, accessed, a forum post\'s time' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceDetailsDto)
  details?: SourceDetailsDto;

  @ApiPropertyOptional({ enum: RELIABILITIES, description: 'Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged' })
  @IsOptional()
  @IsIn(RELIABILITIES)
  reliability?: Reliability;
}

export class AppraiseSourceDto extends WriteBody implements AppraiseSourceInput {
  @ApiProperty({ enum: RELIABILITIES, example: 'B' })
  @IsIn(RELIABILITIES)
  reliability!: Reliability;

  @ApiProperty({ example: 'A state archive; the files are open and catalogued', maxLength: REASON_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(REASON_MAX)
  note!: string;
}
