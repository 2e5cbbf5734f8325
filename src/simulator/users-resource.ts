import type * as t from 'io-ts';
import type { LegalPersonType, PersonType, UserCategory } from './mangopay-words.js';
import { decodeBody, LegalUserBody, NaturalUserBody } from './request-bodies.js';
import { now, type SimulatorContext } from './simulator-context.js';
import { newId } from './simulator-ids.js';
import { notFound, ok, paramError, type Reply } from './simulator-reply.js';
import type { SimulatedUser } from './simulator-store.js';
import { userWire } from './wire-shapes.js';

/** Mangopay asks an Owner for more than a Payer: what a hosted verification reads back. */
const OWNER_NATURAL_FIELDS = ['Birthday', 'Nationality', 'CountryOfResidence'] as const;
const OWNER_LEGAL_FIELDS = ['LegalRepresentativeBirthday', 'LegalRepresentativeNationality', 'LegalRepresentativeCountryOfResidence'] as const;

const ownerFieldErrors = (body: Readonly<Record<string, unknown>>, fields: ReadonlyArray<string>): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const field of fields) if (body[field] === undefined || body[field] === null) errors[field] = `The ${field} field is required for an OWNER.`;
  if (body['TermsAndConditionsAccepted'] !== true) errors['TermsAndConditionsAccepted'] = 'An OWNER must accept the terms and conditions.';
  return errors;
};

/** Keeps the fields Mangopay answers back (nulls dropped); read-only ones (Id, KYCLevel…) are the simulator's. */
const echoed = (body: Readonly<Record<string, unknown>>, fields: ReadonlyArray<string>): Record<string, unknown> =>
  Object.fromEntries(fields.filter((field) => body[field] !== undefined && body[field] !== null).map((field) => [field, body[field]]));

const NATURAL_ECHO = ['FirstName', 'LastName', 'Email', 'Birthday', 'Nationality', 'CountryOfResidence', 'Address', 'Occupation', 'IncomeRange', 'TermsAndConditionsAccepted', 'Tag'];
const LEGAL_ECHO = [
  'Name',
  'Email',
  'CompanyNumber',
  'HeadquartersAddress',
  'LegalRepresentativeFirstName',
  'LegalRepresentativeLastName',
  'LegalRepresentativeEmail',
  'LegalRepresentativeBirthday',
  'LegalRepresentativeNationality',
  'LegalRepresentativeCountryOfResidence',
  'LegalRepresentativeAddress',
  'TermsAndConditionsAccepted',
  'Tag',
];

interface Profile {
  readonly personType: PersonType;
  readonly legalPersonType: LegalPersonType | undefined;
  readonly category: UserCategory;
}

/** A new user starts LIGHT ("All requirements by user type": KYCLevel is LIGHT by default). */
const store = (context: SimulatorContext, profile: Profile, fields: Record<string, unknown>): Reply => {
  const user: SimulatedUser = {
    id: newId(profile.personType === 'NATURAL' ? 'user_m' : 'user_l', context.settings.now()),
    creationDate: now(context),
    ...profile,
    fields,
    kycLevel: 'LIGHT',
  };
  context.store.users.set(user.id, user);
  return ok(userWire(user));
};

/** Decodes a user body, asks an Owner for what Mangopay asks of one, and stores the user it describes. */
const createUser =
  <Body extends { readonly UserCategory: UserCategory }>(
    codec: t.Type<Body, unknown, unknown>,
    ownerFields: ReadonlyArray<string>,
    echo: ReadonlyArray<string>,
    profileOf: (body: Body) => Profile,
  ) =>
  (context: SimulatorContext, body: unknown): Reply => {
    const decoded = decodeBody(codec, body);
    if (!decoded.ok) return paramError(decoded.errors, now(context));
    const raw = body as Record<string, unknown>;
    if (decoded.value.UserCategory === 'OWNER') {
      const errors = ownerFieldErrors(raw, ownerFields);
      if (Object.keys(errors).length > 0) return paramError(errors, now(context));
    }
    return store(context, profileOf(decoded.value), echoed(raw, echo));
  };

export const createNaturalUser = createUser(NaturalUserBody, OWNER_NATURAL_FIELDS, NATURAL_ECHO, (body) => ({
  personType: 'NATURAL',
  legalPersonType: undefined,
  category: body.UserCategory,
}));

export const createLegalUser = createUser(LegalUserBody, OWNER_LEGAL_FIELDS, LEGAL_ECHO, (body) => ({
  personType: 'LEGAL',
  legalPersonType: body.LegalPersonType,
  category: body.UserCategory,
}));

/** GET /users/{Id}, or /users/natural/{Id} and /users/legal/{Id} (which only find that kind). */
export const viewUser = (context: SimulatorContext, userId: string, kind?: 'NATURAL' | 'LEGAL'): Reply => {
  const user = context.store.users.get(userId);
  if (user === undefined || (kind !== undefined && user.personType !== kind)) {
    return notFound(kind === 'LEGAL' ? 'UserLegal' : kind === 'NATURAL' ? 'UserNatural' : 'User', userId, now(context));
  }
  return ok(userWire(user));
};
