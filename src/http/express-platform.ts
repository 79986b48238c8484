import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

/**
 * Nest's Express platform, with the server's requests and responses made by classes whose
 * prototypes are the app's own request and response, rather than made as Node's and then given
 * Express's prototypes one request at a time.
 *
 * Why: Express gives every request and response its app's prototypes (`Object.setPrototypeOf` in
 * `app.handle`). V8 then no longer shares the shapes of these objects between requests: each
 * property Express, Nest and the ledger add to a request or a response (`req.params`, `req.route`,
 * `req.body`, `req.principal`, `res.statusCode`, ...) makes a new hidden class, in the slow path of
 * the property store, and more for the garbage collector, on every request; in the profile of the
 * write route these stores were among the costliest lines. Made by these classes, a request already
 * has the prototype Express would give it (setting the same prototype again changes nothing), and
 * requests share their shapes. What they hold and inherit is unchanged: the same chain of
 * prototypes (Express's request, then Node's), with `app` on the first, as Express sets it.
 *
 * A server over HTTPS, or one that tracks its connections to close them, is left as Nest makes it
 * (the ledger uses neither); it still works, only without this.
 */
export class LedgerExpressAdapter extends ExpressAdapter {
  private readonly Request: typeof IncomingMessage;
  private readonly Response: typeof ServerResponse;

  constructor() {
    super(express());
    const app = this.getInstance<express.Express>();
    // Helmet's headers remove it from every answer (security.ts): not set, it needs no removing.
    app.disable('x-powered-by');
    class LedgerRequest extends IncomingMessage {}
    class LedgerResponse extends ServerResponse {}
    // The chain Express makes for its app (express.js: `app.request = Object.create(req, { app })`).
    Object.setPrototypeOf(LedgerRequest.prototype, Object.getPrototypeOf(app.request));
    Object.setPrototypeOf(LedgerResponse.prototype, Object.getPrototypeOf(app.response));
    for (const prototype of [LedgerRequest.prototype, LedgerResponse.prototype]) {
      Object.defineProperty(prototype, 'app', { configurable: true, enumerable: true, writable: true, value: app });
    }
    app.request = LedgerRequest.prototype as unknown as express.Request;
    app.response = LedgerResponse.prototype as unknown as express.Response;
    this.Request = LedgerRequest;
    this.Response = LedgerResponse as typeof ServerResponse;
  }

  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    this.httpServer = createServer({ IncomingMessage: this.Request, ServerResponse: this.Response }, this.getInstance());
  }
}
