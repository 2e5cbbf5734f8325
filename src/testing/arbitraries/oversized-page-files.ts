import type { PagePolicy } from '../../domain/kyc-document/page-policy.js';
import { PAGE_MAGIC_BYTES, pageFileOf } from './page-bytes.js';
import type { AdversarialPageFile } from './page-file-cases.js';

const built = new Map<string, ReadonlyArray<AdversarialPageFile>>();

/**
 * The two ways a page is too large, at the boundary: one byte over the decoded maximum (while its base64 is
 * still within the text limit), and base64 text one group over the text limit. Megabytes each, so they are
 * built once per pair of limits and shared by every run.
 */
export const oversizedPageFiles = (policy: PagePolicy): ReadonlyArray<AdversarialPageFile> => {
  const key = `${policy.maxBytes}/${policy.maxBase64Length}`;
  const cached = built.get(key);
  if (cached !== undefined) return cached;
  const files: AdversarialPageFile[] = [
    {
      file: 'A'.repeat(policy.maxBase64Length + 4 - (policy.maxBase64Length % 4)),
      expected: 'PAGE_TOO_LARGE',
      why: `base64 text over ${policy.maxBase64Length} characters`,
    },
  ];
  const oneByteOver = policy.maxBytes + 1;
  if (Math.ceil(oneByteOver / 3) * 4 <= policy.maxBase64Length) {
    files.push({ file: pageFileOf(PAGE_MAGIC_BYTES.PDF, oneByteOver), expected: 'PAGE_TOO_LARGE', why: `${oneByteOver} bytes, one over the maximum` });
  }
  built.set(key, files);
  return files;
};
