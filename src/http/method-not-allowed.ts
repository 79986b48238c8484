import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem-details';

interface RouteLayer {
  route: { _handlesMethod(method: string): boolean; _methods(): string[] };
  match(path: string): boolean;
}

/** A path segment that is a UUID, in any case: the API's ids. */
const UUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;
const ANY_UUID = '/00000000-0000-4000-8000-000000000000';
/** Enough for every route's shape under every method; past it (paths that are not the API's), the cache starts over. */
const MAX_SHAPES = 1_000;

/**
 * A path the API serves, asked with a method it does not serve there: 405 with `Allow` listing the
 * methods it does (RFC 9110 §15.5.6), not the 404 of a path that does not exist. The routes are read
 * from the router once, at the first request, when every route is registered.
 *
 * Matching a path against every route costs more than the rest of this check: the answer is kept
 * per method and path shape (the path with each UUID segment replaced by one fixed UUID), and
 * worked out on that shape. That is exact because a route's parameters (`:id`) match any one
 * segment whatever it holds and no route has a UUID as a fixed segment: paths that differ only in
 * their UUIDs match the same routes. The 405 itself is rare and is worked out on the real path.
 */
export function useMethodNotAllowed(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Partial<RouteLayer>[] } };
  let routes: RouteLayer[] | undefined;
  const allowed = new Map<string, boolean>();
  const matchingOf = (path: string) => routes!.filter((layer) => layer.match(path));
  app.use((req: Request, res: Response, next: NextFunction) => {
    // OPTIONS is CORS's and the router's own answer.
    if (req.method === 'OPTIONS') return next();
    routes ??= express.router.stack.filter((layer): layer is RouteLayer => layer.route !== undefined && typeof layer.match === 'function');
    const shape = req.path.replace(UUID_SEGMENT, ANY_UUID);
    const key = `${req.method} ${shape}`;
    let pass = allowed.get(key);
    if (pass === undefined) {
      const matching = matchingOf(shape);
      pass = matching.length === 0 || matching.some((layer) => layer.route._handlesMethod(req.method));
      if (allowed.size >= MAX_SHAPES) allowed.clear();
      allowed.set(key, pass);
    }
    if (pass) return next();
    const matching = matchingOf(req.path);
    const allow = [...new Set(matching.flatMap((layer) => layer.route._methods()))].filter((m) => m !== '*').sort();
    const detail = `${req.method} is not allowed on ${req.path}; it allows ${allow.join(', ')}`;
    const body = problem(405, 'method-not-allowed', detail, [{ field: 'method', message: `use one of ${allow.join(', ')}` }]);
    res.status(405).setHeader('Allow', allow.join(', '));
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });
}
