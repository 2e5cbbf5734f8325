/**
 * Text for a terminal or a plain-text page, where a control character is an instruction, not a letter: CR and LF
 * start a line of their own (a Tag could draw a fake "v2 VALIDATED by Mangopay" line), ESC starts a terminal sequence
 * (colours, cursor moves that hide the real line), and the bidirectional overrides reorder what is shown. Each is
 * written as an escape (`\n`, `\r`, `\t`, `\u{1b}`, …) and the backslash itself as `\\`, so the text stays one line and
 * reads back unambiguously. Letters of every script are left as they are.
 */
const CONTROL = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu;

const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export const escapeControls = (text: string): string =>
  text.replace(CONTROL, (character) => NAMED[character] ?? `\\u{${(character.codePointAt(0) as number).toString(16)}}`);
