import { describe, expect, it } from 'vitest';
import { deterministicEventId } from '../../src/application/command-handling/deterministic-event-id.js';
import { requestDigest } from '../../src/application/command-handling/request-digest.js';
import { idempotencyKeyFor } from '../../src/application/ports/mangopay-idempotency-key.js';
import { commandIdForHook, commandIdForHooks, commandIdForSweep } from '../../src/application/webhooks/derived-command-id.js';
import { eventIdOf } from '../../src/adapters/eventstoredb/personal-data-keys/key-stream-events.js';
import type { CommandId } from '../../src/domain/shared/bounded-string.js';
import { idDigest, uuidOfDigest } from '../../src/domain/shared/id-digest.js';
import type { HookNotification } from '../../src/application/ports/webhook-inbox.js';

/**
 * Every id the project derives goes through idDigest. The derived ids are stored (event ids, command ids in
 * metadata, Idempotency-Keys Mangopay has seen): these are the values the hand-written helpers this one replaced
 * produced for the same inputs, so a retry after an upgrade still derives what the first attempt stored.
 */
const notification = (resourceId: string, date: number) => ({ eventType: 'KYC_SUCCEEDED', resourceId, date }) as unknown as HookNotification;

describe('ids derived from their parts', () => {
  it('are what they were before the one helper (stored ids stay recognisable)', () => {
    const commandId = 'cmd-0-é';
    expect(deterministicEventId(commandId, 'KycDocument-0', 0)).toBe('24bad775-bee4-85cf-b433-8688ab9afc6f');
    expect(idempotencyKeyFor(commandId as CommandId, 'step0')).toBe('ee1f0730-abac-1c66-d78c-d77a6c247798');
    expect(requestDigest('KycDocument', { a: 0, b: [commandId] })).toBe('2430388949f0a5a1ed5747727362a38a6475f978c01f86c2bf30cf4af4f6d32b');
    expect(commandIdForHook({ notification: notification('r0', 1_700_000_000), sequence: 0 })).toBe('hook-7c08aa63debbcba645e9aec56058d2ad');
    expect(commandIdForHooks([1, 2].map((k) => ({ notification: { ...notification('r0', k), eventType: 'KYC_FAILED' } as unknown as HookNotification, sequence: k })))).toBe(
      'hooks-09ede577f526db5cc0c3f72f11ff0f4b',
    );
    expect(commandIdForSweep('s0', 'doc', 'id0')).toBe('sweep-2306a4384227af6e02c404cfa7f3b083');
    expect(eventIdOf('a', commandId, '0')).toBe('1b574184-8386-4a57-8c2b-baad728b4e52');
  });

  it('tell parts apart from their concatenation', () => {
    expect(idDigest('ab', 'c')).not.toBe(idDigest('a', 'bc'));
    expect(idDigest('a', 1)).toBe(idDigest('a', '1'));
  });

  it('lay out as UUIDs with the version and variant a UUID check wants', () => {
    const hex = idDigest('x');
    expect(uuidOfDigest(hex)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(uuidOfDigest(hex, '4')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidOfDigest(hex, '8')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
