import type { KycDocumentType } from '../../domain/kyc-document/index.js';
import { profileWord, requiredForRegular, userProfileAnomalies, type KycLevel, type RegularRequirement, type UserProfile } from '../../domain/user-kyc/index.js';
import type { UserKycSummary } from '../ports/kyc-read-model.js';

export interface CountedDocument {
  readonly documentId: string;
  readonly documentType: KycDocumentType;
}

/**
 * A user's standing as the platform API shows it. What is missing for REGULAR comes from the domain's rule:
 * nothing once a hosted IDV session counts, else the required types no counted document covers, and
 * UBO_DECLARATION while no declaration of the user counts (a Business's or Partnership's); null when the
 * required types cannot be determined (a type or category the seeds do not know).
 */
export const userKycSummaryOf = (
  userId: string,
  profile: UserProfile,
  kycLevel: KycLevel,
  countedDocuments: ReadonlyArray<CountedDocument>,
  countedSessionIds: ReadonlyArray<string>,
  personalDataErasedAt: number | null,
  validatedUboDeclarationIds: ReadonlyArray<string>,
): UserKycSummary => {
  const covered = new Set<RegularRequirement>(countedDocuments.map((document) => document.documentType));
  if (validatedUboDeclarationIds.length > 0) covered.add('UBO_DECLARATION');
  const required = requiredForRegular(profile);
  return {
    userId,
    personType: profile.personType,
    legalPersonType: profile.personType === 'LEGAL' ? profileWord(profile.legalPersonType) : null,
    userCategory: profileWord(profile.userCategory),
    kycLevel,
    missingForRegular: countedSessionIds.length > 0 ? [] : required === null ? null : required.filter((type) => !covered.has(type)),
    anomalies: userProfileAnomalies(profile),
    validatedDocumentIds: countedDocuments.map((document) => document.documentId).sort(),
    validatedSessionIds: [...countedSessionIds].sort(),
    validatedUboDeclarationIds: [...validatedUboDeclarationIds].sort(),
    personalDataErasedAt,
  };
};
