import { CONSOLE_PATH } from './console-layout.js';
import { html, type SafeHtml } from './html.js';
import { markdownToHtml } from './markdown-html.js';
import { stateDiagram } from './state-diagram.js';
import type { ConsoleAggregate } from './user-streams.js';

export const RULES_PATH = `${CONSOLE_PATH}/rules`;

/** The pages of docs/auditors the Rules section shows, in the generator's order. */
export const RULES_PAGE_FILES = ['README.md', 'kyc-document.md', 'idv-session.md', 'user-kyc.md', 'webhooks.md', 'personal-data.md'] as const;

/** `kyc-document.md` → its console address; README.md is the Rules index. */
const pathOfPage = (file: string): string => (file === 'README.md' ? RULES_PATH : `${RULES_PATH}/${file.replace(/\.md$/, '')}`);

/** A generated page's links, in the console: other pages of docs/auditors map to Rules pages; project files are shown, not linked. */
const hrefOf = (target: string): string | undefined => {
  if (target.startsWith('#')) return target;
  const page = /^([a-z-]+|README)\.md(#.*)?$/.exec(target);
  if (page !== null) return `${pathOfPage(`${page[1]}.md`)}${page[2] ?? ''}`;
  if (target.startsWith('console/')) return undefined; // the screenshots of this very console
  if (/^https:\/\//.test(target)) return target;
  return undefined;
};

export const rulesPage = (
  pages: ReadonlyArray<{ readonly path: string; readonly content: string }>,
  file: string,
  diagrams: Readonly<Record<string, ConsoleAggregate>>,
  rulesVersion: string,
): SafeHtml | undefined => {
  const page = pages.find((p) => p.path.endsWith(`/${file}`));
  if (page === undefined) return undefined;
  const subject = diagrams[file];
  const body = markdownToHtml(page.content, {
    href: hrefOf,
    fence: (language) =>
      language === 'mermaid' && subject !== undefined ? stateDiagram(`rules-${file.replace(/\W/g, '_')}`, subject.transitions, subject.lifecycle, { statuses: [], steps: [] }) : undefined,
  });
  return html`<nav aria-label="Rules pages" class="no-print"><p>${pages.map((p, i) => {
    const name = p.path.split('/').pop() as string;
    const label = name === 'README.md' ? 'Index and guide' : (/^# (.*)$/m.exec(p.content)?.[1] ?? name);
    return html`${i > 0 ? ' · ' : ''}<a href="${pathOfPage(name)}"${name === file ? html` aria-current="page"` : ''}>${label}</a>`;
  })}</p></nav>
<p class="notice">Rendered from the same generator as docs/auditors (<code>npm run docs</code>): the tables the code runs and the tests that check each rule. Rules version <code>${rulesVersion}</code>.</p>
${body}`;
};
