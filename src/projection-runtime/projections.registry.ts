import { createHash } from 'node:crypto';
import type { LedgerConfig } from '../config/ledger-config';
import { canonicalJson } from '../ledger/provenance/canonical-json';
import { currentConsensusProjection } from '../../projections/current-consensus/current-consensus.projection';
import { accountsProjection } from '../../projections/accounts/accounts.projection';
import { commandAnswersProjection } from '../../projections/commands/command-answers.projection';
import { participantsProjection } from '../../projections/participants/participants.projection';
import type { Projection } from '../../projections/projection';
import { questionsProjection } from '../../projections/questions/questions.projection';
import { sourcesProjection } from '../../projections/sources/sources.projection';

/** The Nest injection token for the projections the runner keeps. */
export const PROJECTIONS = Symbol('PROJECTIONS');

/** Every projection the runner keeps, in the order they see each event (later ones may read earlier ones). */
export function projectionsFor(config: Pick<LedgerConfig, 'consensus'> & Partial<Pick<LedgerConfig, 'caches'>>): Projection<unknown>[] {
  const fingerprint = createHash('sha256').update(canonicalJson(config.consensus)).digest('hex').slice(0, 16);
  return [
    commandAnswersProjection,
    questionsProjection,
    sourcesProjection,
    participantsProjection,
    accountsProjection,
    // The engines' cache bounds are not the consensus's settings: they change no result, nor the fingerprint.
    currentConsensusProjection(config.consensus, fingerprint, config.caches && { maxBytes: config.caches.consensusBytes, idleMs: config.caches.idleMs }),
  ] as Projection<unknown>[];
}

/** What a snapshot records of a projection, so a changed version or setting forces a rebuild. */
export const versionOf = (projection: Projection<unknown>) => `${projection.version}:${projection.fingerprint ?? ''}`;
