import { Param, ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import { problem, ProblemError } from './problem-details';

/** ParseUUIDPipe, then lower case: a UUID names the same thing whatever case its hex digits are in. */
class ParseUuidLowerCase extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** A path parameter that must be a UUID (any case; handed on in lower case); anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUuidLowerCase({
      exceptionFactory: () => new ProblemError(problem(400, 'validation', `${name} must be a UUID`, [{ field: name, message: 'must be a UUID' }])),
    }),
  );
