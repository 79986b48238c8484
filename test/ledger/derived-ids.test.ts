import { describe, expect, it } from 'vitest';
import { commandIdFor, derivedUuid, entityIdFor, eventIdFor, timeOrderedUuid } from '../../src/ledger/application/derived-ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Ids derived from an idempotency key must stay the same across versions: a client retrying after an
// upgrade must get the same command, with the same entity and event ids.
describe('derived ids', () => {
  it('are the same as they have always been', () => {
    expect(derivedUuid('command', 'admin', 'key-1')).toBe('156f0ed8-03c8-8ba0-b6cc-a71204f28711');
    expect(commandIdFor('admin', 'key-1')).toBe('156f0ed8-03c8-8ba0-b6cc-a71204f28711');
    expect(eventIdFor('0b8e3c5e-2f1a-4c4d-9e7f-0123456789ab', 2)).toBe('28735966-cc37-897f-9ed7-be9cc0051646');
    expect(eventIdFor('156f0ed8-03c8-8ba0-b6cc-a71204f28711', 0)).toBe(derivedUuid('156f0ed8-03c8-8ba0-b6cc-a71204f28711', 'event', '0'));
  });

  it('give a command without an idempotency key a new time-ordered id', () => {
    const first = commandIdFor('admin', undefined);
    const second = commandIdFor('admin', undefined);
    expect(first).toMatch(UUID_V7);
    expect(second).not.toBe(first);
    expect(timeOrderedUuid(0x0123_4567_89ab)).toMatch(/^01234567-89ab-7/);
    const earlier = timeOrderedUuid(1_700_000_000_000);
    const later = timeOrderedUuid(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });

  // The store's index of event ids then grows at its end, as positions do.
  it('keep a time-ordered command id’s time prefix, and are still derived from it alone', () => {
    const commandId = timeOrderedUuid(1_800_000_000_000);
    const events = [0, 1, 2].map((index) => eventIdFor(commandId, index));
    for (const id of [...events, entityIdFor(commandId, 'claim')]) {
      expect(id).toMatch(UUID_V8);
      expect(id.slice(0, 13)).toBe(commandId.slice(0, 13));
    }
    expect(new Set(events).size).toBe(3);
    expect(eventIdFor(commandId, 1)).toBe(events[1]);
    expect(entityIdFor(commandId, 'claim')).not.toBe(entityIdFor(commandId, 'relation'));
    expect(eventIdFor(timeOrderedUuid(1_800_000_000_000), 0)).not.toBe(events[0]);
  });
});
