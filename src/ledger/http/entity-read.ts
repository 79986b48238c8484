import type { Response } from 'express';
import type { Projection } from '../../../projections/projection';
import type { ProjectionRunner } from '../../projection-runtime/projection-runner';
import { NotFoundError } from '../domain-error';

/**
 * What a read of one thing by id starts with: the read models caught up to `minPosition` (else to the
 * log's head), the thing picked from a view, and a 404 naming it when there is none.
 */
export async function readEntity<View, T>(
  runner: ProjectionRunner,
  minPosition: bigint | undefined,
  projection: Projection<View>,
  pick: (view: View) => T | undefined,
  what: string,
  id: string,
): Promise<T> {
  const entity = pick(await readView(runner, minPosition, projection));
  if (entity === undefined) throw new NotFoundError(what, id);
  return entity;
}

/** The answer with its ETag: the revision a writer sends back as If-Match. */
export function withETag<T>(response: Response, revision: bigint | number | string, body: T): T {
  response.setHeader('ETag', `"${revision}"`);
  return body;
}

/** A view once the read models include `minPosition` (else the log's head): what a list read starts with. */
export async function readView<View>(runner: ProjectionRunner, minPosition: bigint | undefined, projection: Projection<View>): Promise<View> {
  await runner.readyForRead(minPosition);
  return runner.view(projection);
}
