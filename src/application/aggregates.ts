import { idvSessionDecider, idvSessionEventSchema, idvSessionPersonalData, type IdvSessionCommand, type IdvSessionError, type IdvSessionEvent, type IdvSessionState } from '../domain/idv-session/index.js';
import {
  kycDocumentDecider,
  kycDocumentEventSchema,
  kycDocumentPersonalData,
  SEED_PAGE_POLICY,
  type KycDocumentCommand,
  type KycDocumentError,
  type KycDocumentEvent,
  type KycDocumentState,
  type PagePolicy,
} from '../domain/kyc-document/index.js';
import { userKycDecider, userKycEventSchema, userKycPersonalData, type UserKycCommand, type UserKycError, type UserKycEvent, type UserKycState } from '../domain/user-kyc/index.js';
import type { Aggregate } from './command-handling/aggregate.js';

export type KycDocumentAggregate = Aggregate<KycDocumentCommand, KycDocumentEvent, KycDocumentState, KycDocumentError>;
export type IdvSessionAggregate = Aggregate<IdvSessionCommand, IdvSessionEvent, IdvSessionState, IdvSessionError>;
export type UserKycAggregate = Aggregate<UserKycCommand, UserKycEvent, UserKycState, UserKycError>;

/** Streams `KycDocument-<Id>`, under a page policy (seed 002's unless the platform chooses another). */
export const kycDocumentAggregate = (policy: PagePolicy = SEED_PAGE_POLICY): KycDocumentAggregate => ({
  name: 'KycDocument',
  decider: kycDocumentDecider(policy),
  events: kycDocumentEventSchema,
  personalData: kycDocumentPersonalData,
});

/** Streams `IdvSession-<Id>`. */
export const idvSessionAggregate: IdvSessionAggregate = {
  name: 'IdvSession',
  decider: idvSessionDecider,
  events: idvSessionEventSchema,
  personalData: idvSessionPersonalData,
};

/** Streams `UserKyc-<UserId>`. */
export const userKycAggregate: UserKycAggregate = {
  name: 'UserKyc',
  decider: userKycDecider,
  events: userKycEventSchema,
  personalData: userKycPersonalData,
};
