import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type {
  IdvSessionView,
  KycDocumentView,
  MangopayApi,
  MangopayApiError,
  MangopayResource,
  MangopayUserView,
  UboDeclarationView,
} from '../../../src/application/ports/mangopay-api.js';

type ViewMethod = 'viewKycDocument' | 'viewIdvSession' | 'viewUser';

/**
 * A Mangopay for processor tests: the views a test sets, and failures it queues for the next calls of a
 * view method. Only the reads reconciliation makes are served; the creating calls answer a refusal saying
 * so, because a processor must never create anything at Mangopay.
 */
export const scriptedMangopay = () => {
  const documents = new Map<string, KycDocumentView>();
  const sessions = new Map<string, IdvSessionView>();
  const users = new Map<string, MangopayUserView>();
  const uboDeclarations = new Map<string, UboDeclarationView>();
  const failures: Record<ViewMethod, MangopayApiError[]> = { viewKycDocument: [], viewIdvSession: [], viewUser: [] };
  const calls: Record<ViewMethod, string[]> = { viewKycDocument: [], viewIdvSession: [], viewUser: [] };

  const view =
    <V>(method: ViewMethod, resource: MangopayResource, from: ReadonlyMap<string, V>) =>
    (id: string): TaskEither<MangopayApiError, V> =>
    async () => {
      calls[method].push(id);
      const failure = failures[method].shift();
      if (failure !== undefined) return E.left(failure);
      const found = from.get(id);
      return found === undefined
        ? E.left({ type: 'RESOURCE_NOT_FOUND', message: `No ${resource} has this id`, resource, id, mangopay: null })
        : E.right(found);
    };
  const notServed = (): TaskEither<MangopayApiError, never> => async () =>
    E.left({ type: 'MANGOPAY_REQUEST_REFUSED', message: 'Not served by this scripted Mangopay', status: 400, mangopay: null });

  const api: MangopayApi = {
    viewUser: view('viewUser', 'user', users),
    viewKycDocument: view('viewKycDocument', 'kyc-document', documents),
    viewIdvSession: view('viewIdvSession', 'idv-session', sessions),
    createKycDocument: notServed,
    addKycPage: notServed,
    submitKycDocument: notServed,
    listUserKycDocuments: notServed,
    listKycDocuments: notServed,
    createIdvSession: notServed,
    listUserIdvSessions: notServed,
    // A user's declarations, all on one page (reconciling a legal user reads them).
    listUserUboDeclarations: (userId) => async () => {
      const items = [...uboDeclarations.values()].filter((declaration) => declaration.userId === userId);
      return E.right({ items, totalItems: items.length, totalPages: items.length === 0 ? 0 : 1 });
    },
    viewUboDeclaration: (id) => async () => {
      const found = uboDeclarations.get(id);
      return found === undefined
        ? E.left({ type: 'RESOURCE_NOT_FOUND', message: 'No ubo-declaration has this id', resource: 'ubo-declaration', id, mangopay: null })
        : E.right(found);
    },
    createHook: notServed,
    listHooks: notServed,
    updateHook: notServed,
  };
  return {
    api,
    documents,
    sessions,
    users,
    uboDeclarations,
    calls,
    /** The next `times` calls of `method` fail with `error`. */
    failNext: (method: ViewMethod, error: MangopayApiError, times = 1): void => {
      for (let i = 0; i < times; i++) failures[method].push(error);
    },
  };
};

export type ScriptedMangopay = ReturnType<typeof scriptedMangopay>;
