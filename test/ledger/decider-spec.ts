import { expect } from 'vitest';
import { foldEvents, type Decider } from '../../src/ledger/decider';
import { DomainRuleError, NotFoundError } from '../../src/ledger/domain-error';

/**
 * Given/When/Then for deciders: given past events, when a command is decided, then these events
 * happen, or this rule refuses it (naming the field), or the target is not found.
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(past: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, foldEvents(decider, past));
          return {
            then(expected: Event[]) {
              expect(run()).toEqual(expected);
            },
            thenRefused(code: string, field?: string) {
              let error: unknown;
              try {
                run();
              } catch (caught) {
                error = caught;
              }
              expect(error, 'expected the command to be refused').toBeInstanceOf(DomainRuleError);
              expect(error).toMatchObject({ code, ...(field ? { field } : {}) });
            },
            thenNotFound(entity: string, id: string) {
              let error: unknown;
              try {
                run();
              } catch (caught) {
                error = caught;
              }
              expect(error, 'expected the target to be unknown').toBeInstanceOf(NotFoundError);
              expect(error).toMatchObject({ entity, id });
            },
          };
        },
      };
    },
  };
}
