import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId } from '../../domain/shared/bounded-string.js';
import { isUnrecognized } from '../../domain/shared/recognized.js';
import {
  HOOK_EVENT_TYPES,
  idempotencyKeyFor,
  SDK_NAMED_HOOK_EVENT_TYPES,
  type AbsoluteUrl,
  type HookEventType,
  type HookView,
  type MangopayApi,
  type MangopayApiError,
} from '../ports/mangopay-api.js';

export interface HookRegistration {
  readonly eventType: HookEventType;
  /**
   * `updated`: our hook re-enabled, or (with `takeOver`) another URL's hook pointed here; `held-elsewhere`: the
   * event type's hook targets another URL and was left as it is (Mangopay keeps one hook per event type);
   * `refused-by-mangopay`: an event type only Mangopay's SDKs name, which this Mangopay refused (400).
   */
  readonly action: 'created' | 'updated' | 'unchanged' | 'held-elsewhere' | 'refused-by-mangopay';
}

export interface RegisterHooksOptions {
  /** Point hooks that target another URL at ours. Only when the operator says so: that URL stops hearing of them. */
  readonly takeOver?: boolean;
}

const MAX_HOOK_PAGES = 20;

const sdkNamed: ReadonlySet<string> = new Set(SDK_NAMED_HOOK_EVENT_TYPES);

/**
 * The documented event types whose hook Mangopay keeps for another URL, in HOOK_EVENT_TYPES' order. An SDK-named
 * one held elsewhere is not counted: missing it only delays what the sweep finds (as when Mangopay refuses it).
 */
export const heldElsewhere = (registrations: ReadonlyArray<HookRegistration>): ReadonlyArray<HookEventType> =>
  registrations
    .filter((registration) => registration.action === 'held-elsewhere' && !sdkNamed.has(registration.eventType))
    .map((registration) => registration.eventType);

/**
 * Makes Mangopay send every event type the core handles to `url`: creates the hooks that are missing and
 * re-enables ours when disabled. A hook that targets another URL belongs to someone else (another deployment,
 * a former address) and is left alone unless `takeOver`. Safe to run at every start and again after a failure:
 * a hook already right is left alone, and creations carry an Idempotency-Key.
 */
export const registerHooks =
  (mangopay: MangopayApi, url: AbsoluteUrl, options: RegisterHooksOptions = {}): TaskEither<MangopayApiError, ReadonlyArray<HookRegistration>> =>
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
        // A type no documentation page lists may be one this Mangopay does not have: that is no reason to stop.
        if (E.isLeft(created) && created.left.type === 'MANGOPAY_REQUEST_REFUSED' && sdkNamed.has(eventType)) {
          done.push({ eventType, action: 'refused-by-mangopay' });
          continue;
        }
        if (E.isLeft(created)) return created;
        done.push({ eventType, action: 'created' });
      } else if (hook.url !== url && options.takeOver !== true) {
        done.push({ eventType, action: 'held-elsewhere' });
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
