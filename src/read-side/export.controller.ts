import { Controller, Get, Inject, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiReadAccess } from '../http/openapi/problem-responses';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { PositionQuery } from '../http/position-query';
import { problem, ProblemError } from '../http/problem-details';
import { UuidParam } from '../http/uuid-param';
import { ProjectionRunner } from '../projection-runtime/projection-runner';
import { ApiAsOfQueries, AsOfQuery } from './as-of-query';
import { ApiMinPositionQuery } from '../http/openapi/read-route';
import type { AsOf } from '../../projections/time-travel/as-of';
import { exportQuestionFile, HTTP_EXPORT_FORMAT_NAMES, HTTP_EXPORT_FORMATS, httpExportFormat, type HttpExportFormat } from './question-export';
import { TimeTravel } from './time-travel.service';

const FORMAT_LIST = HTTP_EXPORT_FORMAT_NAMES.join(', ');

/** One question as a file a historian can hand on: a report, a bibliography, an argument map, provenance. */
@ApiTags('exports')
@Controller('api/questions')
export class ExportController {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeTravel: TimeTravel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':id/export')
  @ApiOperation({
    summary: 'Export a question as a file',
    description:
      'The question with its claims, evidence, sources and computed consensus, in one of eight formats, now or as of a moment ' +
      '(as the consensus reads asOf and axis). Sent as an attachment named after the question: ' +
      Object.entries(HTTP_EXPORT_FORMATS)
        .map(([name, spec]) => `${name} → ${spec.mediaType.split(';')[0]}, .${spec.extension}`)
        .join('; ') +
      '.',
  })
  @ApiQuery({
    name: 'format',
    required: true,
    enum: HTTP_EXPORT_FORMAT_NAMES,
    description:
      'json: the question and its consensus; markdown: a report with footnoted sources; csl-json: the cited sources (CSL-JSON, for Zotero, pandoc, citeproc); ' +
      'argdown; dot (Graphviz) and mermaid: the argument map coloured by label; prov-json: W3C PROV-JSON; aif: the Argument Interchange Format',
  })
  @ApiAsOfQueries('the question')
  @ApiMinPositionQuery()
  @ApiProduces(...new Set(Object.values(HTTP_EXPORT_FORMATS).map((spec) => spec.mediaType)))
  @ApiOkResponse({ description: 'The export, with Content-Disposition: attachment; filename="<question-slug>.<extension>"' })
  @ApiBadRequestResponse({ description: 'format missing or not one of the formats (listed in the problem), or a bad asOf, axis, atPosition or minPosition: each named' })
  // Reads need no token unless LEDGER_PUBLIC_READ=false, and every role may read: 401 at most, never 403.
  @ApiReadAccess()
  @ApiNotFoundResponse({ description: 'No question has this id (or none had yet, as of the moment asked for)' })
  @ApiServiceUnavailableResponse({ description: 'The read models did not reach minPosition within LEDGER_READ_TIMEOUT_MS' })
  async export(
    @UuidParam('id') id: string,
    @PositionQuery('minPosition') minPosition: bigint | undefined,
    @Query('format') formatText?: unknown,
    @AsOfQuery() asOf?: AsOf,
  ): Promise<StreamableFile> {
    const format = parseFormat(formatText);
    await this.runner.readyForRead(minPosition);
    const file = await exportQuestionFile({ runner: this.runner, timeTravel: this.timeTravel, store: this.store }, id, format, asOf);
    const body = Buffer.from(file.text, 'utf8');
    return new StreamableFile(body, { type: file.mediaType, disposition: `attachment; filename="${file.fileName}"`, length: body.length });
  }
}

function parseFormat(value: unknown): HttpExportFormat {
  const refuse = (message: string): never => {
    throw new ProblemError(problem(400, 'validation', `format ${message}`, [{ field: 'format', message }]));
  };
  if (value === undefined || value === '') return refuse(`is required: one of ${FORMAT_LIST}`);
  if (typeof value !== 'string') return refuse(`must be given once: one of ${FORMAT_LIST}`);
  return httpExportFormat(value) ?? refuse(`must be one of ${FORMAT_LIST} (not "${value.slice(0, 40)}")`);
}
