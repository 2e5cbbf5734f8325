import type * as t from 'io-ts';
import { literals } from '../shared/codec-helpers.js';

/** USER_KYC_LIGHT / USER_KYC_REGULAR in the hooks; KYCLevel on the user object. */
export const KYC_LEVELS = ['LIGHT', 'REGULAR'] as const;
export const KycLevel = literals('KycLevel', KYC_LEVELS);
export type KycLevel = t.TypeOf<typeof KycLevel>;
