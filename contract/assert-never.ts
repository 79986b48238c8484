/**
 * The compiler's check that a switch over event types names them all: put in its `default`, `value`
 * has type `never` only when every case is handled, so a new event type is a compile error wherever
 * it is not. Reached at run time only by data the types do not describe (an event of a type the
 * catalogue does not know), which it refuses by name.
 */
export function assertNever(value: never): never {
  const type = (value as { type?: unknown } | null)?.type;
  throw new Error(`Unhandled event type: ${typeof type === 'string' ? type : JSON.stringify(value)}`);
}
