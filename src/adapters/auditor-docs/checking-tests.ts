import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A test that checks a rule: the file it is in and its title, as the test runner prints it. */
export interface CheckingTest {
  readonly file: string;
  readonly title: string;
}

/** One `it(…)` / `test(…)` of the project: where it is, its title, the titles of the `describe`s around it, and its text. */
interface TestBlock extends CheckingTest {
  readonly context: string;
  readonly body: string;
}

/**
 * How a rule is found in the tests:
 * - `names`: a test whose code names the rule's id in quotes (an error code, an event type);
 * - `titled`: a test whose title, or the title of a `describe` around it, contains the words (case-insensitive);
 * - `mentions`: a test whose code uses this identifier (a function or a table of the domain).
 */
export type TestMatch = { readonly names: string } | { readonly titled: string } | { readonly mentions: string };

/**
 * The text of the string literal that starts at `from` (a quote or backtick), its `${…}` parts (however
 * nested) shown as …, or undefined when it does not close on this line.
 */
const literalAt = (text: string, from: number): string | undefined => {
  const quote = text[from];
  let out = '';
  for (let i = from + 1; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\') {
      out += text[i + 1] ?? '';
      i++;
    } else if (char === quote) {
      return out;
    } else if (quote === '`' && char === '$' && text[i + 1] === '{') {
      let depth = 0;
      for (i++; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
      out += '…';
    } else {
      out += char;
    }
  }
  return undefined;
};

/** The title of the `it(…)` or `test(…)` a line opens (also `it.each(…)(…)`, `test.prop(…)(…)`), if it opens one. */
export const testTitleIn = (line: string): string | undefined => {
  const match = /^\s*(?:it|test)(?:\.(?:each|prop|skip|only|skipIf|runIf)(?:\([^)]*\))?)?\(\s*(?=['"`])/.exec(line);
  return match === null ? undefined : literalAt(line, match[0].length);
};

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The title of the `describe(…)` a line opens (also `x.describe(…)`, `describe.skip(…)`), if it opens one. */
const describeTitleIn = (line: string): string | undefined => {
  const match = /^\s*(?:[\w$]+\.)?describe(?:\.(?:skip|only|skipIf|runIf)(?:\([^)]*\))?)?\(\s*(?=['"`])/.exec(line);
  return match === null ? undefined : literalAt(line, match[0].length);
};

/**
 * The tests of one file. A test runs from the line that opens it to the next non-blank line indented no
 * deeper (its closing `});` or the next test), and sits in the `describe`s opened before it less indented:
 * the files are formatted, so indentation is their structure.
 */
const testsOf = (file: string, text: string): ReadonlyArray<TestBlock> => {
  const lines = text.split('\n');
  const blocks: TestBlock[] = [];
  const describes: Array<{ readonly indent: number; readonly title: string }> = [];
  lines.forEach((line, start) => {
    const indent = indentOf(line);
    const describeTitle = describeTitleIn(line);
    const title = describeTitle === undefined ? testTitleIn(line) : undefined;
    if (describeTitle === undefined && title === undefined) return;
    while (describes.length > 0 && (describes[describes.length - 1] as { readonly indent: number }).indent >= indent) describes.pop();
    if (describeTitle !== undefined) {
      describes.push({ indent, title: describeTitle });
      return;
    }
    let end = start + 1;
    while (end < lines.length && ((lines[end] as string).trim() === '' || indentOf(lines[end] as string) > indent)) end++;
    blocks.push({
      file,
      title: title as string,
      context: describes.map((d) => d.title).join(' › '),
      body: lines.slice(start, Math.min(end + 1, lines.length)).join('\n'),
    });
  });
  return blocks;
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const matches = (block: TestBlock, match: TestMatch): boolean => {
  if ('names' in match) return block.body.includes(`'${match.names}'`) || block.body.includes(`"${match.names}"`);
  if ('titled' in match) return `${block.context} › ${block.title}`.toLowerCase().includes(match.titled.toLowerCase());
  return new RegExp(`\\b${escape(match.mentions)}\\b`).test(block.body);
};

export interface TestCatalogue {
  /**
   * The tests that check a rule, looked for in `tiers` (path prefixes, most specific first): the first tier
   * holding any is the answer, so a rule links to its aggregate's own tests before anyone else's.
   */
  readonly find: (tiers: ReadonlyArray<string>, ...any: ReadonlyArray<TestMatch>) => ReadonlyArray<CheckingTest>;
}

/** Every test under `folder` (files ending in `.test.ts`), read once, in a stable order. */
export const testCatalogue = (projectRoot: string, folder = 'test'): TestCatalogue => {
  const files = readdirSync(join(projectRoot, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const blocks = files.flatMap((file) => testsOf(file, readFileSync(join(projectRoot, file), 'utf8')));
  return {
    find: (tiers, ...any) => {
      for (const tier of tiers) {
        const found = blocks.filter((block) => block.file.startsWith(tier) && any.some((match) => matches(block, match)));
        if (found.length === 0) continue;
        // A title seen twice in one file (\`it.each\`, a loop) is one test for the reader.
        const unique = new Map<string, CheckingTest>();
        for (const { file, title } of found) if (!unique.has(`${file}\u0000${title}`)) unique.set(`${file}\u0000${title}`, { file, title });
        return [...unique.values()];
      }
      return [];
    },
  };
};
