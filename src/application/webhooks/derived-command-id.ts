import type { CommandId } from '../../domain/shared/bounded-string.js';
import { idDigest } from '../../domain/shared/id-digest.js';
import type { HookNotification } from '../ports/webhook-inbox.js';

const digest = (...parts: ReadonlyArray<string | number>): string => idDigest(...parts).slice(0, 32);

/**
 * The command id under which one inbox entry is reconciled: derived from its notification and its sequence,
 * so processing the same entry again (a retry, a replay, a processor that died after the append) has the
 * effect of once, while an equal notification recorded later (the user went back to the same state within
 * the same second) is a new command, whose re-fetch is not answered by the first one's outcome.
 * A digest keeps it short: reconciliation appends its step names, and a RessourceId may be 255 characters.
 */
export const commandIdForHook = (entry: { readonly notification: HookNotification; readonly sequence: number }): CommandId =>
  `hook-${digest('hook', entry.notification.eventType, entry.notification.resourceId, entry.notification.date, entry.sequence)}` as CommandId;

/**
 * The command id under which several entries about one resource, claimed in one round, are reconciled by one
 * re-fetch: one entry keeps its own id; several get one derived from all of them, so the same group processed
 * again has the effect of once, and any other grouping is a new command (its re-fetch is never answered by an
 * outcome that read Mangopay before one of its entries arrived).
 */
export const commandIdForHooks = (entries: ReadonlyArray<{ readonly notification: HookNotification; readonly sequence: number }>): CommandId => {
  const [only, ...more] = entries;
  if (only !== undefined && more.length === 0) return commandIdForHook(only);
  return `hooks-${digest('hooks', ...entries.flatMap((entry) => [entry.notification.eventType, entry.notification.resourceId, entry.notification.date, entry.sequence]))}` as CommandId;
};

/** The command id of one resource within one sweep: a rerun of the same sweep resumes it, a new sweep observes afresh. */
export const commandIdForSweep = (sweepId: string, resource: string, id: string): CommandId =>
  `sweep-${digest('sweep', sweepId, resource, id)}` as CommandId;
