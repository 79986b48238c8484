import type { INestApplication } from '@nestjs/common';
import { json, type NextFunction, type Request, type Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem-details';

/**
 * JSON bodies up to the configured limit. Errors of the parser happen before any route, where Nest's
 * filters do not reach, so this handler answers them in the API's problem format.
 */
export function useJsonBodies(app: INestApplication, limitBytes: number): void {
  app.use(json({ limit: limitBytes }));
  app.use((error: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    const body =
      error.type === 'entity.too.large'
        ? problem(413, 'too-large', `The request body is larger than the limit of ${limitBytes} bytes`, [{ field: 'body', message: 'too large' }])
        : error.type === 'entity.parse.failed'
          ? problem(400, 'malformed-json', 'The request body is not valid JSON', [{ field: 'body', message: error.message ?? 'malformed JSON' }])
          : error.status && error.status < 500
            ? problem(error.status, 'bad-request', error.message ?? 'Bad request', [{ field: 'body', message: error.message ?? '' }])
            : undefined;
    if (!body) return next(error);
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });
}
