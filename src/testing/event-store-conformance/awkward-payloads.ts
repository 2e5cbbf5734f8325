import type { JsonObject } from '../../application/ports/event-store.js';

/** Strings that break naive storage: astral planes, combining marks, bidi, emoji sequences, NUL, controls, separators. */
export const AWKWARD_STRINGS = {
  astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 🀄 𐍈 \u{10FFFD}',
  combining: 'e\u0301 a\u0308 Z\u0351\u0352\u0353 \u0915\u094D\u0937 \u1100\u1161\u11A8',
  rightToLeft: 'مرحبا بالعالم \u202Eabc\u202C שלום \u200F',
  emoji: '👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷 ❤️',
  nulInside: 'before\u0000after',
  nulOnly: '\u0000',
  nulAtEnds: '\u0000middle\u0000',
  controls: '\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f\u0080\u009f',
  separators: '\u2028\u2029\u0085\uFEFF\u200B\u200D',
  escapesAsText: '"\'\\ / \\u0000 \\ud800 literally',
  noncharacters: '\uFFFE\uFFFF\u{10FFFF}',
} as const;

export const awkwardData = (): JsonObject => ({
  ...AWKWARD_STRINGS,
  keys: { 'key\u0000nul': 1, '🔑': 2, 'مفتاح': 3, '': 'empty key', 'e\u0301': 'combining key' },
  numbers: [0, -1, 1.5, 1e-7, 1.7976931348623157e308, Number.MAX_SAFE_INTEGER, 5e-324, -2.5e-300],
  nested: JSON.parse(`${'['.repeat(64)}"deep\\u0000"${']'.repeat(64)}`) as JsonObject,
  nothing: null,
  flags: [true, false],
  list: Object.values(AWKWARD_STRINGS),
});

/** A string of `megabytes` MB of UTF-8 that mixes one-, two-, three- and four-byte characters and NULs. */
export const largeString = (megabytes: number): string => {
  const unit = 'aé€😀\u0000'; // 1 + 2 + 3 + 4 + 1 bytes of UTF-8
  return unit.repeat(Math.ceil((megabytes * 1024 * 1024) / 11));
};
