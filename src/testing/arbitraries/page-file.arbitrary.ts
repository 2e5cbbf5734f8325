import fc from 'fast-check';
import type { KycDocumentType } from '../../domain/kyc-document/kyc-document.vocabulary.js';
import { PAGE_FORMATS } from '../../domain/kyc-document/page-format.js';
import { minBytesFor, type PagePolicy } from '../../domain/kyc-document/page-policy.js';
import { oversizedPageFiles } from './oversized-page-files.js';
import { FOREIGN_MAGIC_BYTES, PAGE_MAGIC_BYTES, pageFileOf } from './page-bytes.js';
import type { AdversarialPageFile, PageFileErrorType, ValidPageFile } from './page-file-cases.js';

export type { AdversarialPageFile, PageFileErrorType, ValidPageFile } from './page-file-cases.js';

export interface PageFileArbitraryOptions {
  /** How far above the policy's minimum valid files go, in bytes (files stay small so runs stay fast). */
  readonly spanBytes?: number;
}

const fillerArbitrary = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 });

/** The largest decoded size both of the policy's limits allow. */
const largestAccepted = (policy: PagePolicy): number => Math.min(policy.maxBytes, Math.floor(policy.maxBase64Length / 4) * 3);

const validSize = (policy: PagePolicy, documentType: KycDocumentType, spanBytes: number): fc.Arbitrary<number> => {
  const min = minBytesFor(policy, documentType);
  const max = Math.min(largestAccepted(policy), min + spanBytes);
  // The exact minimum is a boundary worth hitting often; the exact maximum when it is small enough to build.
  const boundaries = max === largestAccepted(policy) ? [min, max] : [min];
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(...boundaries) });
};

/** Files of an accepted format (read from magic bytes) and an accepted size, as plain base64. */
export const validPageFileArbitrary = (
  policy: PagePolicy,
  documentType: KycDocumentType,
  { spanBytes = 8 * 1024 }: PageFileArbitraryOptions = {},
): fc.Arbitrary<ValidPageFile> =>
  fc
    .record({ format: fc.constantFrom(...policy.acceptedFormats), sizeBytes: validSize(policy, documentType, spanBytes), filler: fillerArbitrary })
    .map(({ format, sizeBytes, filler }) => ({ file: pageFileOf(PAGE_MAGIC_BYTES[format], sizeBytes, filler), format, sizeBytes }));

const DATA_URI_PREFIXES = ['data:image/png;base64,', 'data:application/pdf;base64,', 'DATA:image/jpeg;base64,', '  data:image/gif;base64,', '\ndata:;base64,'];
const NOT_BASE64 = ['-', '_', '!', '*', ' ', '\n', '.', '=', 'é', '\u0000'];

const dataUriPrefixed = (valid: fc.Arbitrary<ValidPageFile>) =>
  fc.tuple(fc.constantFrom(...DATA_URI_PREFIXES), valid).map(
    ([prefix, { file }]): AdversarialPageFile => ({ file: prefix + file, expected: 'PAGE_DATA_URI_PREFIX', why: `starts with ${JSON.stringify(prefix)}` }),
  );

/** Plain base64 broken one way: a character outside the standard alphabet, or a length that is no whole group. */
const notPlainBase64 = (valid: fc.Arbitrary<ValidPageFile>) =>
  fc.oneof(
    fc.tuple(valid, fc.constantFrom(...NOT_BASE64), fc.nat()).map(([{ file }, bad, at]): AdversarialPageFile => {
      const i = 1 + (at % (file.length - 3));
      return { file: file.slice(0, i) + bad + file.slice(i + 1), expected: 'PAGE_INVALID_BASE64', why: `${JSON.stringify(bad)} at ${i}` };
    }),
    fc.tuple(valid, fc.integer({ min: 1, max: 3 })).map(([{ file }, cut]): AdversarialPageFile => ({
      file: file.slice(0, file.length - cut),
      expected: 'PAGE_INVALID_BASE64',
      why: `${cut} characters short of a whole base64 group`,
    })),
  );

const tooSmall = (policy: PagePolicy, documentType: KycDocumentType) => {
  const min = minBytesFor(policy, documentType);
  return fc
    .record({ format: fc.constantFrom(...PAGE_FORMATS), sizeBytes: fc.oneof(fc.integer({ min: 1, max: min - 1 }), fc.constant(min - 1)), filler: fillerArbitrary })
    .map(({ format, sizeBytes, filler }): AdversarialPageFile => ({
      file: pageFileOf(PAGE_MAGIC_BYTES[format], sizeBytes, filler),
      expected: 'PAGE_TOO_SMALL',
      why: `${sizeBytes} bytes, under ${min}`,
    }));
};

/** Over the maximum: generated when the policy's maximum is small, else the two boundary files (built once). */
const tooLarge = (policy: PagePolicy) => {
  if (largestAccepted(policy) > 256 * 1024) return fc.constantFrom(...oversizedPageFiles(policy));
  const largest = largestAccepted(policy);
  return fc
    .record({ format: fc.constantFrom(...PAGE_FORMATS), sizeBytes: fc.integer({ min: largest + 1, max: largest + 4096 }), filler: fillerArbitrary })
    .map(({ format, sizeBytes, filler }): AdversarialPageFile => ({
      file: pageFileOf(PAGE_MAGIC_BYTES[format], sizeBytes, filler),
      expected: 'PAGE_TOO_LARGE',
      why: `${sizeBytes} bytes, over ${largest}`,
    }));
};

/** The right size, but bytes that are no accepted format: foreign files, near misses, formats this policy drops (GIF today). */
const formatNotAccepted = (policy: PagePolicy, documentType: KycDocumentType, spanBytes: number) => {
  const dropped = PAGE_FORMATS.filter((format) => !policy.acceptedFormats.includes(format));
  const signatures: Array<readonly [string, ReadonlyArray<number>]> = [
    ...Object.entries(FOREIGN_MAGIC_BYTES),
    ...dropped.map((format) => [format, PAGE_MAGIC_BYTES[format]] as const),
  ];
  return fc
    .record({ signature: fc.constantFrom(...signatures), sizeBytes: validSize(policy, documentType, spanBytes), filler: fillerArbitrary })
    .map(({ signature: [name, bytes], sizeBytes, filler }): AdversarialPageFile => ({
      file: pageFileOf(bytes, sizeBytes, filler),
      expected: 'PAGE_FORMAT_NOT_ACCEPTED',
      why: `a ${name} file`,
    }));
};

/** Page files the policy must refuse, one arbitrary per typed error, each tagged with that error. */
export const adversarialPageFileArbitraries = (
  policy: PagePolicy,
  documentType: KycDocumentType,
  { spanBytes = 8 * 1024 }: PageFileArbitraryOptions = {},
): { readonly [K in PageFileErrorType]: fc.Arbitrary<AdversarialPageFile> } => {
  const valid = validPageFileArbitrary(policy, documentType, { spanBytes });
  return {
    PAGE_DATA_URI_PREFIX: dataUriPrefixed(valid),
    PAGE_INVALID_BASE64: notPlainBase64(valid),
    PAGE_TOO_SMALL: tooSmall(policy, documentType),
    PAGE_TOO_LARGE: tooLarge(policy),
    PAGE_FORMAT_NOT_ACCEPTED: formatNotAccepted(policy, documentType, spanBytes),
  };
};

/** Any refused page file, every typed error equally likely. */
export const adversarialPageFileArbitrary = (
  policy: PagePolicy,
  documentType: KycDocumentType,
  options?: PageFileArbitraryOptions,
): fc.Arbitrary<AdversarialPageFile> => fc.oneof(...Object.values(adversarialPageFileArbitraries(policy, documentType, options)));
