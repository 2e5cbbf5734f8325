import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDITOR_DOCS_DIRECTORY, renderAuditorDocs } from '../../src/adapters/auditor-docs/index.js';
import {
  IDV_SESSION_ERROR_RULES,
  KYC_DOCUMENT_ERROR_RULES,
  SHARED_ERROR_RULES,
  USER_KYC_ERROR_RULES,
} from '../../src/adapters/auditor-docs/rule-statements.js';
import { CONSOLE_SCREENSHOT_DIRECTORY, CONSOLE_SCREENSHOTS } from '../../src/adapters/auditor-docs/console-screenshots.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const rendered = renderAuditorDocs(projectRoot);

/** Where two texts first differ, as "line N", so the failure says where to look. */
const firstDifference = (actual: string, expected: string): string => {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  return `line ${(at < 0 ? a.length : at) + 1}`;
};

describe('docs/auditors/ says what the code does', () => {
  it.each(rendered.map((doc) => [doc.path, doc.content] as const))('%s is what `npm run docs` renders from the code now', (path, content) => {
    const file = join(projectRoot, path);
    expect(existsSync(file), `${path} is missing: run \`npm run docs\``).toBe(true);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk === content, `${path} is out of date with the code (first difference at ${firstDifference(onDisk, content)}): run \`npm run docs\``).toBe(true);
  });

  it('holds no page the code no longer renders', () => {
    const kept = readdirSync(join(projectRoot, AUDITOR_DOCS_DIRECTORY))
      .map((name) => `${AUDITOR_DOCS_DIRECTORY}/${name}`)
      .filter((path) => statSync(join(projectRoot, path)).isFile())
      .sort();
    expect(kept, `${AUDITOR_DOCS_DIRECTORY}/ holds pages the generator does not render: run \`npm run docs\``).toEqual(rendered.map((doc) => doc.path).sort());
  });

  it("holds every screenshot of the auditors' console it links, and no other", () => {
    const folder = join(projectRoot, AUDITOR_DOCS_DIRECTORY, CONSOLE_SCREENSHOT_DIRECTORY);
    const readme = rendered.find((doc) => doc.path.endsWith('README.md'))?.content ?? '';
    for (const shot of CONSOLE_SCREENSHOTS) expect(readme).toContain(`(${CONSOLE_SCREENSHOT_DIRECTORY}/${shot.file})`);
    expect(readdirSync(folder).sort(), 'run the console browser test to write them').toEqual(CONSOLE_SCREENSHOTS.map((shot) => shot.file).sort());
  });

  it('renders the same text twice: no dates, no unordered output', () => {
    expect(renderAuditorDocs(projectRoot)).toEqual(rendered);
  });

  it('draws each lifecycle from its transition table', () => {
    for (const page of ['kyc-document.md', 'idv-session.md', 'user-kyc.md']) {
      expect(rendered.find((doc) => doc.path.endsWith(page))?.content).toContain('stateDiagram-v2');
    }
  });

  it('links every error code to a test that names it', () => {
    const codes = Object.keys({ ...SHARED_ERROR_RULES, ...KYC_DOCUMENT_ERROR_RULES, ...IDV_SESSION_ERROR_RULES, ...USER_KYC_ERROR_RULES });
    const rows = rendered.flatMap((doc) => doc.content.split('\n').filter((line) => line.startsWith('| `')));
    for (const code of codes) {
      const row = rows.find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, `${code} has no row in the rules`).toBeDefined();
      expect(row, `no test names ${code}`).not.toContain('**no test**');
    }
  });
});
