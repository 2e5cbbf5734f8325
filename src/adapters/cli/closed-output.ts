/**
 * When whoever reads our output goes away (`kyc demo | head`), what they wanted has been printed: stop quietly
 * with status 0 instead of dying on EPIPE with a stack trace. Any other stream error is still an error.
 */
export const stopQuietlyWhenOutputCloses = (): void => {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
};
