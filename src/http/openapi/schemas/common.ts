import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Small builders for the response schemas (OpenAPI 3.0 schema objects), so that each schema reads
 * like the view it describes. Every property listed is `required` unless built with `optional`.
 */
export type Schema = SchemaObject | ReferenceObject;

const OPTIONAL = Symbol('optional');
type Property = Schema & { [OPTIONAL]?: true };

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

/** An object with exactly these properties (the API may add properties later: clients should ignore unknown ones). */
export function object(properties: Record<string, Property>, description?: string): SchemaObject {
  const required = Object.entries(properties)
    .filter(([, p]) => !p[OPTIONAL])
    .map(([name]) => name);
  const plain = Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, strip(p)]));
  return { type: 'object', ...(description ? { description } : {}), properties: plain, ...(required.length > 0 ? { required } : {}) };
}

function strip(property: Property): Schema {
  const { [OPTIONAL]: _optional, ...rest } = property;
  return rest;
}

/** A property the object may leave out. */
export const optional = (schema: Schema): Property => ({ ...schema, [OPTIONAL]: true });

export const string = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const number = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'number', ...(description ? { description } : {}), ...extra });
export const integer = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}), ...extra });
export const boolean = (description?: string): SchemaObject => ({ type: 'boolean', ...(description ? { description } : {}) });
export const uuid = (description?: string): SchemaObject => string(description, { format: 'uuid' });
export const dateTime = (description?: string): SchemaObject => string(description, { format: 'date-time' });
export const enumOf = (values: readonly string[], description?: string): SchemaObject => string(description, { enum: [...values] });
export const array = (items: Schema, description?: string): SchemaObject => ({ type: 'array', ...(description ? { description } : {}), items });
/** A 64-bit revision or position, as a decimal string so that no digit is lost past 2^53. */
export const decimal = (description?: string): SchemaObject => string(description, { pattern: '^\\d+$', example: '1289' });

/**
 * The schema, or null. OpenAPI 3.0 lets `nullable` add null only beside a `type` (3.0.3 §4.7.24.1), so
 * a $ref cannot be made nullable this way: spell such a schema out instead.
 */
export function nullable(schema: SchemaObject, description?: string): SchemaObject {
  if (schema.type === undefined) throw new Error('nullable needs a schema with a type');
  // An enum lists every allowed value, null included (OpenAPI 3.0.3 §4.7.24.1).
  const values = schema.enum ? { enum: [...schema.enum, null] } : {};
  return { ...schema, ...values, ...(description ? { description } : {}), nullable: true };
}

/** A referenced schema with a description of its own at this place. */
export const described = (schema: ReferenceObject, description: string): SchemaObject => ({ description, allOf: [schema] });

/** Who said or did it, when, and where: every view carries this for each thing it records. */
export const PROVENANCE_SCHEMAS: Record<string, SchemaObject> = {
  Provenance: object(
    {
      recordedBy: described(ref('PrincipalRef'), 'The principal who entered it into the ledger (from the bearer token, never from the body)'),
      recordedAt: dateTime('When the ledger recorded it'),
      attributedTo: described(ref('Attribution'), 'The historical author: who originally said it'),
      occurredAt: string('When it was originally said: a date-time with a zone, or a partial date (YYYY, YYYY-MM, YYYY-MM-DD)', { example: '2021-02-12T03:13:00-08:00' }),
      saidIn: nullable(uuid(), 'The registered source where it was said (a forum post, a letter), if given'),
    },
    'Who recorded it, who said it, when, and where',
  ),
  PrincipalRef: object(
    { id: string('The principal’s id (a UUID), or `system` for what the ledger did itself'), name: string(undefined, { example: 'admin' }) },
    'A principal (an account of the ledger), by id and name',
  ),
  Attribution: object(
    {
      name: string(undefined, { example: 'Boris Volodarsky' }),
      affiliation: optional(string(undefined, { example: 'WAIS' })),
      location: optional(string(undefined, { example: 'Austria' })),
    },
    'A historical author, as attributed',
  ),
};
