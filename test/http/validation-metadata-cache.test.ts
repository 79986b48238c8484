import { IsInt, IsString, MaxLength, MetadataStorage, ValidateNested, validate } from 'class-validator';
import { Type } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { rememberValidationMetadata } from '../../src/http/validation-metadata-cache';
import { validationPipe } from '../../src/http/validation';
import { ProposeClaimDto } from '../../src/ledger/http/dto/claim.dto';
import { ProblemError } from '../../src/http/problem-details';

// The class of one rule, as class-validator's decorators make it (not in its public entry point).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationMetadata } = require('class-validator/cjs/metadata/ValidationMetadata') as typeof import('class-validator/types/metadata/ValidationMetadata');

/** A storage of its own, so that the tests can compare it remembering against a plain one. */
function storages() {
  const plain = new MetadataStorage();
  const remembering = new MetadataStorage();
  rememberValidationMetadata(remembering);
  return { plain, remembering };
}

function rule(target: Function, propertyName: string, name: string, groups?: string[]) {
  return { type: 'customValidation', name, target, propertyName, constraints: [], validationOptions: groups ? { groups } : {} } as never;
}

class Base {}
class Derived extends Base {}

describe('rememberValidationMetadata', () => {
  it('answers what class-validator answers, inherited rules and groups included', () => {
    const { plain, remembering } = storages();
    for (const storage of [plain, remembering]) {
      storage.addValidationMetadata(new ValidationMetadata(rule(Base, 'a', 'isString')));
      storage.addValidationMetadata(new ValidationMetadata(rule(Derived, 'b', 'isInt')));
      storage.addValidationMetadata(new ValidationMetadata(rule(Derived, 'c', 'isInt', ['admin'])));
    }
    const names = (storage: MetadataStorage, ...args: [Function, string, boolean, boolean, string[]?]) =>
      storage.getTargetValidationMetadatas(...args).map((m) => `${m.propertyName}:${m.name}`);
    for (const args of [
      [Derived, '', false, false],
      [Derived, '', true, false],
      [Derived, '', false, true],
      [Base, '', false, false],
      [Derived, '', false, false, ['admin']],
    ] as [Function, string, boolean, boolean, string[]?][]) {
      expect(names(remembering, ...args)).toEqual(names(plain, ...args));
      // Asked twice: the second answer is the first one kept.
      expect(names(remembering, ...args)).toEqual(names(plain, ...args));
    }
    // Without groups asked for and without strict groups, a rule of a group counts too (class-validator's way).
    expect(names(remembering, Derived, '', false, false)).toEqual(['b:isInt', 'c:isInt', 'a:isString']);
    expect(names(remembering, Derived, '', false, true)).toEqual(['b:isInt', 'a:isString']);
    const kept = remembering.getTargetValidationMetadatas(Derived, '', false, false);
    expect(remembering.getTargetValidationMetadatas(Derived, '', false, false)).toBe(kept);
    expect(remembering.groupByPropertyName(kept)).toBe(remembering.groupByPropertyName(kept));
    expect(Object.keys(remembering.groupByPropertyName(kept))).toEqual(Object.keys(plain.groupByPropertyName(plain.getTargetValidationMetadatas(Derived, '', false, false))));
  });

  it('works the answer out again once a rule is added (a class defined later)', () => {
    const { remembering } = storages();
    remembering.addValidationMetadata(new ValidationMetadata(rule(Base, 'a', 'isString')));
    const before = remembering.getTargetValidationMetadatas(Derived, '', false, false);
    expect(before.map((m) => m.propertyName)).toEqual(['a']);
    remembering.addValidationMetadata(new ValidationMetadata(rule(Derived, 'b', 'isInt')));
    expect(remembering.getTargetValidationMetadatas(Derived, '', false, false).map((m) => m.propertyName).sort()).toEqual(['a', 'b']);
  });

  it('sees, through the global storage, the rules of a class decorated after it was first asked', async () => {
    rememberValidationMetadata();
    class Early {
      @IsString()
      name!: string;
    }
    expect(await validate(Object.assign(new Early(), { name: 3 }))).toHaveLength(1);
    class Inner {
      @IsInt()
      n!: number;
    }
    class Late extends Early {
      @MaxLength(3)
      code!: string;

      @ValidateNested()
      @Type(() => Inner)
      inner!: Inner;
    }
    const errors = await validate(Object.assign(new Late(), { name: 'x', code: 'toolong', inner: Object.assign(new Inner(), { n: 1.5 }) }));
    expect(errors.map((e) => e.property).sort()).toEqual(['code', 'inner']);
  });

  it('leaves the pipe’s answers as they were: a bad claim names its fields', async () => {
    const pipe = validationPipe();
    const metadata = { type: 'body' as const, metatype: ProposeClaimDto, data: '' };
    const good = await pipe.transform({ text: 'A claim.', kind: 'hypothesis' }, metadata);
    expect(good).toBeInstanceOf(ProposeClaimDto);
    for (let i = 0; i < 2; i++) {
      const error = await pipe.transform({ text: '', kind: 'guess', extra: 1, respondsTo: { claimId: 'x', relation: 'supports' } }, metadata).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).problem.errors.map((e) => e.field).sort()).toEqual(['extra', 'kind', 'respondsTo.claimId', 'text']);
    }
  });
});
