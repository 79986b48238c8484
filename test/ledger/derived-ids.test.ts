import { describe, expect, it } from 'vitest';
import { derivedUuid, eventIdFor } from '../../src/ledger/application/derived-ids';

// Ids derived from an idempotency key must stay the same across versions: a client retrying after an
// upgrade must get the same command, with the same entity and event ids.
describe('derived ids', () => {
  it('are the same as they have always been', () => {
    expect(derivedUuid('command', 'admin', 'key-1')).toBe('156f0ed8-03c8-8ba0-b6cc-a71204f28711');
    expect(eventIdFor('0b8e3c5e-2f1a-4c4d-9e7f-0123456789ab', 2)).toBe('28735966-cc37-897f-9ed7-be9cc0051646');
  });
});
