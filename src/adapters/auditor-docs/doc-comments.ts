import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A declaration's `/** … *\/` comment, one line, or undefined when it has none. */
export type DocCommentOf = (name: string) => string | undefined;

const DECLARATION = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?(?:const|interface|type)\s+([A-Za-z_$][\w$]*)/g;

const oneLine = (comment: string): string =>
  comment
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The comments written above the declarations of the given folders (a codec, a table, a function), so the
 * docs say what the code's authors say of a value without anyone retyping it. A vocabulary declared as
 * `literals('Name', VALUES)` takes the comment of its VALUES when it has none of its own.
 */
export const docComments = (projectRoot: string, folders: ReadonlyArray<string>): DocCommentOf => {
  const comments = new Map<string, string>();
  const valuesOf = new Map<string, string>();
  const files = folders
    .flatMap((folder) =>
      readdirSync(join(projectRoot, folder), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
        .map((entry) => join(entry.parentPath, entry.name)),
    )
    .sort();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(DECLARATION)) {
      const name = match[2] as string;
      if (!comments.has(name)) comments.set(name, oneLine(match[1] as string));
    }
    for (const match of text.matchAll(/const\s+([A-Za-z_$][\w$]*)\s*=\s*literals\(\s*'[^']*',\s*([A-Za-z_$][\w$]*)\s*\)/g)) {
      valuesOf.set(match[1] as string, match[2] as string);
    }
  }
  return (name) => {
    const own = comments.get(name);
    if (own !== undefined && own !== '') return own;
    const values = valuesOf.get(name);
    const inherited = values === undefined ? undefined : comments.get(values);
    return inherited === '' ? undefined : inherited;
  };
};
