import type { CheckingTest } from './checking-tests.js';

/** A Markdown table; pipes inside cells are escaped so a value can never break the table. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`).join('\n');

export const code = (text: string): string => `\`${text}\``;

/** A tight bulleted list. */
export const bullets = (items: ReadonlyArray<string>): string => items.map((item) => `- ${item}`).join('\n');

/** A link from a page in docs/auditors/ to a file of the project. */
export const projectLink = (path: string, label = path): string => `[${label}](../../${path})`;

/** Said plainly where a rule has no test. */
export const NO_TEST = '**no test**';

/** The tests that check a rule, by file then title (the name the test runner prints), or {@link NO_TEST}. */
export const testLinks = (tests: ReadonlyArray<CheckingTest>): string => {
  if (tests.length === 0) return NO_TEST;
  const byFile = new Map<string, string[]>();
  for (const test of tests) byFile.set(test.file, [...(byFile.get(test.file) ?? []), `“${test.title}”`]);
  return [...byFile].map(([file, titles]) => `${projectLink(file)}: ${titles.join('; ')}`).join('<br>');
};
