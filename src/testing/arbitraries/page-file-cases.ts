/**
 * The page files the arbitraries and the fixed cases (oversized-page-files.ts) build: what each must be, valid or
 * refused, for the model and the properties that read them.
 */
import type { PageFileError } from '../../domain/kyc-document/page-file.js';
import type { PageFormat } from '../../domain/kyc-document/page-format.js';

export type PageFileErrorType = PageFileError['type'];

/** A page file the policy accepts, with the facts a page event must record of it. */
export interface ValidPageFile {
  readonly file: string;
  readonly format: PageFormat;
  readonly sizeBytes: number;
}

/** A page file the policy refuses, tagged with the typed error it must produce. */
export interface AdversarialPageFile {
  readonly file: string;
  readonly expected: PageFileErrorType;
  /** What is wrong with it, for a counterexample a human reads. */
  readonly why: string;
}
