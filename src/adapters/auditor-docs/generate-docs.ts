/** `npm run docs`: writes docs/auditors/ from the code. */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDITOR_DOCS_DIRECTORY, renderAuditorDocs } from './auditor-docs.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const docs = renderAuditorDocs(projectRoot);
const directory = join(projectRoot, AUDITOR_DOCS_DIRECTORY);
mkdirSync(directory, { recursive: true });
// A page the code no longer renders must not linger (folders, such as the console's screenshots, are not pages).
const wanted = new Set(docs.map((doc) => join(projectRoot, doc.path)));
for (const name of readdirSync(directory)) if (!wanted.has(join(directory, name)) && statSync(join(directory, name)).isFile()) rmSync(join(directory, name));
for (const doc of docs) writeFileSync(join(projectRoot, doc.path), doc.content);
console.log(`wrote ${docs.length} pages to ${AUDITOR_DOCS_DIRECTORY}/`);
