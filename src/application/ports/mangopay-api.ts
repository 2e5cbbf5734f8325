import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { MangopayId, Tag } from '../../domain/shared/bounded-string.js';
import type { HttpsUrl } from '../../domain/shared/https-url.js';
import type { KycDocumentType } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import type { MangopayApiError } from './mangopay-api-errors.js';
import type {
  AbsoluteUrl,
  HookView,
  IdvSessionView,
  KycDocumentView,
  ListPage,
  MangopayUserView,
  UboDeclarationView,
} from './mangopay-api-views.js';
import type { IdempotencyKey } from './mangopay-idempotency-key.js';
import type { KycDocumentQuery, Paging, UserKycDocumentQuery } from './mangopay-list-query.js';
import type { HookEventType, HookStatus } from './mangopay-vocabulary.js';

export * from './mangopay-api-errors.js';
export * from './mangopay-api-views.js';
export * from './mangopay-idempotency-key.js';
export * from './mangopay-list-query.js';
export * from './mangopay-vocabulary.js';

export interface CreateKycDocumentInput {
  readonly userId: MangopayId;
  readonly type: KycDocumentType;
  readonly tag?: Tag;
}

export interface AddKycPageInput {
  readonly userId: MangopayId;
  readonly documentId: MangopayId;
  /** The page as plain base64. It goes to Mangopay and nowhere else: adapters never keep or log it. */
  readonly file: string;
}

export interface SubmitKycDocumentInput {
  readonly userId: MangopayId;
  readonly documentId: MangopayId;
  readonly tag?: Tag;
}

export interface CreateIdvSessionInput {
  readonly userId: MangopayId;
  readonly returnUrl: HttpsUrl;
  readonly tag?: Tag;
}

export interface CreateHookInput {
  readonly eventType: HookEventType;
  readonly url: AbsoluteUrl;
  readonly tag?: Tag;
}

export interface UpdateHookInput {
  readonly hookId: MangopayId;
  readonly url?: AbsoluteUrl;
  readonly status?: HookStatus;
  readonly tag?: Tag;
}

/**
 * The MangopayApi port: the subset of Mangopay's API v2.01 the KYC core uses, in the domain's words.
 * Every creating call takes an Idempotency-Key (derive it with `idempotencyKeyFor(commandId, step)`), so a
 * retried command never creates a second resource. Errors are values (`MangopayApiError`), never thrown.
 */
export interface MangopayApi {
  readonly viewUser: (userId: MangopayId) => TaskEither<MangopayApiError, MangopayUserView>;

  readonly createKycDocument: (
    input: CreateKycDocumentInput,
    idempotencyKey: IdempotencyKey,
  ) => TaskEither<MangopayApiError, KycDocumentView>;
  readonly addKycPage: (input: AddKycPageInput, idempotencyKey: IdempotencyKey) => TaskEither<MangopayApiError, void>;
  /** Asks for validation (Status VALIDATION_ASKED). */
  /** A PUT: Mangopay takes no Idempotency-Key on it (only POST calls are idempotent), and refuses a second submission. */
  readonly submitKycDocument: (input: SubmitKycDocumentInput) => TaskEither<MangopayApiError, KycDocumentView>;
  readonly viewKycDocument: (documentId: MangopayId) => TaskEither<MangopayApiError, KycDocumentView>;
  readonly listUserKycDocuments: (
    userId: MangopayId,
    query?: UserKycDocumentQuery,
  ) => TaskEither<MangopayApiError, ListPage<KycDocumentView>>;
  readonly listKycDocuments: (query?: KycDocumentQuery) => TaskEither<MangopayApiError, ListPage<KycDocumentView>>;

  readonly createIdvSession: (
    input: CreateIdvSessionInput,
    idempotencyKey: IdempotencyKey,
  ) => TaskEither<MangopayApiError, IdvSessionView>;
  /** The session with its checks and their data points. */
  readonly viewIdvSession: (sessionId: MangopayId) => TaskEither<MangopayApiError, IdvSessionView>;
  readonly listUserIdvSessions: (
    userId: MangopayId,
    paging?: Paging,
  ) => TaskEither<MangopayApiError, ListPage<IdvSessionView>>;

  /**
   * A user's UBO declarations ("List UBO Declarations for a User",
   * https://docs.mangopay.com/api-reference/ubo-declarations/list-ubo-declarations-user), oldest first.
   */
  readonly listUserUboDeclarations: (
    userId: MangopayId,
    paging?: Paging,
  ) => TaskEither<MangopayApiError, ListPage<UboDeclarationView>>;
  /** One declaration by its id ("View a UBO Declaration": GET kyc/ubodeclarations/{Id}); a UBO_DECLARATION_* hook names it. */
  readonly viewUboDeclaration: (declarationId: MangopayId) => TaskEither<MangopayApiError, UboDeclarationView>;

  readonly createHook: (input: CreateHookInput, idempotencyKey: IdempotencyKey) => TaskEither<MangopayApiError, HookView>;
  readonly listHooks: (paging?: Paging) => TaskEither<MangopayApiError, ListPage<HookView>>;
  readonly updateHook: (input: UpdateHookInput) => TaskEither<MangopayApiError, HookView>;
}
