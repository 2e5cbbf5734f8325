import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { MangopayId } from '../../domain/shared/bounded-string.js';
import type { ReadError } from '../ports/event-store.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import { commandIdForSweep } from './derived-command-id.js';
import type { HookResource } from './hook-event-types.js';
import { reconcileHookResource } from './reconcile-hook-resource.js';
import { findResourcesToSweep } from './resources-to-sweep.js';

export interface SweepRequest {
  /**
   * Names this sweep: command ids derive from it, so running a sweep again under the same id resumes it
   * (what it already recorded is not recorded twice), and a new id observes everything afresh.
   */
  readonly sweepId: string;
  /** Re-read every user seen too (their KYC level). Default true. */
  readonly includeUsers?: boolean;
  /** Told after each resource, so a long sweep can show where it is (the CLI prints a line now and then). */
  readonly onProgress?: (progress: SweepProgress) => void;
}

/** How far a sweep is: `done` of `of` resources of one kind. */
export interface SweepProgress {
  readonly resource: HookResource;
  readonly done: number;
  readonly of: number;
}

export interface SweepTally {
  readonly checked: number;
  readonly recordedEvents: number;
  readonly unknownAtMangopay: number;
}

/** A resource the sweep could not reconcile; the sweep went on with the others. */
export interface SweepFailure {
  readonly resource: HookResource;
  readonly id: MangopayId;
  readonly type: string;
  readonly message: string;
}

export interface SweepReport {
  readonly documents: SweepTally;
  readonly sessions: SweepTally;
  readonly users: SweepTally;
  readonly failures: ReadonlyArray<SweepFailure>;
}

/**
 * For hooks that never came: polls Mangopay for every document and session known locally that is not in a
 * final status (and every user), and reconciles each, one at a time so Mangopay's rate limit is respected.
 * A failure on one resource is reported and does not stop the others. Documents and sessions go first, so
 * the users' levels are read after what may have changed them.
 */
export const reconcileSweep =
  (core: KycCoreDependencies) =>
  (request: SweepRequest): TaskEither<ReadError, SweepReport> =>
  async () => {
    const found = await findResourcesToSweep(core)();
    if (E.isLeft(found)) return found;
    const failures: SweepFailure[] = [];
    const reconcileAll = async (resource: HookResource, ids: ReadonlyArray<MangopayId>): Promise<SweepTally> => {
      let recordedEvents = 0;
      let unknown = 0;
      for (const [index, id] of ids.entries()) {
        const outcome = await reconcileHookResource(core)(resource, id, commandIdForSweep(request.sweepId, resource, id))();
        request.onProgress?.({ resource, done: index + 1, of: ids.length });
        if (E.isLeft(outcome)) {
          failures.push({ resource, id, type: outcome.left.type, message: outcome.left.message });
          continue;
        }
        recordedEvents += outcome.right.recordedEvents;
        if (outcome.right.unknownAtMangopay) unknown++;
      }
      return { checked: ids.length, recordedEvents, unknownAtMangopay: unknown };
    };
    const documents = await reconcileAll('kyc-document', found.right.documents);
    const sessions = await reconcileAll('idv-session', found.right.sessions);
    const users = await reconcileAll('user', request.includeUsers === false ? [] : found.right.users);
    return E.right({ documents, sessions, users, failures });
  };
