import { Body, Controller } from '@nestjs/common';
import { UuidParam } from '../../http/uuid-param';
import type { SubjectArgs, WriteInputs, WriteName } from '../application/write-table/write';
import type { ProvenanceInput } from '../provenance/provenance';
import { Exchange, WriteRoute, type HttpExchange } from './write-route';
import { WRITE_ROUTES, type WriteRouteRow } from './write-route-table';
import { WriteRoutes } from './write-routes';

type WriteBody<N extends WriteName> = WriteInputs[N] & { provenance?: ProvenanceInput };

/**
 * Every write route of the ledger, one method per row of WRITE_ROUTES (write-route-table.ts), each
 * named after its write. A route has no code of its own: the row says what it is, `WriteRoutes.run`
 * does the rest.
 */
@Controller('api')
export class WriteRoutesController {
  constructor(readonly writes: WriteRoutes) {}
}

/** `(id?, body, exchange)`: the parameters Nest hands a route, by the row's decorators below. */
function routeMethod<N extends WriteName>(name: N, row: WriteRouteRow<N>) {
  const handlers = {
    [name](this: WriteRoutesController, ...params: unknown[]) {
      const [subject, body, exchange] = row.subject === null ? [[], ...params] : [[params[0]], params[1], params[2]];
      return this.writes.run(exchange as HttpExchange, name, body as WriteBody<N>, ...(subject as SubjectArgs<N>));
    },
  };
  return handlers[name];
}

function addRoute<N extends WriteName>(name: N, row: WriteRouteRow<N>): void {
  const prototype = WriteRoutesController.prototype as unknown as Record<string, unknown>;
  Object.defineProperty(prototype, name, { value: routeMethod(name, row), writable: true, configurable: true });
  // What the compiler writes for a decorated method: its parameters' types (the body's is the DTO the
  // validation pipe checks and the API docs describe), then the parameter and method decorators.
  const withSubject = row.subject !== null;
  Reflect.defineMetadata('design:paramtypes', withSubject ? [String, row.body, Object] : [row.body, Object], prototype, name);
  if (withSubject) UuidParam('id')(prototype, name, 0);
  Body()(prototype, name, withSubject ? 1 : 0);
  Exchange()(prototype, name, withSubject ? 2 : 1);
  WriteRoute(name, row)(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
}

for (const name of Object.keys(WRITE_ROUTES) as WriteName[]) addRoute(name, WRITE_ROUTES[name] as WriteRouteRow<typeof name>);
