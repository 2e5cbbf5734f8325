/** The `kyc` entry point: runs the CLI on this process's arguments. */
import { main } from './main.js';

main(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
