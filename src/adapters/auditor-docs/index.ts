export { AUDITOR_DOCS_DIRECTORY, renderAuditorDocs, type GeneratedDoc } from './auditor-docs.js';
