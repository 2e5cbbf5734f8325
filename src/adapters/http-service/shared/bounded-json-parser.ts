import secureJsonParse from 'secure-json-parse';

export const MAX_JSON_DEPTH = 32;

/**
 * One pass over a JSON text, strings skipped: whether its brackets nest deeper than `limit` (it stops there, before
 * any parser spends its stack), and whether an object holds one key twice (`{"Tag":"a","Tag":"b"}`: parsers keep
 * the last, a proxy or a log may read the first, so the request means two things). Keys are compared decoded, so
 * `"Tag"` and `"\u0054ag"` are the same key. Meaningful on a valid text only: the parser judges validity.
 */
/** Where the string opened at `open` ends (the index of its closing quote, or the text's length): a quote after an odd run of backslashes is escaped. indexOf keeps a 10 MB base64 page cheap. */
const closingQuote = (text: string, open: number): number => {
  for (let at = text.indexOf('"', open + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
};

const scan = (text: string, limit: number): 'TOO_DEEP' | 'DUPLICATE_KEY' | undefined => {
  // Per open bracket: the keys of an object so far, or null for an array.
  const open: Array<Set<string> | null> = [];
  let duplicate = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      i = closingQuote(text, i);
      const keys = open[open.length - 1];
      if (keys === undefined || keys === null || duplicate) continue;
      let next = i + 1;
      while (next < text.length && /\s/.test(text[next]!)) next++;
      if (text[next] !== ':') continue;
      const raw = text.slice(start, i + 1);
      let key: string;
      try {
        key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      } catch {
        continue; // not a valid string: the parser refuses the text
      }
      if (keys.has(key)) duplicate = true;
      else keys.add(key);
    } else if (c === 123 || c === 91) {
      if (open.length >= limit) return 'TOO_DEEP';
      open.push(c === 123 ? new Set() : null);
    } else if (c === 125 || c === 93) open.pop();
  }
  return duplicate ? 'DUPLICATE_KEY' : undefined;
};

export class JsonBodyRefused extends Error {
  readonly statusCode = 400;
  constructor(readonly code: 'JSON_TOO_DEEP' | 'JSON_INVALID' | 'JSON_PROTOTYPE_KEY' | 'JSON_NOT_UTF8' | 'JSON_DUPLICATE_KEY') {
    super(code);
  }
}

/** Fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD (a Tag would be stored other than sent). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The service's JSON parser: refuses a body that is not UTF-8 (RFC 8259 §8.1), an object with a key twice (§4: names SHOULD be unique), nesting deeper than any request needs
 * before parsing (a deep text would cost the parser's stack), and `__proto__` / `constructor.prototype` keys
 * (prototype poisoning). Errors name the reason, never the content.
 */
export const parseBoundedJson = (body: string | Uint8Array): unknown => {
  let text: string;
  try {
    text = typeof body === 'string' ? body : utf8.decode(body);
  } catch {
    throw new JsonBodyRefused('JSON_NOT_UTF8');
  }
  const found = scan(text, MAX_JSON_DEPTH);
  if (found === 'TOO_DEEP') throw new JsonBodyRefused('JSON_TOO_DEEP');
  let parsed: unknown;
  try {
    parsed = secureJsonParse.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new JsonBodyRefused(error instanceof SyntaxError ? 'JSON_INVALID' : 'JSON_PROTOTYPE_KEY');
  }
  if (found === 'DUPLICATE_KEY') throw new JsonBodyRefused('JSON_DUPLICATE_KEY');
  return parsed;
};
