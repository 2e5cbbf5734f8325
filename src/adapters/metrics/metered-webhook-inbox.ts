import * as E from 'fp-ts/lib/Either.js';
import type { InboxClaim, InboxEntry, WebhookInbox } from '../../application/ports/webhook-inbox.js';
import type { KycMetrics } from './kyc-metrics.js';

/** Counts how hooks were reconciled, as the processor settles them in the inbox: changed, unchanged, unknown, failed, parked. */
export const meteredWebhookInbox = (inbox: WebhookInbox, metrics: KycMetrics): WebhookInbox => {
  const counted = <L, A>(task: () => Promise<E.Either<L, A>>, labels: () => Record<'resource' | 'outcome', string>) => async () => {
    const result = await task();
    if (E.isRight(result)) metrics.reconciliations.inc({ source: 'hook', ...labels() });
    return result;
  };
  // The processor settles the entry it claimed, so its notification is there; a bare claim counts as `other`.
  const resourceOf = (claim: InboxClaim | InboxEntry): string => {
    const type = 'notification' in claim ? claim.notification.eventType : '';
    return type.startsWith('KYC_') ? 'kyc-document' : type.startsWith('IDENTITY_VERIFICATION_') ? 'idv-session' : type.startsWith('USER_') ? 'user' : type.startsWith('UBO_DECLARATION_') ? 'ubo-declaration' : 'other';
  };
  return {
    ...inbox,
    markProcessed: (claim, outcome, at) =>
      counted(inbox.markProcessed(claim, outcome, at), () => ({
        resource: outcome.resource,
        outcome: outcome.unknownAtMangopay ? 'unknown_at_mangopay' : outcome.recordedEvents > 0 ? 'changed' : 'unchanged',
      })),
    scheduleRetry: (claim, failure, next) => counted(inbox.scheduleRetry(claim, failure, next), () => ({ resource: resourceOf(claim), outcome: 'failed' })),
    park: (claim, failure, at) => counted(inbox.park(claim, failure, at), () => ({ resource: resourceOf(claim), outcome: 'parked' })),
  };
};
