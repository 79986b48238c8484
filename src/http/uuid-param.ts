import { Param, ParseUUIDPipe } from '@nestjs/common';
import { problem, ProblemError } from './problem-details';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ProblemError(problem(400, 'validation', `${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }])),
    }),
  );
