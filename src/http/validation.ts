import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, problem, ProblemError } from './problem-details';

/** Flattens class-validator's tree into one entry per offending field, named by its path. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new ProblemError(
        problem(400, 'validation', `Invalid request: ${fields.map((f) => f.field).join(', ')}`, fields),
      );
    },
  });
}
