import { Query } from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import { problem, ProblemError } from './problem-details';

class ParsePosition implements PipeTransform<string | undefined, bigint | undefined> {
  constructor(private readonly name: string) {}

  transform(value: string | undefined): bigint | undefined {
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,20}$/.test(value)) {
      throw new ProblemError(problem(400, 'validation', `${this.name} must be a position (a whole number)`, [{ field: this.name, message: 'not a position' }]));
    }
    return BigInt(value);
  }
}

/** A query parameter holding a global position, as a write answered it (a decimal string). */
export const PositionQuery = (name: string) => Query(name, new ParsePosition(name));
