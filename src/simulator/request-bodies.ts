import * as t from 'io-ts';
import { HookEventType, HookStatus, KycDocumentType, LegalPersonType, UserCategory } from './mangopay-words.js';

const Tag = t.refinement(t.string, (s) => s.length <= 255, 'Tag');
const CountryCode = t.refinement(t.string, (s) => /^[A-Z]{2}$/.test(s), 'CountryCode');
const UnixTimestamp = t.refinement(t.number, (n) => Number.isSafeInteger(n), 'UnixTimestamp');
const urlWith = (name: string, protocols: ReadonlyArray<string>) =>
  t.refinement(
    t.string,
    (s) => {
      if (s.length > 500 || !URL.canParse(s)) return false;
      return protocols.includes(new URL(s).protocol);
    },
    name,
  );
/** ReturnUrl: absolute https, at most 500 characters ("The IDV Session object"). */
const HttpsUrl = urlWith('HttpsUrl', ['https:']);
const AbsoluteUrl = urlWith('AbsoluteUrl', ['https:', 'http:']);

/**
 * What the simulator accepts in request bodies, read as Mangopay documents each field.
 * Fields are optional as `X | null | undefined` (the SDK sends nulls); unknown fields are ignored, as Mangopay does.
 */
const maybe = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);
const Text = t.refinement(t.string, (s) => s.trim().length >= 1 && s.length <= 255, 'Text');
const Email = t.refinement(t.string, (s) => s.length <= 255 && /^[^@\s]+@[^@\s]+$/.test(s), 'Email');

export const NaturalUserBody = t.type({
  FirstName: Text,
  LastName: Text,
  Email,
  UserCategory,
  Birthday: maybe(UnixTimestamp),
  Nationality: maybe(CountryCode),
  CountryOfResidence: maybe(CountryCode),
  TermsAndConditionsAccepted: maybe(t.boolean),
  Tag: maybe(Tag),
});
export type NaturalUserBody = t.TypeOf<typeof NaturalUserBody>;

export const LegalUserBody = t.type({
  Name: Text,
  LegalPersonType,
  Email,
  UserCategory,
  LegalRepresentativeFirstName: Text,
  LegalRepresentativeLastName: Text,
  LegalRepresentativeBirthday: maybe(UnixTimestamp),
  LegalRepresentativeNationality: maybe(CountryCode),
  LegalRepresentativeCountryOfResidence: maybe(CountryCode),
  CompanyNumber: maybe(Text),
  TermsAndConditionsAccepted: maybe(t.boolean),
  Tag: maybe(Tag),
});
export type LegalUserBody = t.TypeOf<typeof LegalUserBody>;

export const CreateKycDocumentBody = t.type({ Type: KycDocumentType, Tag: maybe(Tag) });
export const CreateKycPageBody = t.type({ File: t.string });
export const SubmitKycDocumentBody = t.type({ Status: t.literal('VALIDATION_ASKED'), Tag: maybe(Tag) });
export const CreateIdvSessionBody = t.type({ ReturnUrl: HttpsUrl, Tag: maybe(Tag) });
export const CreateHookBody = t.type({ EventType: HookEventType, Url: AbsoluteUrl, Tag: maybe(Tag) });
/** "Create a UBO": https://docs.mangopay.com/api-reference/ubo-declarations/create-ubo (all required). */
const UboAddress = t.type({ AddressLine1: Text, AddressLine2: maybe(Text), City: Text, Region: maybe(Text), PostalCode: maybe(Text), Country: CountryCode });
export const CreateUboBody = t.type({
  FirstName: Text,
  LastName: Text,
  Address: UboAddress,
  Nationality: CountryCode,
  Birthday: UnixTimestamp,
  Birthplace: t.type({ City: Text, Country: CountryCode }),
});
export type CreateUboBody = t.TypeOf<typeof CreateUboBody>;
/**
 * "Update a UBO" (https://docs.mangopay.com/api-reference/ubo-declarations/update-ubo): the same fields as Create, none
 * required; `IsActive` false disregards the UBO, irreversibly ("The UBO object",
 * https://docs.mangopay.com/api-reference/ubo-declarations/ubo-object).
 */
export const UpdateUboBody = t.type({
  FirstName: maybe(Text),
  LastName: maybe(Text),
  Address: maybe(UboAddress),
  Nationality: maybe(CountryCode),
  Birthday: maybe(UnixTimestamp),
  Birthplace: maybe(t.type({ City: Text, Country: CountryCode })),
  IsActive: maybe(t.boolean),
});
export type UpdateUboBody = t.TypeOf<typeof UpdateUboBody>;
export const SubmitUboDeclarationBody = t.type({ Status: t.literal('VALIDATION_ASKED') });
export const UpdateHookBody = t.type({ Url: maybe(AbsoluteUrl), Status: maybe(HookStatus), Tag: maybe(Tag) });

/** io-ts errors as Mangopay's `errors` map: field → reason. The value sent is never repeated. */
export const fieldErrors = (errors: t.Errors): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const keys = error.context.map((entry) => entry.key).filter((key) => key !== '' && !/^\d+$/.test(key));
    const field = keys[0] ?? 'body';
    if (out[field] !== undefined) continue;
    const innermost = error.context[error.context.length - 1];
    out[field] =
      error.value === undefined || error.value === null
        ? `The ${field} field is required.`
        : `The ${field} field is not valid (${innermost?.type.name ?? 'format'}).`;
  }
  return out;
};

/** Decodes a body; on failure, Mangopay's `errors` map. */
export const decodeBody = <A>(codec: t.Type<A, unknown, unknown>, body: unknown): { ok: true; value: A } | { ok: false; errors: Record<string, string> } => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, errors: { body: 'The request body must be a JSON object.' } };
  const decoded = codec.decode(body);
  return decoded._tag === 'Right' ? { ok: true, value: decoded.right } : { ok: false, errors: fieldErrors(decoded.left) };
};
