import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, and the function that removes it with everything inside. */
export const temporaryDirectory = (prefix: string): { readonly path: string; readonly remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), `kyc-core-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
};
