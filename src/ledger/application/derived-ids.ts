import { hash, randomUUID } from 'node:crypto';

/** A UUID (version 8, name-based) derived from the given parts: the same parts give the same id. */
export function derivedUuid(...parts: string[]): string {
  // One-shot: a few of these per command, and a Hash object each costs as much as the digest.
  const hex = hash('sha256', parts.join('\u0000'), 'hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A command's id: derived from the caller's idempotency key when there is one, so a retry is the
 * same command, with the same new entity ids and event ids; random otherwise.
 */
export function commandIdFor(principalId: string, idempotencyKey: string | undefined): string {
  return idempotencyKey === undefined ? randomUUID() : derivedUuid('command', principalId, idempotencyKey);
}

/** Ids of what a command creates and of the events it appends, all derived from the command id. */
export const entityIdFor = (commandId: string, role: string) => derivedUuid(commandId, role);
export const eventIdFor = (commandId: string, index: number) => derivedUuid(commandId, 'event', String(index));
