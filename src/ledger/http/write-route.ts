import { applyDecorators, createParamDecorator, HttpCode, Patch, Post, type ExecutionContext } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Requires } from '../../accounts/requires.decorator';
import { ApiProblems, idProblems } from '../../http/openapi/problem-responses';
import type { WriteName } from '../application/write-table/write';
import { WRITE_HEADERS } from './write-headers';
import { WriteResponse } from './write-response';
import type { WriteRouteRow } from './write-route-table';

/**
 * What a row of the route table declares, as Nest and the API docs read it: the verb, the status, who
 * may, the headers and error answers (WRITE_HEADERS), and the answer's schema. The write's name is its
 * operationId.
 */
export const WriteRoute = <N extends WriteName>(name: N, row: WriteRouteRow<N>) =>
  applyDecorators(
    row.verb === 'POST' ? Post(row.path) : Patch(row.path),
    HttpCode(row.status),
    ...(row.access === 'moderator' ? [Requires('moderator')] : []),
    ApiTags(row.tag),
    ApiOperation({ operationId: name, summary: row.summary, description: row.description }),
    // Before WRITE_HEADERS, so that a 400's description names the path's id first.
    ...(row.subject === null ? [] : [ApiProblems(idProblems(row.subject))]),
    WRITE_HEADERS(),
    (row.status === 201 ? ApiCreatedResponse : ApiOkResponse)({ type: WriteResponse, ...(row.answer === null ? {} : { description: row.answer }) }),
  );

/** The request and response of a write, handed to `WriteRoutes.run` (the response gets the ETag). */
export interface HttpExchange {
  request: Request;
  response: Response;
}

export const Exchange = createParamDecorator((_: unknown, context: ExecutionContext): HttpExchange => {
  const http = context.switchToHttp();
  return { request: http.getRequest<Request>(), response: http.getResponse<Response>() };
});
