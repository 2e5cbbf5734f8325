import type { MangopayId } from '../shared/bounded-string.js';
import type { KycDocumentType } from '../kyc-document/kyc-document.vocabulary.js';
import type { UboDeclarationRecord } from './ubo-declaration.js';
import type { UserKycEvent } from './user-kyc.events.js';
import { isKnownUser, type UserKycState } from './user-kyc.state.js';

/**
 * A UserKyc stream replayed in time linear in its length (issue 18): `evolveUserKyc` copies the validated
 * documents, sessions or UBO declarations at every event that changes them, which made a long-lived user's replay quadratic.
 * Here each collection is copied once, the first time the replay changes one it did not allocate (one of the
 * starting state's, or a fresh one `UserRegistered` made), and from then on its own copy is changed in place.
 * Only states this replay made hold that copy, and none of them is seen before it returns. Every other event
 * goes through `evolveUserKyc` itself, which keeps the collections as they are (it is given, not imported:
 * the decider's module is where both meet).
 */
export const userKycReplay =
  (evolveUserKyc: (state: UserKycState, event: UserKycEvent) => UserKycState) =>
  (state: UserKycState, events: Iterable<UserKycEvent>): UserKycState => {
    let current = state;
    let documents: Map<MangopayId, KycDocumentType> | undefined;
    let sessions: Set<MangopayId> | undefined;
    let declarations: Map<MangopayId, UboDeclarationRecord> | undefined;
    for (const event of events) {
      if (!isKnownUser(current)) {
        current = evolveUserKyc(current, event);
        continue;
      }
      switch (event.type) {
        case 'UserKycDocumentValidated':
        case 'UserKycDocumentExpired': {
          if (current.validatedDocuments !== documents) {
            documents = new Map(current.validatedDocuments);
            current = { ...current, validatedDocuments: documents };
          }
          if (event.type === 'UserKycDocumentValidated') documents.set(event.documentId, event.documentType);
          else documents.delete(event.documentId);
          break;
        }
        case 'UserIdvSessionValidated':
        case 'UserIdvSessionExpired': {
          if (current.validatedSessions !== sessions) {
            sessions = new Set(current.validatedSessions);
            current = { ...current, validatedSessions: sessions };
          }
          if (event.type === 'UserIdvSessionValidated') sessions.add(event.sessionId);
          else sessions.delete(event.sessionId);
          break;
        }
        case 'UboDeclarationObserved': {
          if (current.uboDeclarations !== declarations) {
            declarations = new Map(current.uboDeclarations);
            current = { ...current, uboDeclarations: declarations };
          }
          declarations.set(event.declaration.declarationId, event.declaration);
          break;
        }
        default:
          current = evolveUserKyc(current, event);
      }
    }
    return current;
  };
