import type { HookEventType } from './mangopay-words.js';
import { nowSeconds, type SimulatorSettings } from './simulator-options.js';
import type { SimulatedHook } from './simulator-store.js';

/** One notification and what became of it (what the control API shows). */
export interface HookDeliveryRecord {
  readonly hookId: string;
  readonly eventType: HookEventType;
  readonly resourceId: string;
  readonly date: number;
  readonly url: string;
  attempts: number;
  outcome: 'pending' | 'delivered' | 'failed';
  /** The HTTP status of the last attempt; null when it got no answer. */
  lastStatus: number | null;
}

/**
 * Delivers hooks as Mangopay does: `GET <Url>?EventType=…&RessourceId=…&Date=…` (Mangopay's spelling), a 2xx
 * answer within the timeout counts as delivered; otherwise retried with doubling delays, a bounded number of times.
 */
export const createHookDelivery = (settings: SimulatorSettings) => {
  const records: HookDeliveryRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const closing = new AbortController();
  let pending = 0;
  let waiters: Array<() => void> = [];

  const finished = (): void => {
    if (closing.signal.aborted) return;
    pending--;
    if (pending === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };

  const attempt = async (record: HookDeliveryRecord): Promise<void> => {
    if (closing.signal.aborted) return finished();
    record.attempts++;
    const url = new URL(record.url);
    url.searchParams.set('EventType', record.eventType);
    url.searchParams.set('RessourceId', record.resourceId);
    url.searchParams.set('Date', String(record.date));
    try {
      const response = await fetch(url, {
        method: 'GET',
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(settings.hookTimeoutMs)]),
      });
      await response.arrayBuffer();
      record.lastStatus = response.status;
      if (response.ok) {
        record.outcome = 'delivered';
        return finished();
      }
    } catch {
      record.lastStatus = null;
    }
    if (record.attempts >= settings.hookAttempts || closing.signal.aborted) {
      record.outcome = 'failed';
      return finished();
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(record);
    }, settings.hookRetryDelayMs * 2 ** (record.attempts - 1));
    timers.add(timer);
  };

  return {
    /** Notifies every enabled hook registered for the event type. */
    notify: (hooks: Iterable<SimulatedHook>, eventType: HookEventType, resourceId: string): void => {
      for (const hook of hooks) {
        if (hook.eventType !== eventType || hook.status !== 'ENABLED') continue;
        const record: HookDeliveryRecord = {
          hookId: hook.id,
          eventType,
          resourceId,
          date: nowSeconds(settings),
          url: hook.url,
          attempts: 0,
          outcome: 'pending',
          lastStatus: null,
        };
        records.push(record);
        pending++;
        void attempt(record);
      }
    },
    records: (): ReadonlyArray<Readonly<HookDeliveryRecord>> => records.map((record) => ({ ...record })),
    /** Resolves once no delivery is pending (delivered, or failed after its last attempt). */
    settled: (): Promise<void> => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: (): void => {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pending = 0;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    },
  };
};

export type HookDelivery = ReturnType<typeof createHookDelivery>;
