import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemError } from './problem-details';

/** How a feature's errors read over HTTP: undefined for errors that are not its own. */
export type ProblemMapper = (error: unknown) => ProblemDetails | undefined;

/**
 * Every error leaves the API as RFC 9457 problem details. The features' own errors are mapped by the
 * mappers the application gives (this folder knows no feature); the first that knows an error wins.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly mappers: readonly ProblemMapper[]) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers } = this.toProblem(exception);
    if (body.status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): { body: ProblemDetails; headers: Record<string, string> } {
    if (exception instanceof ProblemError) return { body: exception.problem, headers: exception.headers };
    for (const map of this.mappers) {
      const mapped = map(exception);
      if (mapped) return { body: mapped, headers: {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      const extensions = typeof response === 'object' ? pickExtensions(response as Record<string, unknown>) : {};
      return { body: problem(status, slugFor(status), message, [], extensions), headers: {} };
    }
    return { body: problem(500, 'internal', 'An unexpected error occurred; it has been logged.'), headers: {} };
  }
}

function slugFor(status: number): string {
  return (
    { 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed', 409: 'conflict', 413: 'too-large', 415: 'unsupported-media-type', 503: 'unavailable' }[
      status
    ] ?? `status-${status}`
  );
}

/** Terminus and friends put useful data beside `message`; keep it, minus Nest's own keys. */
function pickExtensions(response: Record<string, unknown>): Record<string, unknown> {
  const { message: _m, statusCode: _s, error: _e, ...rest } = response;
  return rest;
}
