import { html, type SafeHtml } from './html.js';
import type { ConsoleSession } from './console-sessions.js';

export const CONSOLE_PATH = '/console';
export const STYLESHEET_PATH = `${CONSOLE_PATH}/assets/console.css`;

export type ConsoleSection = 'users' | 'rules' | 'health' | 'none';

const NAV: ReadonlyArray<{ readonly section: ConsoleSection; readonly href: string; readonly label: string }> = [
  { section: 'users', href: `${CONSOLE_PATH}/users`, label: 'Users' },
  { section: 'rules', href: `${CONSOLE_PATH}/rules`, label: 'Rules' },
  { section: 'health', href: `${CONSOLE_PATH}/health`, label: 'Health' },
];

/** Every console page: a skip link, the navigation, who is signed in and a sign-out form (POST, with the CSRF token). */
export const consolePage = (options: {
  readonly title: string;
  readonly section: ConsoleSection;
  readonly session: ConsoleSession | undefined;
  readonly body: SafeHtml;
}): string =>
  `<!doctype html>\n${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · kyc-core auditors' console</title><link rel="stylesheet" href="${STYLESHEET_PATH}"></head>
<body><a class="skip" href="#main">Skip to content</a>
${
  options.session === undefined
    ? ''
    : html`<header class="top"><span class="brand">kyc-core · auditors' console</span>
<nav aria-label="Console">${NAV.map((item) => html`<a href="${item.href}"${item.section === options.section ? html` aria-current="page"` : ''}>${item.label}</a>`)}</nav>
<div class="who"><span>Signed in: ${options.session.identity.keyId} (${options.session.identity.role}), read-only</span>
<form method="post" action="${CONSOLE_PATH}/sign-out"><input type="hidden" name="csrf" value="${options.session.csrfToken}"><button type="submit">Sign out</button></form></div></header>`
}
<main id="main">${options.body}</main></body></html>`.__html
  }`;
