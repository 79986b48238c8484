/**
 * The shape of every aggregate in the ledger's functional core: given the current state, a command
 * decides which events happen; events evolve the state. No I/O, no clock, no randomness: ids and
 * times come in with the command.
 */
export interface Decider<Command, Event, State> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** A fold of events over a decider's evolve, for loading and for tests. */
export function foldEvents<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>, events: Iterable<Event>, from?: State): State {
  let state = from ?? decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
