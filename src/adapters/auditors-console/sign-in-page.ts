import { CONSOLE_PATH } from './console-layout.js';
import { html, type SafeHtml } from './html.js';

/** The key is typed into a password field and POSTed once: it never appears in a URL, and the page never stores it. */
export const signInPage = (problem?: string): SafeHtml => html`<div class="signin"><h1>Auditors' console</h1>
<p>Sign in with an <strong>auditor</strong> or <strong>platform</strong> API key. The console is read-only; it keeps a session cookie, never the key.</p>
${problem === undefined ? '' : html`<p class="error" role="alert">${problem}</p>`}
<form method="post" action="${CONSOLE_PATH}/sign-in"><label for="key">API key</label><input type="password" id="key" name="key" required autocomplete="off" spellcheck="false" maxlength="512">
<button class="primary" type="submit">Sign in</button></form></div>`;
