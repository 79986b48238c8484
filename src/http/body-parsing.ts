import type { INestApplication } from '@nestjs/common';
import { raw, type NextFunction, type Request, type Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';

/** How deeply a JSON body may nest objects and arrays; the deepest request body the API takes has 4 levels. */
export const MAX_JSON_DEPTH = 32;

const send = (res: Response, body: ProblemDetails) => res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
const bodyProblem = (status: number, slug: string, detail: string, field = 'body', message = detail) => problem(status, slug, detail, [{ field, message }]);

/**
 * JSON bodies up to the configured limit, read strictly and without recursion before anything else
 * sees them: the body is bytes of UTF-8 (else 400), of a JSON media type (else 415), nested at most
 * MAX_JSON_DEPTH levels (else 400, found by a flat scan of the text before it is parsed), JSON (else
 * 400), an object or an array, and holds no lone surrogate in any string or key (else 400, naming
 * where). Keys such as `__proto__` stay own properties, as JSON.parse makes them, so the unknown-field
 * check sees them. Errors here happen before any route, where Nest's filters do not reach, so they are
 * answered in the API's problem format here.
 */
export function useJsonBodies(app: INestApplication, limitBytes: number): void {
  // Every body is read as bytes (up to the limit): what it is, is decided below.
  app.use(raw({ type: () => true, limit: limitBytes }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const bytes: unknown = req.body;
    if (!Buffer.isBuffer(bytes)) {
      req.body = undefined;
      return next();
    }
    const result = readJsonBody(bytes, req.headers['content-type']);
    if ('problem' in result) return send(res, result.problem);
    req.body = result.value;
    next();
  });
  app.use((error: { type?: string; status?: number; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    const body =
      error.type === 'entity.too.large'
        ? bodyProblem(413, 'too-large', `The request body is larger than the limit of ${limitBytes} bytes`, 'body', 'too large')
        : error.status && error.status < 500
          ? bodyProblem(error.status, error.status === 415 ? 'unsupported-media-type' : 'bad-request', error.message ?? 'Bad request')
          : undefined;
    if (!body) return next(error);
    send(res, body);
  });
}

interface MediaType {
  readonly type: string;
  readonly charset?: string;
  /** A JSON media type: application/json or application/…+json. */
  readonly json: boolean;
}

/**
 * The Content-Type headers read lately, each with its media type: a client sends the same one with
 * every request, and working it out (splits, trims, lower case) cost more than the rest of this
 * check. Bounded, since the header is the client's to choose: past the bound it starts over.
 */
const mediaTypes = new Map<string, MediaType>();
const MAX_MEDIA_TYPES = 64;

/** The media type of a Content-Type header, and its charset if it names one. */
function mediaTypeOf(header: string | undefined): MediaType | undefined {
  if (!header) return undefined;
  let media = mediaTypes.get(header);
  if (media === undefined) {
    if (mediaTypes.size >= MAX_MEDIA_TYPES) mediaTypes.clear();
    mediaTypes.set(header, (media = parseMediaType(header)));
  }
  return media;
}

function parseMediaType(header: string): MediaType {
  const [type, ...parameters] = header.split(';');
  const charset = parameters.map((p) => p.trim().split('=')).find(([name]) => name?.trim().toLowerCase() === 'charset')?.[1];
  const media = type.trim().toLowerCase();
  return { type: media, charset: charset?.trim().replace(/^"|"$/g, '').toLowerCase(), json: isJsonType(media) };
}

const isJsonType = (type: string) => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

// One decoder for every body: without `stream` each decode stands alone, and a fatal error leaves it as it was.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function readJsonBody(bytes: Buffer, contentType: string | undefined): { value: unknown } | { problem: ProblemDetails } {
  const media = mediaTypeOf(contentType);
  if (bytes.length === 0) return { value: media?.json ? {} : undefined };
  if (!media || !media.json) {
    return {
      problem: bodyProblem(415, 'unsupported-media-type', `The request body must be JSON (Content-Type: application/json), not ${media?.type ?? 'untyped'}`, 'Content-Type', 'must be application/json'),
    };
  }
  if (media.charset !== undefined && media.charset !== 'utf-8' && media.charset !== 'utf8') {
    return { problem: bodyProblem(415, 'unsupported-media-type', `The request body must be UTF-8, not ${media.charset}`, 'Content-Type', 'charset must be utf-8') };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: bodyProblem(400, 'invalid-utf8', 'The request body is not valid UTF-8', 'body', 'not valid UTF-8') };
  }
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    return { problem: bodyProblem(400, 'too-deep', `The request body nests deeper than ${MAX_JSON_DEPTH} levels`, 'body', `nested deeper than ${MAX_JSON_DEPTH} levels`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: bodyProblem(400, 'malformed-json', 'The request body is not valid JSON', 'body', (error as Error).message) };
  }
  if (value === null || typeof value !== 'object') {
    return { problem: bodyProblem(400, 'malformed-json', 'The request body must be a JSON object or array', 'body', 'not an object or array') };
  }
  const broken = firstLoneSurrogate(value);
  if (broken !== undefined) {
    return { problem: bodyProblem(400, 'invalid-text', `${broken} holds a lone surrogate (\\uD800–\\uDFFF unpaired): not text`, broken, 'holds a lone surrogate') };
  }
  return { value };
}

/** The deepest nesting of objects and arrays in a JSON text, by one flat scan (brackets inside strings do not count). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as string & { isWellFormed(): boolean }).isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** The path of the first string or key holding a lone surrogate, walking with an explicit stack. */
export function firstLoneSurrogate(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (!wellFormed(value)) return path || 'body';
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const at = path ? `${path}.${key}` : key;
        if (!wellFormed(key)) return path ? `${path}.<key>` : '<key>';
        stack.push([(value as Record<string, unknown>)[key], at]);
      }
    }
  }
  return undefined;
}
