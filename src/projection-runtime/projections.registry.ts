import { streamLocator } from '../../projections/locator/stream-locator';
import { participantsProjection } from '../../projections/participants/participants.projection';
import type { Projection } from '../../projections/projection';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';

/** Every projection the runner keeps, in the order they see each event (later ones may read earlier ones). */
export const PROJECTIONS: readonly Projection<unknown>[] = [
  streamLocator,
  questionsProjection,
  sourcesProjection,
  participantsProjection,
] as Projection<unknown>[];
