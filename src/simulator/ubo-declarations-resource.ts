import { paginate, readListParams } from './list-params.js';
import type { HookEventType, UboDeclarationStatus } from './mangopay-words.js';
import { CreateUboBody, decodeBody, SubmitUboDeclarationBody, UpdateUboBody } from './request-bodies.js';
import { nextSeq, notify, now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { notFound, ok, paramError, type Reply } from './simulator-reply.js';
import type { SimulatedUbo, SimulatedUboDeclaration } from './simulator-store.js';
import { settleKycLevel } from './user-kyc-levels.js';
import { uboDeclarationWire, uboWire } from './wire-shapes.js';

/**
 * UBO declarations, from Mangopay's pages:
 * - "Beneficial owners" (https://docs.mangopay.com/guides/users/verification/beneficial-owners): "always required to
 *   verify legal users of the types Business, Partnership"; "not required for other types of legal users (nor for
 *   natural users)".
 * - "Create a UBO Declaration" (https://docs.mangopay.com/api-reference/ubo-declarations/create-ubo-declaration): 400
 *   "Wrong LegalUserType", "Not allowed for Payer users", "Declaration already in progress"; on submission "Failed
 *   due to lack of UBO".
 * - "How to submit a UBO Declaration" (https://docs.mangopay.com/guides/users/verification/beneficial-owners/how-to):
 *   1 to 15 UBOs; submit CREATED → VALIDATION_ASKED; REFUSED cannot be resubmitted (a new declaration is needed);
 *   INCOMPLETE can be modified and resubmitted; hooks UBO_DECLARATION_VALIDATED / _REFUSED / _INCOMPLETE; for an
 *   INCOMPLETE one, "set the IsActive parameter of the UBO object to false to have them disregarded from the
 *   declaration. This action is irreversible, but another UBO can be added in their place" (PUT …/ubos/{UboId}).
 * - "The UBO object" (https://docs.mangopay.com/api-reference/ubo-declarations/ubo-object): IsActive, "Whether or not
 *   the UBO is considered in the declaration. To disregard a UBO, set this parameter to false. This action is
 *   irreversible."
 * - "Update a UBO" (https://docs.mangopay.com/api-reference/ubo-declarations/update-ubo): LastName, FirstName,
 *   Birthday, Nationality, Address, Birthplace, none marked required; answers the UBO object. "View a UBO"
 *   (https://docs.mangopay.com/api-reference/ubo-declarations/view-ubo): GET …/ubos/{UboId}, the UBO object.
 *   *Silent* in what was read: the statuses a UBO may be updated in (the simulator: CREATED and INCOMPLETE, as for
 *   adding one; 400 on Status otherwise) and the error answers (the simulator: 400 param_error, 404 as elsewhere).
 */
export const UBO_DECLARATION_LEGAL_PERSON_TYPES: ReadonlyArray<string> = ['BUSINESS', 'PARTNERSHIP'];
const MAX_UBOS = 15;

const HOOK_OF: Readonly<Record<UboDeclarationStatus, HookEventType>> = {
  CREATED: 'UBO_DECLARATION_CREATED',
  VALIDATION_ASKED: 'UBO_DECLARATION_VALIDATION_ASKED',
  VALIDATED: 'UBO_DECLARATION_VALIDATED',
  REFUSED: 'UBO_DECLARATION_REFUSED',
  INCOMPLETE: 'UBO_DECLARATION_INCOMPLETE',
};

/**
 * The Sandbox's test data ("How to submit a UBO Declaration", Test data): the first UBO's FirstName, case-sensitive,
 * decides the outcome after submission. *Silent* on when and with what Reason: the simulator decides at once, with
 * SPECIFIC_CASE for a refusal or an incomplete declaration.
 */
const SANDBOX_OUTCOME: Readonly<Record<string, UboDeclarationStatus>> = { AcceptUBO: 'VALIDATED', RefuseUBO: 'REFUSED', IncompleteUBO: 'INCOMPLETE' };

/** Statuses a declaration can still be changed (UBOs added, submitted) in. */
const EDITABLE: ReadonlySet<UboDeclarationStatus> = new Set(['CREATED', 'INCOMPLETE']);
/** A declaration "in progress": neither decided for good (VALIDATED, REFUSED). */
const IN_PROGRESS: ReadonlySet<UboDeclarationStatus> = new Set(['CREATED', 'VALIDATION_ASKED', 'INCOMPLETE']);

/** A declaration reached a status: its hook, and the user's KYC level read again. */
export const uboDeclarationReached = (context: SimulatorContext, declaration: SimulatedUboDeclaration, status: UboDeclarationStatus): void => {
  declaration.status = status;
  notify(context, HOOK_OF[status], declaration.id);
  settleKycLevel(context, declaration.userId);
};

const isReply = (value: SimulatedUboDeclaration | Reply): value is Reply => 'status' in value && typeof value.status === 'number';

/** The user's declaration, or Mangopay's 404 (an unknown user, or a declaration of another user). */
const ownedDeclaration = (context: SimulatorContext, userId: string, declarationId: string): SimulatedUboDeclaration | Reply => {
  if (!context.store.users.has(userId)) return notFound('User', userId, now(context));
  const declaration = context.store.uboDeclarations.get(declarationId);
  if (declaration === undefined || declaration.userId !== userId) return notFound('UboDeclaration', declarationId, now(context));
  return declaration;
};

/** "Create a UBO Declaration": for a Legal BUSINESS or PARTNERSHIP Owner with no declaration in progress. */
export const createUboDeclaration = (context: SimulatorContext, userId: string): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined) return notFound('User', userId, now(context));
  if (user.personType !== 'LEGAL' || !UBO_DECLARATION_LEGAL_PERSON_TYPES.includes(user.legalPersonType ?? '')) {
    return paramError({ LegalPersonType: 'A UBO declaration is only for a legal user of type BUSINESS or PARTNERSHIP.' }, now(context));
  }
  if (user.category === 'PAYER') return paramError({ UserCategory: 'A UBO declaration is not allowed for a PAYER user.' }, now(context));
  const mine = [...context.store.uboDeclarations.values()].filter((declaration) => declaration.userId === userId);
  if (mine.some((declaration) => IN_PROGRESS.has(declaration.status))) {
    return paramError({ UboDeclaration: 'A UBO declaration of this user is already in progress.' }, now(context));
  }
  const declaration: SimulatedUboDeclaration = {
    id: newId('ubo_m', context.settings.now()),
    seq: nextSeq(context),
    userId,
    creationDate: now(context),
    status: 'CREATED',
    processedDate: null,
    reason: null,
    message: null,
    ubos: [],
  };
  context.store.uboDeclarations.set(declaration.id, declaration);
  notify(context, 'UBO_DECLARATION_CREATED', declaration.id);
  return ok(uboDeclarationWire(declaration));
};

/** "Create a UBO": while the declaration is CREATED or INCOMPLETE, at most 15 active UBOs. */
export const addUbo = (context: SimulatorContext, userId: string, declarationId: string, body: unknown): Reply => {
  const declaration = ownedDeclaration(context, userId, declarationId);
  if (isReply(declaration)) return declaration;
  const decoded = decodeBody(CreateUboBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  if (!EDITABLE.has(declaration.status)) {
    return paramError({ Status: `UBOs can only be added while the declaration is CREATED or INCOMPLETE (it is ${declaration.status}).` }, now(context));
  }
  if (declaration.ubos.filter((ubo) => ubo.isActive).length >= MAX_UBOS) {
    return paramError({ Ubos: `A UBO declaration holds at most ${MAX_UBOS} UBOs.` }, now(context));
  }
  const { FirstName, LastName, Address, Nationality, Birthday, Birthplace } = decoded.value;
  const ubo = { id: newId('ubo', context.settings.now()), creationDate: now(context), fields: { FirstName, LastName, Address, Nationality, Birthday, Birthplace }, isActive: true };
  declaration.ubos.push(ubo);
  return ok(uboWire(ubo));
};

/** The declaration's UBO, or Mangopay's 404 (an unknown UBO, or one of another declaration). */
const ownedUbo = (context: SimulatorContext, declaration: SimulatedUboDeclaration, uboId: string): SimulatedUbo | Reply =>
  declaration.ubos.find((ubo) => ubo.id === uboId) ?? notFound('Ubo', uboId, now(context));

/** "View a UBO": GET …/ubodeclarations/{UboDeclarationId}/ubos/{UboId}, deactivated ones too (IsActive false). */
export const viewUbo = (context: SimulatorContext, userId: string, declarationId: string, uboId: string): Reply => {
  const declaration = ownedDeclaration(context, userId, declarationId);
  if (isReply(declaration)) return declaration;
  const ubo = ownedUbo(context, declaration, uboId);
  return 'status' in ubo ? ubo : ok(uboWire(ubo));
};

/**
 * "Update a UBO": the fields sent replace the declared ones, while the declaration is CREATED or INCOMPLETE;
 * `IsActive: false` disregards the UBO for good (it stays listed, IsActive false, and no longer counts towards the
 * 15 nor as the "at least one" of a submission); `IsActive: true` on a deactivated UBO is refused (irreversible).
 */
export const updateUbo = (context: SimulatorContext, userId: string, declarationId: string, uboId: string, body: unknown): Reply => {
  const declaration = ownedDeclaration(context, userId, declarationId);
  if (isReply(declaration)) return declaration;
  const ubo = ownedUbo(context, declaration, uboId);
  if ('status' in ubo) return ubo;
  const decoded = decodeBody(UpdateUboBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  if (!EDITABLE.has(declaration.status)) {
    return paramError({ Status: `UBOs can only be updated while the declaration is CREATED or INCOMPLETE (it is ${declaration.status}).` }, now(context));
  }
  const { IsActive, ...sent } = decoded.value;
  if (!ubo.isActive && IsActive === true) return paramError({ IsActive: 'A deactivated UBO cannot be reactivated (IsActive false is irreversible).' }, now(context));
  const changes = Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== null && value !== undefined));
  ubo.fields = { ...ubo.fields, ...changes };
  if (IsActive === false) ubo.isActive = false;
  return ok(uboWire(ubo));
};

/** "Submit a UBO Declaration": CREATED or INCOMPLETE → VALIDATION_ASKED, with at least one active UBO. */
export const submitUboDeclaration = (context: SimulatorContext, userId: string, declarationId: string, body: unknown): Reply => {
  const declaration = ownedDeclaration(context, userId, declarationId);
  if (isReply(declaration)) return declaration;
  const decoded = decodeBody(SubmitUboDeclarationBody, body);
  if (!decoded.ok) return paramError(decoded.errors, now(context));
  if (!EDITABLE.has(declaration.status)) {
    return paramError({ Status: `Only a CREATED or INCOMPLETE declaration can be submitted (it is ${declaration.status}).` }, now(context));
  }
  if (!declaration.ubos.some((ubo) => ubo.isActive)) return paramError({ Ubos: 'A UBO declaration needs at least one UBO before it is submitted.' }, now(context));
  uboDeclarationReached(context, declaration, 'VALIDATION_ASKED');
  const submittedAnswer = ok(uboDeclarationWire(declaration));
  const firstName = declaration.ubos[0]?.fields['FirstName'];
  const outcome = typeof firstName === 'string' && Object.hasOwn(SANDBOX_OUTCOME, firstName) ? SANDBOX_OUTCOME[firstName] : undefined;
  if (outcome !== undefined) {
    declaration.processedDate = now(context);
    declaration.reason = outcome === 'VALIDATED' ? null : 'SPECIFIC_CASE';
    uboDeclarationReached(context, declaration, outcome);
  }
  return submittedAnswer;
};

/** "View a UBO Declaration": GET kyc/ubodeclarations/{Id}, and below the user's path as the SDKs call it. */
export const viewUboDeclaration = (context: SimulatorContext, declarationId: string, userId?: string): Reply => {
  if (userId !== undefined) {
    const declaration = ownedDeclaration(context, userId, declarationId);
    return isReply(declaration) ? declaration : ok(uboDeclarationWire(declaration));
  }
  const declaration = context.store.uboDeclarations.get(declarationId);
  return declaration === undefined ? notFound('UboDeclaration', declarationId, now(context)) : ok(uboDeclarationWire(declaration));
};

/** "List UBO Declarations for a User": page, per_page (≤ 100), Sort CreationDate:ASC|DESC. */
export const listUboDeclarations = (context: SimulatorContext, userId: string, query: URLSearchParams): Reply => {
  if (!context.store.users.has(userId)) return notFound('User', userId, now(context));
  const read = readListParams(query);
  if (!read.ok) return paramError(read.errors, now(context));
  const mine = [...context.store.uboDeclarations.values()].filter((declaration) => declaration.userId === userId);
  const { page, headers } = paginate(mine, read.params, (declaration) => [declaration.creationDate, declaration.seq]);
  return ok(page.map(uboDeclarationWire), headers);
};
