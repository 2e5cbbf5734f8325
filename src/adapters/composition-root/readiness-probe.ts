import * as E from 'fp-ts/lib/Either.js';
import type { HookRegistrationStatus } from '../../application/hook-registration/index.js';
import type { Readiness } from '../http-service/index.js';
import type { KycRuntime } from './build-kyc-runtime.js';

/** How long GET /ready waits for the stores: a load balancer's probe must get an answer, not a hung request. */
export const READINESS_TIMEOUT_MS = 2_000;

/** Resolves false after `ms`, so a probe stuck on an unreachable database answers in bounded time. */
const within = (ms: number, probe: Promise<boolean>): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    probe.then(
      (ready) => {
        clearTimeout(timer);
        resolve(ready);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });

/** What /ready says of the hooks: ready only once every event type's hook is ours. */
const hooksReadiness = (status: HookRegistrationStatus): Readiness => {
  if (status.state === 'registered') return { ready: true };
  if (status.state === 'held-elsewhere') return { ready: false, reason: 'HOOKS_HELD_ELSEWHERE', hooksHeldElsewhere: status.heldElsewhere };
  return { ready: false, reason: 'HOOKS_NOT_REGISTERED' };
};

/**
 * GET /ready: each store the requests need answers a one-row read (the events, the read model's lists, the
 * webhook inbox), all within READINESS_TIMEOUT_MS, and, when `hooks` is given, Mangopay's hooks are registered
 * (a service that would miss Mangopay's outcomes is not ready). On PostgreSQL the stores share a database, but each has its pool.
 */
export const readinessProbe =
  (runtime: Pick<KycRuntime, 'core' | 'readModel' | 'inbox'>, options: { readonly hooks?: () => HookRegistrationStatus; readonly timeoutMs?: number } = {}) =>
  async (): Promise<Readiness> => {
    const stores = await within(
      options.timeoutMs ?? READINESS_TIMEOUT_MS,
      Promise.all([
        runtime.core.store.readAll({ maxCount: 1 })().then(E.isRight),
        runtime.readModel.readModel.listDocuments({ page: 1, perPage: 1, sort: 'CreationDate:DESC' })().then(E.isRight),
        runtime.inbox.list({ status: 'parked', limit: 1 })().then(E.isRight),
      ]).then((probes) => probes.every(Boolean)),
    );
    if (!stores) return { ready: false, reason: 'STORES_UNAVAILABLE' };
    return options.hooks === undefined ? { ready: true } : hooksReadiness(options.hooks());
  };
