import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { problem, ProblemError } from '../../http/problem-details';
import { commandIdFor } from '../application/derived-ids';
import { canonicalJson } from '../provenance/canonical-json';
import type { CommandContext, Principal, ProvenanceInput } from '../provenance/provenance';

const HEADER_MAX = 200;

export interface WriteRequest {
  context: CommandContext;
  ifMatch?: bigint;
}

/** Turns an HTTP request into the context of the command it carries: who, which ids, which revision. */
@Injectable()
export class WriteContextFactory {
  forRequest(request: Request, provenance: ProvenanceInput | undefined): WriteRequest {
    const principal = this.principalOf(request);
    const key = header(request, 'idempotency-key');
    const commandId = commandIdFor(principal.id, key);
    const context: CommandContext = {
      principal,
      commandId,
      correlationId: header(request, 'x-correlation-id') ?? commandId,
      causationId: header(request, 'x-causation-id') ?? commandId,
      // A copy of what the body gave (nothing given: an empty one, without a round trip through JSON).
      provenance: provenance === undefined || provenance === null ? {} : plain(provenance),
      ...(key !== undefined ? { requestHash: requestHash(request) } : {}),
    };
    const ifMatch = parseIfMatch(header(request, 'if-match'));
    return ifMatch === undefined ? { context } : { context, ifMatch };
  }

  /** The principal the auth guard authenticated: never anything from the body. */
  private principalOf(request: Request): Principal {
    const principal = (request as Request & { principal?: Principal }).principal;
    if (!principal) throw new ProblemError(problem(401, 'unauthorized', 'Authentication failed: no bearer token', [{ field: 'Authorization', message: 'no bearer token' }]));
    return principal;
  }
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(',') : value;
  if (text.length === 0 || text.length > HEADER_MAX) {
    throw new ProblemError(problem(400, 'validation', `${name} must be 1–${HEADER_MAX} characters`, [{ field: name, message: 'invalid header' }]));
  }
  return text;
}

/** `If-Match: "3"` (or `3`, or `W/"3"`): the aggregate revision the client read. */
function parseIfMatch(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const match = /^(W\/)?"?(\d{1,19})"?$/.exec(value.trim());
  if (!match) {
    throw new ProblemError(
      problem(400, 'validation', 'If-Match must be the revision from an ETag, e.g. "3"', [{ field: 'If-Match', message: 'not a revision' }]),
    );
  }
  return BigInt(match[2]);
}

/** The same method, path and body hash the same, whatever the order of the body's keys. */
function requestHash(request: Request): string {
  return createHash('sha256')
    .update(canonicalJson({ method: request.method, path: request.path, body: request.body ?? null }))
    .digest('hex');
}

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
