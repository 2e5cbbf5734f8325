export { dedupeKeyOf } from './dedupe-key.js';
export { groupCommit, type GroupCommitOptions } from './group-commit.js';
export { INBOX_COLUMNS, toInboxEntry, type InboxRow } from './inbox-rows.js';
