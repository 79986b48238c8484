import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { WriteResult } from '../application/writer/write-types';
import type { SubjectArgs, Write, WriteInputs, WriteName } from '../application/write-table/write';
import { writeOf } from '../application/write-table/write-messages';
import type { ProvenanceInput } from '../provenance/provenance';
import { WriteContextFactory } from './write-context';
import type { HttpExchange } from './write-route';
import { writeResponse, type WriteResponse } from './write-response';

/**
 * The body of every write route: the request's context (principal, ids, If-Match), the write on the
 * command bus, and the answer with its ETag. A route is `@WriteRoute({…})` and one call:
 * `return this.writes.run(http, 'ReviseClaim', body, id)`.
 */
@Injectable()
export class WriteRoutes {
  constructor(
    private readonly bus: CommandBus,
    private readonly contexts: WriteContextFactory,
  ) {}

  async run<N extends WriteName>(
    { request, response }: HttpExchange,
    name: N,
    body: WriteInputs[N] & { provenance?: ProvenanceInput },
    ...subject: SubjectArgs<N>
  ): Promise<WriteResponse> {
    const { context, ifMatch } = this.contexts.forRequest(request, body.provenance);
    return writeResponse(response, await this.bus.execute<Write<N>, WriteResult>(writeOf(name, body, context, ifMatch, ...subject)));
  }
}
