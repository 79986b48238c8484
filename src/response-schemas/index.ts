import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROVENANCE_SCHEMAS, ref } from '../http/openapi/schemas/common';
import { CONSENSUS_SCHEMAS } from './consensus';
import { INTEGRITY_SCHEMAS } from './integrity';
import { QUESTION_SCHEMAS } from './questions';
import { SOURCE_SCHEMAS } from './sources';

/** Every response schema, by component name: swagger.ts adds them to the document. */
export const RESPONSE_SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  ...PROVENANCE_SCHEMAS,
  ...QUESTION_SCHEMAS,
  ...SOURCE_SCHEMAS,
  ...CONSENSUS_SCHEMAS,
  ...INTEGRITY_SCHEMAS,
};

/** `schema` for ApiOkResponse: one of the response schemas, or an array of them. */
export const responseSchema = (name: string) => {
  if (!Object.hasOwn(RESPONSE_SCHEMAS, name)) throw new Error(`no response schema is called ${name}`);
  return ref(name);
};
export const responseArray = (name: string) => ({ type: 'array' as const, items: responseSchema(name) });
