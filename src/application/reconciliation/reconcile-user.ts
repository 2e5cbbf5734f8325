import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { CommandId, MangopayId } from '../../domain/shared/bounded-string.js';
import type { UboDeclarationRecord } from '../../domain/user-kyc/index.js';
import type { KycCoreDependencies } from '../kyc-core-dependencies.js';
import type { MangopayApiError, UboDeclarationView } from '../ports/mangopay-api.js';
import { unknownAtMangopay, type ReconcileError, type ReconcileOutcome } from './reconcile-errors.js';
import { userProfileFromView } from './user-profile-from-view.js';

/** Mangopay's largest page ("Pagination": Per_Page ≤ 100); a user with more declarations than this many pages is not read further. */
const PER_PAGE = 100;
const MAX_PAGES = 10;

/** The declaration as the UserKyc stream records it: no UBO's personal data, only how many there are. */
export const uboDeclarationRecordOf = (view: UboDeclarationView): UboDeclarationRecord => ({
  declarationId: view.id,
  status: view.status,
  creationDate: view.creationDate,
  uboCount: view.uboCount,
  ...(view.reason === null ? {} : { reason: view.reason }),
  ...(view.processedDate === null ? {} : { processedDate: view.processedDate }),
});

/** Every UBO declaration of the user Mangopay lists ("List UBO Declarations for a User"), oldest first. */
const listUboDeclarations = async (deps: KycCoreDependencies, userId: MangopayId): Promise<E.Either<MangopayApiError, ReadonlyArray<UboDeclarationView>>> => {
  const all: UboDeclarationView[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const listed = await deps.mangopay.listUserUboDeclarations(userId, { page, perPage: PER_PAGE })();
    if (E.isLeft(listed)) return listed;
    all.push(...listed.right.items);
    if (page >= listed.right.totalPages || listed.right.items.length === 0) break;
  }
  return E.right(all.filter((declaration) => declaration.userId === userId));
};

type Handled = { readonly events: ReadonlyArray<unknown>; readonly replayed: boolean };
const recorded = (handled: Handled): number => (handled.replayed ? 0 : handled.events.length);

/**
 * USER_KYC_REGULAR / USER_KYC_LIGHT, a UBO_DECLARATION_* hook, or first sight of a user: the user as Mangopay has it
 * now and, for a legal user, their UBO declarations (Mangopay asks one of a Business or Partnership; a declaration of
 * another legal user is recorded with an anomaly, so every legal user's list is read). Two commands, each idempotent.
 */
export const reconcileUser =
  (deps: KycCoreDependencies) =>
  (userId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewUser(userId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('user', userId)) : viewed;
    }
    const handled = await deps.handle(deps.users, userId, {
      commandId,
      command: { type: 'ObserveUser', userId, user: userProfileFromView(viewed.right), kycLevel: viewed.right.kycLevel },
    })();
    if (E.isLeft(handled)) return handled;
    let recordedEvents = recorded(handled.right);
    if (viewed.right.personType === 'LEGAL') {
      const declarations = await listUboDeclarations(deps, userId);
      if (E.isLeft(declarations)) return declarations;
      const observed = await deps.handle(deps.users, userId, {
        commandId: `${commandId}:ubo-declarations` as CommandId,
        command: { type: 'ObserveUboDeclarations', userId, declarations: declarations.right.map(uboDeclarationRecordOf) },
      })();
      if (E.isLeft(observed)) return observed;
      recordedEvents += recorded(observed.right);
    }
    return E.right({ resource: 'user', id: userId, unknownAtMangopay: false, recordedEvents });
  };

/**
 * A UBO_DECLARATION_* hook names the declaration ("View a UBO Declaration" finds it by its id alone): its user is
 * reconciled, the user and every declaration of theirs, as Mangopay lists them now.
 */
export const reconcileUboDeclaration =
  (deps: KycCoreDependencies) =>
  (declarationId: MangopayId, commandId: CommandId): TaskEither<ReconcileError, ReconcileOutcome> =>
  async () => {
    const viewed = await deps.mangopay.viewUboDeclaration(declarationId)();
    if (E.isLeft(viewed)) {
      return viewed.left.type === 'RESOURCE_NOT_FOUND' ? E.right(unknownAtMangopay('ubo-declaration', declarationId)) : viewed;
    }
    const reconciled = await reconcileUser(deps)(viewed.right.userId, commandId)();
    return E.map((outcome: ReconcileOutcome) => ({ ...outcome, resource: 'ubo-declaration' as const, id: declarationId }))(reconciled);
  };
