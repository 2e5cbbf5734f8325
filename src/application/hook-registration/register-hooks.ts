import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import {
  HOOK_EVENT_TYPES,
  idempotencyKeyFor,
  type AbsoluteUrl,
  type HookEventType,
  type HookView,
  type MangopayApi,
  type MangopayApiError,
} from '../ports/mangopay-api.js';

export interface HookRegistration {
  readonly eventType: HookEventType;
  readonly action: 'created' | 'updated' | 'unchanged';
}

const MAX_HOOK_PAGES = 20;

/**
 * Makes Mangopay send every event type the core handles to `url`: creates the hooks that are missing,
 * points existing ones (Mangopay keeps one per event type) at this URL and enables them. Safe to run at
 * every start: a hook already right is left alone, and creations carry an Idempotency-Key.
 */
export const registerHooks =
  (mangopay: MangopayApi, url: AbsoluteUrl): TaskEither<MangopayApiError, ReadonlyArray<HookRegistration>> =>
  async () => {
    const existing = new Map<string, HookView>();
    for (let page = 1; page <= MAX_HOOK_PAGES; page++) {
      const listed = await mangopay.listHooks({ page, perPage: 100 })();
      if (E.isLeft(listed)) return listed;
      for (const hook of listed.right.items) if (!isUnrecognized(hook.eventType)) existing.set(hook.eventType, hook);
      if (page >= listed.right.totalPages) break;
    }
    const done: HookRegistration[] = [];
    for (const eventType of HOOK_EVENT_TYPES) {
      const hook = existing.get(eventType);
      if (hook === undefined) {
        const created = await mangopay.createHook(
          { eventType, url },
          idempotencyKeyFor(`register-hook:${eventType}:${url}`.slice(0, 128) as CommandId, 'create-hook'),
        )();
        if (E.isLeft(created)) return created;
        done.push({ eventType, action: 'created' });
      } else if (hook.url !== url || hook.status !== 'ENABLED') {
        const updated = await mangopay.updateHook({ hookId: hook.id, url, status: 'ENABLED' })();
        if (E.isLeft(updated)) return updated;
        done.push({ eventType, action: 'updated' });
      } else {
        done.push({ eventType, action: 'unchanged' });
      }
    }
    return E.right(done);
  };
