import { hash, randomUUID } from 'node:crypto';

/** A UUID (version 8, name-based) derived from the given parts: the same parts give the same id. */
export function derivedUuid(...parts: string[]): string {
  // One-shot: a few of these per command, and a Hash object each costs as much as the digest.
  const hex = hash('sha256', parts.join('\u0000'), 'hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A UUID version 7: the time in milliseconds in its first 48 bits, then random bits. */
export function timeOrderedUuid(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  // A version 4 UUID's last 74 random bits and variant: Node draws them from a pooled buffer of
  // entropy, where random bytes of our own would cost a system call each.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}

/**
 * A command's id: derived from the caller's idempotency key when there is one, so a retry is the
 * same command, with the same new entity ids and event ids; otherwise new and time-ordered.
 */
export function commandIdFor(principalId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined ? timeOrderedUuid() : derivedUuid('command', principalId, idempotencyKey);
}

/**
 * An id derived from a command's id. A time-ordered command id lends it its time prefix: ids of
 * events written together then sort together, so the store's index of event ids grows at its end
 * instead of changing a page at random for every event. Other command ids give the derived id
 * alone, as they always have.
 */
function derivedFromCommand(commandId: string, ...parts: string[]): string {
  const id = derivedUuid(commandId, ...parts);
  return commandId[14] === '7' ? `${commandId.slice(0, 13)}${id.slice(13)}` : id;
}

/** Ids of what a command creates and of the events it appends, all derived from the command id. */
export const entityIdFor = (commandId: string, role: string) => derivedFromCommand(commandId, role);
export const eventIdFor = (commandId: string, index: number) => derivedFromCommand(commandId, 'event', String(index));
