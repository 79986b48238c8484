import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { useProblemPages } from './openapi/problem-pages';
import { PROBLEM_SCHEMA_NAME, problemContent } from './openapi/problem-responses';
import { PROBLEM_DETAILS_SCHEMA } from './openapi/problem-schema';
import { PROBLEM_TYPES_PATH } from './openapi/problem-types';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const DESCRIPTION = `An event-sourced research claims ledger: questions, claims, evidence, rebuttals and provenance as immutable events, with a computed consensus.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with \`type\`, \`title\`, \`status\`, \`detail\` and \`errors\` (one \`{field, message}\` per field at fault). Each \`type\` is \`${PROBLEM_TYPES_PATH}/<slug>\`, a page describing it; [${PROBLEM_TYPES_PATH}](${PROBLEM_TYPES_PATH}) lists them all. Besides what each operation lists: a method a path does not serve answers 405 with \`Allow\`, a body that is not JSON 415, a body over LEDGER_BODY_LIMIT 413, and a store that does not answer 503.

**Numbers**: revisions and positions are decimal strings (64-bit). A write answers its \`position\`; pass it to a read as \`?minPosition=\` to read your write.

**Writes** need a bearer token; send \`If-Match\` with the ETag you read to refuse a write on a stale read (409), and \`Idempotency-Key\` to retry safely.`;

const TAGS: [name: string, description: string][] = [
  ['questions', 'Questions, their claims, and their event history'],
  ['claims', 'Claims: revisions, retractions, relations, evidence, verification and stances'],
  ['sources', 'The bibliography: sources, appraisals and citations'],
  ['participants', 'Who contributed what, as historical author and as recorder'],
  ['consensus', 'The computed consensus, now or as of any moment, its explanations, the timeline, replay and live streams'],
  ['exports', 'A question as a file: report, bibliography, argument map, provenance'],
  ['integrity', 'Tamper evidence: signed checkpoints and inclusion proofs'],
  ['admin', 'Principals and tokens, for admins'],
  ['health', 'Whether the ledger is up'],
];

/**
 * The API description served at /docs (Swagger UI) and /docs/json, built from the controllers' decorators
 * and the response schemas they name (given by the application: they describe its features, which
 * this folder does not know).
 */
export function buildOpenApiDocument(app: INestApplication, responseSchemas: Readonly<Record<string, SchemaObject>>): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('claims-ledger')
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the host and port the document was fetched from, whatever LEDGER's HOST and PORT are.
    .addServer('/', 'This server')
    // Not addBearerAuth: it labels the scheme JWT, and these tokens are opaque.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description:
        'An opaque bearer token (`clt_` and 43 random characters, 256 bits), from `claims token create NAME` or POST /api/admin/principals/{id}/tokens; shown once, stored only as a digest, revocable. Sent as `Authorization: Bearer <token>`.',
    })
    // Operations that say nothing need a token: as the auth guard, which makes an undecorated write need a contributor.
    .addSecurityRequirements('bearer');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  // Every operation has its tags from its controller or its route table (autoTag would add the write routes' class name).
  const document = SwaggerModule.createDocument(app, builder.build(), { autoTagControllers: false });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_DETAILS_SCHEMA, ...responseSchemas } };
  problemsEverywhere(document);
  return document;
}

/**
 * Every error answer of the API is problem details (the problem filter, and the body and method
 * middlewares before it, send nothing else), so an error response declared without content (by a
 * plain ApiResponse decorator) is given the problem schema here.
 */
function problemsEverywhere(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      const responses = (operation as { responses?: Record<string, { content?: unknown }> }).responses;
      if (!responses || typeof responses !== 'object') continue;
      for (const [status, response] of Object.entries(responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) response.content = problemContent();
      }
    }
  }
}

export function useSwagger(app: INestApplication, responseSchemas: Readonly<Record<string, SchemaObject>>): void {
  useProblemPages(app);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app, responseSchemas), { jsonDocumentUrl: 'docs/json' });
}
