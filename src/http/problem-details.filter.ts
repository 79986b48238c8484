import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ledgerProblem } from '../ledger/http/ledger-problems';
import { problem, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemError } from './problem-details';

/** Every error leaves the API as RFC 9457 problem details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { body, headers } = this.toProblem(exception);
    if (body.status >= 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): { body: ProblemDetails; headers: Record<string, string> } {
    if (exception instanceof ProblemError) return { body: exception.problem, headers: exception.headers };
    const ledger = ledgerProblem(exception);
    if (ledger) return { body: ledger, headers: {} };
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
