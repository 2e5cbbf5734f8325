/**
 * The screenshots of the auditors' console that its browser test writes (test/adapters/auditors-console.browser.test.ts)
 * into docs/auditors/console/, in the order an auditor meets the pages; docs/auditors/README.md links each one.
 */
export const CONSOLE_SCREENSHOT_DIRECTORY = 'console';

export const CONSOLE_SCREENSHOTS = [
  { file: 'sign-in.png', shows: 'signing in with an API key' },
  { file: 'users.png', shows: 'Users: search and filters, level, what is missing for REGULAR, erasure' },
  { file: 'user.png', shows: 'a user: documents and sessions, timelines with their sources, divergences and anomalies highlighted, state diagrams with the path taken' },
  { file: 'reveal.png', shows: 'a data point revealed with the reason typed, and the access recorded' },
  { file: 'rules.png', shows: 'Rules: the generated reference (transition tables, page policies, glossaries, tests)' },
  { file: 'health.png', shows: 'Health: inbox, parked hooks, projection lag, last sweep, divergences and anomalies by day' },
  { file: 'print.png', shows: "a user's timeline as a printable page, with the rules' version" },
] as const;
