import secureJsonParse from 'secure-json-parse';

export const MAX_JSON_DEPTH = 32;

/** How deep the brackets of a JSON text nest, strings skipped; stops counting past `limit`. */
const depthExceeds = (text: string, limit: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
};

export class JsonBodyRefused extends Error {
  readonly statusCode = 400;
  constructor(readonly code: 'JSON_TOO_DEEP' | 'JSON_INVALID' | 'JSON_PROTOTYPE_KEY' | 'JSON_NOT_UTF8') {
    super(code);
  }
}

/** Fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD (a Tag would be stored other than sent). */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The service's JSON parser: refuses a body that is not UTF-8 (RFC 8259 §8.1), nesting deeper than any request needs
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
  if (depthExceeds(text, MAX_JSON_DEPTH)) throw new JsonBodyRefused('JSON_TOO_DEEP');
  try {
    return secureJsonParse.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new JsonBodyRefused(error instanceof SyntaxError ? 'JSON_INVALID' : 'JSON_PROTOTYPE_KEY');
  }
};
