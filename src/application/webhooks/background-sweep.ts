import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Clock } from '../ports/clock.js';
import type { ReadError } from '../ports/event-store.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import { commandIdForSweep } from './derived-command-id.js';
import type { HookResource } from './hook-event-types.js';
import { reconcileHookResource } from './reconcile-hook-resource.js';
import type { RefetchBudget } from './refetch-budget.js';
import { createSweepIndex, type SweepCandidate } from './resources-to-sweep.js';
import type { SweepFailure } from './reconcile-sweep.js';

export interface BackgroundSweepDependencies {
  readonly core: KycCoreDependencies;
  readonly clock: Clock;
  /** Shared with the inbox processor: the sweep asks in the `background` lane, below hooks about known resources. */
  readonly budget?: RefetchBudget;
}

export interface BackgroundSweepOptions {
  /** Time between passes. */
  readonly everyMs: number;
  /** A resource is re-fetched once neither its stream nor this sweep has observed it for this long. */
  readonly olderThanMs: number;
  /** Told about every pass that re-fetched something or could not finish. */
  readonly onPass?: (report: BackgroundSweepReport) => void;
  /** Told when a pass could not read the log (the sweep keeps going). */
  readonly onReadFailure?: (error: ReadError) => void;
}

export interface BackgroundSweepReport {
  /** Resources old enough to be re-fetched. */
  readonly due: number;
  readonly reconciled: number;
  readonly recordedEvents: number;
  /** Left for a later pass: the budget had no call to spare. */
  readonly deferred: number;
  readonly failures: ReadonlyArray<SweepFailure>;
}

export interface BackgroundSweep {
  /** One pass now (what the timer runs). */
  readonly pass: TaskEither<ReadError, BackgroundSweepReport>;
  /** Finishes the pass in progress, then stops. */
  readonly stop: () => Promise<void>;
}

interface Due {
  readonly resource: HookResource;
  readonly id: SweepCandidate['id'];
  readonly seenAt: number;
}

/**
 * The service's own safety net for hooks that never came: every `everyMs`, documents and sessions not final,
 * then users, that nothing has observed for `olderThanMs` are re-fetched from Mangopay and reconciled, the
 * longest unobserved first, as long as the budget spares a call (the rest waits for the next pass). The log is
 * followed incrementally; what this sweep re-fetched without recording anything is remembered here, so it is
 * not re-fetched before its age comes round again. Several instances may sweep the same resource: observing is
 * idempotent (a state already recorded records nothing), so at worst a call is spent twice.
 */
export const startBackgroundSweep = (deps: BackgroundSweepDependencies, options: BackgroundSweepOptions): BackgroundSweep => {
  const index = createSweepIndex(deps.core);
  const observedAt = new Map<string, number>();
  const keyOf = (resource: HookResource, id: string): string => `${resource}\u0000${id}`;
  let running = true;

  const pass: TaskEither<ReadError, BackgroundSweepReport> = async () => {
    const read = await index.catchUp();
    if (E.isLeft(read)) return read;
    const now = deps.clock.now();
    const found = index.candidates();
    const dueOf = (resource: HookResource, candidates: ReadonlyArray<SweepCandidate>): ReadonlyArray<Due> =>
      candidates
        .map((c) => ({ resource, id: c.id, seenAt: Math.max(Number.isNaN(c.lastEventAt) ? 0 : c.lastEventAt, observedAt.get(keyOf(resource, c.id)) ?? 0) }))
        .filter((d) => d.seenAt <= now.getTime() - options.olderThanMs)
        .sort((a, b) => a.seenAt - b.seenAt);
    // Documents and sessions before users: a user's level is read after what may have changed it.
    const due = [...dueOf('kyc-document', found.documents), ...dueOf('idv-session', found.sessions), ...dueOf('user', found.users)].sort(
      (a, b) => Number(a.resource === 'user') - Number(b.resource === 'user'),
    );
    const sweepId = `auto-${now.toISOString()}`;
    const failures: SweepFailure[] = [];
    let reconciled = 0;
    let recordedEvents = 0;
    let deferred = 0;
    for (const [position, item] of due.entries()) {
      if (!running) break;
      if (deps.budget !== undefined && !deps.budget.tryTake('background')) {
        deferred = due.length - position;
        break;
      }
      const outcome = await reconcileHookResource(deps.core)(item.resource, item.id, commandIdForSweep(sweepId, item.resource, item.id))();
      if (E.isLeft(outcome)) {
        failures.push({ resource: item.resource, id: item.id, type: outcome.left.type, message: outcome.left.message });
        continue;
      }
      observedAt.set(keyOf(item.resource, item.id), deps.clock.now().getTime());
      reconciled++;
      recordedEvents += outcome.right.recordedEvents;
    }
    return E.right({ due: due.length, reconciled, recordedEvents, deferred, failures });
  };

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const schedule = (): void => {
    timer = setTimeout(() => {
      current = pass()
        .then(
          (report) => {
            if (E.isLeft(report)) options.onReadFailure?.(report.left);
            else if (report.right.due > 0) options.onPass?.(report.right);
          },
          // No adapter should throw; a pass that does is lost, the next one runs as planned.
          () => undefined,
        )
        .finally(() => {
          if (running) schedule();
        });
    }, options.everyMs);
    // The service's server keeps the process alive, not its sweep.
    timer.unref();
  };
  schedule();

  return {
    pass,
    stop: async () => {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
};
