import * as t from 'io-ts';

export interface HttpsUrlBrand {
  readonly HttpsUrl: unique symbol;
}

const isAbsoluteHttps = (s: string): boolean => {
  if (s.length > 2048) return false;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

/** An absolute https URL without credentials: where Mangopay sends the user back after a hosted session. */
export const HttpsUrl = t.brand(t.string, (s): s is t.Branded<string, HttpsUrlBrand> => isAbsoluteHttps(s), 'HttpsUrl');
export type HttpsUrl = t.TypeOf<typeof HttpsUrl>;
