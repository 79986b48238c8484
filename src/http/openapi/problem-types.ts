/**
 * Every problem type the API answers with, in one table: the `type` member of a problem is
 * `/problems/<slug>`, and GET /problems/<slug> serves the entry below as a page (problem-pages.ts), so
 * that a client or a person following the link learns what went wrong and what to do (RFC 9457 §3.1.1).
 * A slug not listed here is a bug: the OpenAPI tests fetch every slug the code can emit.
 */
export interface ProblemType {
  /** The HTTP status it is sent with. */
  status: number;
  /** A short, fixed summary of the type. */
  title: string;
  /** What happened, in a sentence or two. */
  description: string;
  /** What the client can do about it. */
  advice: string;
}

export const PROBLEM_TYPES_PATH = '/problems';

/** The `type` URI of a problem slug: relative, so it resolves against whichever host served the problem. */
export const problemTypeUri = (slug: string): string => `${PROBLEM_TYPES_PATH}/${slug}`;

const rule = (title: string, description: string, advice: string): ProblemType => ({ status: 422, title, description, advice });

export const PROBLEM_TYPES: Readonly<Record<string, ProblemType>> = {
  // 400: the request itself is malformed.
  validation: {
    status: 400,
    title: 'Invalid request',
    description:
      'A field of the body, a path parameter, a query parameter or a header is missing, of the wrong type, out of range or not allowed (an unknown body field is refused, never ignored). `errors` names each field (dotted paths for nested ones, e.g. `provenance.occurredAt`) with what is wrong with it.',
    advice: 'Correct the fields listed in `errors` and send the request again.',
  },
  'bad-request': {
    status: 400,
    title: 'Bad request',
    description: 'The request could not be read at all (the framework refused it before the API saw it).',
    advice: 'Check the request line, headers and body against the API description at /docs.',
  },
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON body',
    description: 'The body is not valid JSON, or is JSON but neither an object nor an array.',
    advice: 'Send a JSON object (the error names where the parser stopped).',
  },
  'invalid-utf8': {
    status: 400,
    title: 'Body is not UTF-8',
    description: 'The body holds bytes that are not valid UTF-8.',
    advice: 'Encode the body as UTF-8.',
  },
  'invalid-text': {
    status: 400,
    title: 'Lone surrogate in text',
    description: 'A string or key of the body holds an unpaired UTF-16 surrogate (\\uD800–\\uDFFF), which is not text. `errors` names where.',
    advice: 'Send well-formed Unicode text.',
  },
  'too-deep': {
    status: 400,
    title: 'Body nested too deeply',
    description: 'The JSON body nests objects and arrays deeper than 32 levels; no request body of this API needs more than 4.',
    advice: 'Flatten the body to the shape the operation documents.',
  },
  // 401, 403: who is asking.
  unauthorized: {
    status: 401,
    title: 'Authentication failed',
    description:
      'The operation needs a bearer token (every write, the admin API, and reads while LEDGER_PUBLIC_READ=false) and none was sent, the Authorization header is not `Bearer <token>`, or the token is malformed, unknown or revoked. The answer carries `WWW-Authenticate: Bearer`.',
    advice: 'Send `Authorization: Bearer <token>` with a live token (`claims token create NAME`, or POST /api/admin/principals/{id}/tokens).',
  },
  forbidden: {
    status: 403,
    title: 'Role not sufficient',
    description: 'The token is valid but its principal’s role does not allow the operation (contributor < moderator < admin; see the README’s table of roles).',
    advice: 'Ask an admin for a principal with the role the detail names.',
  },
  'not-owner': {
    status: 403,
    title: 'Not the owner',
    description: 'Only the principal who recorded a claim or a piece of evidence, or a moderator, may revise, retract, verify or withdraw it.',
    advice: 'Ask the owner or a moderator, or record your own claim or evidence.',
  },
  // 404, 405.
  'not-found': {
    status: 404,
    title: 'Not found',
    description: 'No question, claim, evidence, source, event, principal or token has the id in the path (`entity` and `id` say which), or the path is not one the API serves.',
    advice: 'Check the id (GET /api/questions lists the questions). Right after a write, pass the write’s `position` as `?minPosition=` to read it.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The path exists but does not serve this method. The `Allow` header lists the methods it does serve.',
    advice: 'Use one of the methods in `Allow`.',
  },
  // 409: the state of the ledger stands in the way.
  conflict: {
    status: 409,
    title: 'Write conflict',
    description:
      'The `If-Match` revision is stale: the resource changed since it was read (`expectedRevision`, `actualRevision`), or other writers kept changing it until the ledger gave up retrying. Nothing was written.',
    advice: 'Read the resource again (its ETag is the current revision), reconsider the change, and send it with the new If-Match.',
  },
  integrity: {
    status: 409,
    title: 'Broken history',
    description:
      'The stored history fails verification (an event edited, stripped of its hash, or deleted from under the next one): nothing is written on top of it (`stream`, `position`, `eventId` name the first bad event), and no checkpoint is signed over it.',
    advice: 'Tell the ledger’s operator: GET /health lists every break; docs/tamper-evidence.md describes the repair.',
  },
  'not-in-tree': {
    status: 409,
    title: 'Event not in that tree',
    description: 'The event exists but was appended after the first `treeSize` events, so it has no inclusion proof in that tree.',
    advice: 'Ask without treeSize (the current tree), or with the size of a later checkpoint.',
  },
  'log-changed': {
    status: 409,
    title: 'Log changed under the proof',
    description: 'The log no longer holds what the Merkle tree was built from while the proof was being made.',
    advice: 'Tell the ledger’s operator; GET /health reports the log’s integrity.',
  },
  // 413, 415.
  'too-large': {
    status: 413,
    title: 'Body too large',
    description: 'The request body is larger than LEDGER_BODY_LIMIT (256 kB unless configured).',
    advice: 'Send a smaller body; long texts belong in a registered source, quoted in part.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description: 'A request body was sent that is not JSON (`Content-Type: application/json` or another `+json` type), or names a charset other than UTF-8.',
    advice: 'Send the body as `application/json` in UTF-8.',
  },
  // 422: the request is well formed, but a rule of the ledger refuses it.
  'idempotency-key-reused': rule(
    'Idempotency key reused',
    'This Idempotency-Key was already used by the same principal with a different request (method, path or body). A retry of the same request gets the first answer instead.',
    'Use a new key for a new request; retry with the same key only the same request.',
  ),
  'question-exists': rule('Question already open', 'A question with this id is already open.', 'Send the request without choosing the id, or with a new Idempotency-Key.'),
  'own-parent': rule('Question is its own parent', 'A question cannot be its own parent (`parentQuestionId`).', 'Name another question as the parent, or none.'),
  'unknown-question': rule('Unknown parent question', 'The `parentQuestionId` names no question of the ledger.', 'Check the id (GET /api/questions).'),
  unchanged: rule(
    'Nothing would change',
    'The request asks for what is already so: the same proof standard, the same wording, the same text, the same verification or the same role. The field named says which.',
    'Send a change, or nothing.',
  ),
  'nothing-to-change': rule('Nothing to change', 'A rewording must give a new title, a new body or both.', 'Give `title` or `body`.'),
  'claim-exists': rule('Claim already exists', 'A claim with this id already exists in the question.', 'Propose the claim without choosing its id, or with a new Idempotency-Key.'),
  'claim-not-in-question': rule(
    'Claim not in this question',
    'The claim named (by the path, `toClaimId`, `respondsTo.claimId` or `acceptedClaimIds`) is not a claim of this question: relations, responses and resolutions stay within one question.',
    'Name a claim of the same question (GET /api/questions/{id} lists them).',
  ),
  'claim-retracted': rule('Claim retracted', 'The claim named is retracted: nothing more can be related to it, attached to it, revised or accepted.', 'Name a live claim.'),
  'already-retracted': rule('Claim already retracted', 'The claim was retracted before.', 'Nothing to do: the retraction stands in the history.'),
  'unknown-claim': rule('Unknown claim', 'The `fromClaimId` of a relation names no claim of the ledger.', 'Check the id (GET /api/claims/{id}).'),
  'self-relation': rule('Claim related to itself', 'A claim cannot support, rebut, undercut or compete with itself.', 'Relate two different claims.'),
  'relation-exists': rule(
    'Relation already recorded',
    'The same relation between the same claims (or the claim and the evidence) is already recorded; a `competes` relation counts both ways.',
    'Nothing to do: the relation stands.',
  ),
  'relation-not-for-evidence': rule(
    'Relation not allowed on evidence',
    '`competes` relates two rival claims; a claim can only support, rebut or undercut a piece of evidence.',
    'Use supports, rebuts or undercuts with `toEvidenceId`, or competes with `toClaimId`.',
  ),
  'evidence-exists': rule('Evidence already attached', 'A piece of evidence with this id is already attached.', 'Attach without choosing the id, or with a new Idempotency-Key.'),
  'evidence-not-in-question': rule('Evidence not in this question', 'The `toEvidenceId` is not evidence of the claim’s question.', 'Name evidence of the same question.'),
  'evidence-withdrawn': rule('Evidence withdrawn', 'The evidence is withdrawn: it can no longer be verified or related to.', 'Attach the source again if it bears on the claim after all.'),
  'already-withdrawn': rule('Evidence already withdrawn', 'The evidence was withdrawn before.', 'Nothing to do: the withdrawal stands in the history.'),
  'verification-lowered': rule(
    'Verification can only be raised',
    'A verification is raised (cited < examined < transcribed), never lowered: what someone read stays read in the history.',
    'To say a reading was wrong, relate a claim that undercuts the evidence, or withdraw it.',
  ),
  'unknown-source': rule('Unknown source', 'The `sourceId` (or `provenance.saidIn`) names no registered source.', 'Register the source first (POST /api/sources), then cite its id.'),
  'source-exists': rule('Source already registered', 'A source with this id is already registered.', 'Register without choosing the id, or with a new Idempotency-Key.'),
  'already-resolved': rule('Question already resolved', 'The question is resolved; a new resolution needs it reopened first.', 'Reopen it (POST /api/questions/{id}/reopening), then resolve it again.'),
  'not-resolved': rule('Question not resolved', 'Only a resolved question can be reopened.', 'Nothing to do: the question is open.'),
  duplicate: rule('Claim named twice', 'A resolution names the same claim twice in `acceptedClaimIds`.', 'Name each accepted claim once.'),
  'name-taken': rule('Name taken', 'A principal with this name already exists (names are unique, whatever their case).', 'Choose another name.'),
  'principal-exists': rule('Principal already exists', 'A principal with this id already exists.', 'Send the request again: a new id is drawn each time.'),
  'admin-exists': rule('Admin exists already', 'The first admin is made once, on the first start of a ledger; one exists already (made earlier, or by another instance started at the same moment on the same store).', 'Nothing to do: use the token the instance that made it printed, or have an admin create one (POST /api/admin/principals/:id/tokens).'),
  'already-revoked': rule('Token already revoked', 'The token was revoked before.', 'Nothing to do: it does not work any more.'),
  // 429, 5xx.
  'rate-limited': {
    status: 429,
    title: 'Too many writes',
    description: 'The principal sent more than LEDGER_RATE_LIMIT_WRITES_PER_MINUTE writes to this instance in the last minute. `Retry-After` says how many seconds to wait.',
    advice: 'Wait the seconds in `Retry-After`, then send it again (with the same Idempotency-Key, so it is written once).',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description: 'Something the ledger did not expect went wrong; it is logged with its stack on the server. A write that answers 500 may or may not have been written.',
    advice: 'Retry with the same Idempotency-Key (it is written at most once); report it if it persists.',
  },
  'read-timeout': {
    status: 503,
    title: 'Read models behind',
    description: 'The read models did not reach the position asked for (`minPosition`, `wantedPosition`) within LEDGER_READ_TIMEOUT_MS (`position` is where they are).',
    advice: 'Retry shortly.',
  },
  unavailable: {
    status: 503,
    title: 'Store unavailable',
    description: 'The event store does not answer (yet, or any more), or GET /health finds a part of the ledger down; the body says which.',
    advice: 'Retry shortly; GET /health shows what is down.',
  },
};

/**
 * The type of a status the table has no slug for (`status-<code>`, what the problem filter sends for
 * an error of another status): described by the status alone.
 */
export function problemTypeFor(slug: string): ProblemType | undefined {
  if (Object.hasOwn(PROBLEM_TYPES, slug)) return PROBLEM_TYPES[slug];
  const status = /^status-([45]\d\d)$/.exec(slug)?.[1];
  if (!status) return undefined;
  return {
    status: Number(status),
    title: `HTTP ${status}`,
    description: `An error the API has no more specific type for, sent with status ${status}; \`detail\` says what happened.`,
    advice: 'Read `detail`; report it if it does not explain itself.',
  };
}
