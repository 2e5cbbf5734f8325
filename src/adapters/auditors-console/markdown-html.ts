import { escapeHtml, html, joinHtml, trusted, type SafeHtml } from './html.js';

/**
 * HTML from the Markdown the auditor-docs generator writes (headings, paragraphs, tight lists, pipe tables,
 * fenced blocks, code spans, bold, links): the Rules pages show the generated docs themselves, so the console and
 * docs/auditors cannot drift. Every piece of text is escaped before markup is added; raw HTML is never passed
 * through (the generator's `<br>` in cells is recognised as a token, and its comments are dropped).
 */
export interface MarkdownOptions {
  /** Where a link goes in the console, or undefined to show its label unlinked (project files are not served). */
  readonly href: (target: string) => string | undefined;
  /** Replaces a fenced block of this language (the lifecycle's `mermaid`), or undefined to show it as code. */
  readonly fence?: (language: string, body: string) => SafeHtml | undefined;
}

/** GitHub's heading anchors, as the generated docs link to them (`#rules-common-to-every-command`). */
export const headingSlug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[`*]/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

const inline = (text: string, options: MarkdownOptions): string =>
  text
    .split('<br>')
    .map((piece) =>
      piece
        .split('`')
        .map((part, i) => {
          if (i % 2 === 1) return `<code>${escapeHtml(part)}</code>`;
          return escapeHtml(part)
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_all, label: string, target: string) => {
              const href = options.href(target.replace(/&amp;/g, '&'));
              return href === undefined ? `<span class="path">${label}</span>` : `<a href="${escapeHtml(href)}">${label}</a>`;
            });
        })
        .join(''),
    )
    .join('<br>');

const cellsOf = (line: string): ReadonlyArray<string> =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));

export const markdownToHtml = (markdown: string, options: MarkdownOptions): SafeHtml => {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) {
      i++;
      continue;
    }
    const fence = /^```(\w*)$/.exec(line);
    if (fence !== null) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
      i++;
      const language = fence[1] ?? '';
      const replaced = options.fence?.(language, body.join('\n'));
      out.push(replaced?.__html ?? html`<pre><code>${body.join('\n')}</code></pre>`.__html);
      continue;
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading !== null) {
      const level = (heading[1] as string).length;
      const text = heading[2] as string;
      out.push(`<h${level} id="${escapeHtml(headingSlug(text))}">${inline(text, options)}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && (lines[i] as string).startsWith('|'); i++) rows.push(lines[i] as string);
      const [header, , ...body] = rows;
      out.push(
        `<div class="table-wrap"><table><thead><tr>${cellsOf(header ?? '')
          .map((c) => `<th scope="col">${inline(c, options)}</th>`)
          .join('')}</tr></thead><tbody>${body
          .map((row) => `<tr>${cellsOf(row).map((c) => `<td>${inline(c, options)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table></div>`,
      );
      continue;
    }
    if (line.startsWith('- ')) {
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const item = lines[i] as string;
        if (item.startsWith('- ')) items.push(item.slice(2));
        else if (item.startsWith('  ') && items.length > 0) items[items.length - 1] += ` ${item.trim()}`;
        else break;
      }
      out.push(`<ul>${items.map((item) => `<li>${inline(item, options)}</li>`).join('')}</ul>`);
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length; i++) {
      const next = lines[i] as string;
      if (next.trim() === '' || next.startsWith('#') || next.startsWith('|') || next.startsWith('- ') || next.startsWith('```')) break;
      paragraph.push(next.trim());
    }
    out.push(`<p>${inline(paragraph.join(' '), options)}</p>`);
  }
  return joinHtml(out.map(trusted), '\n');
};
