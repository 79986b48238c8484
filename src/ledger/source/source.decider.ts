import { assertNever } from '../../../contract/assert-never';
import type { Decider } from '../decider';
import { NotFoundError, rule } from '../domain-error';
import type { SourceCommand } from './source.commands';
import type { Reliability, SourceEvent } from '../../../contract/source.events';

export interface SourceState {
  exists: boolean;
  reliability: Reliability | null;
}

export const initialSourceState: SourceState = { exists: false, reliability: null };

export function decideSource(command: SourceCommand, state: SourceState): SourceEvent[] {
  switch (command.type) {
    case 'RegisterSource': {
      rule(!state.exists, 'source-exists', `Source ${command.sourceId} is already registered`, 'sourceId');
      const { type: _type, details, ...rest } = command;
      return [{ type: 'SourceRegistered', data: { ...rest, details: details ?? {} } }];
    }
    case 'AppraiseSource': {
      if (!state.exists) throw new NotFoundError('source', command.sourceId);
      const { sourceId, reliability, note } = command;
      return [{ type: 'SourceAppraised', data: { sourceId, reliability, note } }];
    }
  }
}

export function evolveSource(state: SourceState, event: SourceEvent): SourceState {
  switch (event.type) {
    case 'SourceRegistered':
      return { exists: true, reliability: event.data.reliability };
    case 'SourceAppraised':
      return { ...state, reliability: event.data.reliability };
    default:
      return assertNever(event);
  }
}

export const sourceDecider: Decider<SourceCommand, SourceEvent, SourceState> = {
  initialState: initialSourceState,
  decide: decideSource,
  evolve: evolveSource,
};
