import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_CONTENT_TYPE } from './problem-details';

interface RouteLayer {
  route: { _handlesMethod(method: string): boolean; _methods(): string[] };
  match(path: string): boolean;
}

/**
 * A path the API serves, asked with a method it does not serve there: 405 with `Allow` listing the
 * methods it does (RFC 9110 §15.5.6), not the 404 of a path that does not exist. The routes are read
 * from the router once, at the first request, when every route is registered.
 */
export function useMethodNotAllowed(app: INestApplication): void {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Partial<RouteLayer>[] } };
  let routes: RouteLayer[] | undefined;
  app.use((req: Request, res: Response, next: NextFunction) => {
    // OPTIONS is CORS's and the router's own answer.
    if (req.method === 'OPTIONS') return next();
    routes ??= express.router.stack.filter((layer): layer is RouteLayer => layer.route !== undefined && typeof layer.match === 'function');
    const matching = routes.filter((layer) => layer.match(req.path));
    if (matching.length === 0 || matching.some((layer) => layer.route._handlesMethod(req.method))) return next();
    const allow = [...new Set(matching.flatMap((layer) => layer.route._methods()))].filter((m) => m !== '*').sort();
    const detail = `${req.method} is not allowed on ${req.path}; it allows ${allow.join(', ')}`;
    const body = problem(405, 'method-not-allowed', detail, [{ field: 'method', message: `use one of ${allow.join(', ')}` }]);
    res.status(405).setHeader('Allow', allow.join(', '));
    res.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  });
}
