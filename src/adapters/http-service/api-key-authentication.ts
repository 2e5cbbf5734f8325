import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an `Authorization` header carries one of the valid API keys (`Bearer <key>`). Several keys may be
 * valid at once, so a key is rotated without downtime. Each comparison is on fixed-length digests with
 * timingSafeEqual, and every valid key is compared, so the time taken tells nothing about any key.
 */
export const apiKeyVerifier = (validKeys: ReadonlyArray<string>): ((authorization: string | undefined) => boolean) => {
  const digests = validKeys.map(digest);
  return (authorization) => {
    // The scheme is case-insensitive (RFC 9110 §11.1); the key is exact, after one space, as the platform sends it.
    const match = /^bearer ([\x21-\x7e]{1,512})$/i.exec(authorization ?? '');
    const presented = digest(match?.[1] ?? '');
    let accepted = false;
    for (const valid of digests) accepted = timingSafeEqual(valid, presented) || accepted;
    return match !== null && accepted;
  };
};
