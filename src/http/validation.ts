import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type FieldError, problem, ProblemError } from './problem-details';
import { rememberValidationMetadata } from './validation-metadata-cache';

/** Flattens class-validator's tree into one entry per offending field, named by its path. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

// class-transformer's metadata (the @Type of nested DTOs) is not in its public entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Class = new (...args: never[]) => unknown;
/** What the walk over a body needs to know of one declared property. */
interface DeclaredProperty {
  /** The nested DTO class, when the property holds one (or an array of them). */
  nested: Class | undefined;
  /**
   * Holds UUIDs (declared @IsUUID, or named `…Id`/`…Ids` as every reference field is): a UUID names the
   * same thing whatever the case of its hex digits, so it is handed on in lower case.
   */
  uuid: boolean;
}
const declaredCache = new Map<Class, Map<string, DeclaredProperty>>();

/** The properties a DTO class declares (its own and inherited), each with its nested DTO class if it has one. */
function declaredProperties(target: Class): Map<string, DeclaredProperty> {
  let declared = declaredCache.get(target);
  if (declared) return declared;
  declared = new Map();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const seen = declared.get(metadata.propertyName);
    const uuid = metadata.name === 'isUuid' || /Ids?$/.test(metadata.propertyName);
    if (seen) {
      seen.uuid ||= uuid;
      continue;
    }
    const type = defaultMetadataStorage.findTypeMetadata(target, metadata.propertyName);
    const nested = type?.typeFunction?.() as Class | undefined;
    declared.set(metadata.propertyName, { nested: typeof nested === 'function' && nested !== Object && nested !== String && nested !== Number ? nested : undefined, uuid });
  }
  declaredCache.set(target, declared);
  return declared;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const hasOwn = (map: Map<string, unknown>, key: string) => map.has(key);

/**
 * Every key of the body that the DTO does not declare, by its own name, whatever it is called
 * (`toString`, `__proto__`, `constructor` included: the lookup is a Map of declared names, never `in`
 * or a prototype chain), and a copy of the body holding only the declared keys. Walks the DTO's
 * declared nesting, which is bounded by the classes, not by the input. UUID fields come out in lower
 * case (validation still checks them as sent).
 */
export function unknownFields(value: unknown, target: Class, path = ''): { clean: unknown; unknown: string[] } {
  if (!isPlainObject(value)) return { clean: value, unknown: [] };
  const declared = declaredProperties(target);
  const clean: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (!hasOwn(declared, key)) {
      unknown.push(field);
      continue;
    }
    const { nested, uuid } = declared.get(key)!;
    const child = value[key];
    if (nested && Array.isArray(child)) {
      clean[key] = child.map((item, i) => {
        const inner = unknownFields(item, nested, `${field}[${i}]`);
        unknown.push(...inner.unknown);
        return inner.clean;
      });
    } else if (nested) {
      const inner = unknownFields(child, nested, field);
      unknown.push(...inner.unknown);
      clean[key] = inner.clean;
    } else if (uuid) {
      clean[key] = lowerCaseUuids(child);
    } else {
      clean[key] = child;
    }
  }
  return { clean, unknown };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Only what is a UUID is lower-cased: anything else reaches the validator as sent, for its own message. */
const lowerCaseUuid = (value: unknown): unknown => (typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value);
const lowerCaseUuids = (value: unknown): unknown => (Array.isArray(value) ? value.map(lowerCaseUuid) : lowerCaseUuid(value));

const invalid = (fields: FieldError[]) => new ProblemError(problem(400, 'validation', `Invalid request: ${[...new Set(fields.map((f) => f.field))].join(', ')}`, fields));

/** class-validator's pipe, with the unknown-field check done by name beforehand (see unknownFields). */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const target = metadata.metatype as Class | undefined;
    if (metadata.type !== 'body' || typeof target !== 'function' || declaredProperties(target).size === 0) return super.transform(value, metadata);
    const { clean, unknown } = unknownFields(value, target);
    if (unknown.length === 0) return super.transform(clean, metadata);
    const fields = unknown.map((field) => ({ field, message: `property ${field.split('.').pop()} should not exist` }));
    try {
      await super.transform(clean, metadata);
    } catch (error) {
      if (error instanceof ProblemError) fields.push(...error.problem.errors);
    }
    throw invalid(fields);
  }
}

export function validationPipe(): ValidationPipe {
  rememberValidationMetadata();
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalid(fieldErrors(errors)),
  });
}
