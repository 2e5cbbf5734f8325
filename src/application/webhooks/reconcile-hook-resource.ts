import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { ReconcileError, ReconcileOutcome } from '../reconciliation/reconcile-errors.js';
import { reconcileIdvSession } from '../reconciliation/reconcile-idv-session.js';
import { reconcileKycDocument } from '../reconciliation/reconcile-kyc-document.js';
import { reconcileUboDeclaration, reconcileUser } from '../reconciliation/reconcile-user.js';
import type { HookResource } from './hook-event-types.js';

/** Re-fetches one resource from Mangopay and reconciles it: the one place a resource kind picks its use case. */
export const reconcileHookResource =
  (core: KycCoreDependencies) =>
  (resource: HookResource, id: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> => {
    switch (resource) {
      case 'kyc-document':
        return reconcileKycDocument(core)(id, commandId);
      case 'idv-session':
        return reconcileIdvSession(core)(id, commandId);
      case 'user':
        return reconcileUser(core)(id, commandId);
      case 'ubo-declaration':
        return reconcileUboDeclaration(core)(id, commandId);
    }
  };
