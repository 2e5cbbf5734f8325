import { Command } from 'commander';
import { auditCommand } from './audit-command.js';
import { demoCommand } from './demo-command.js';
import { demoUserCommand } from './demo-user-command.js';
import { buildEraseCommand } from './erase-command.js';
import { openapiCommand } from './openapi-command.js';
import { projectionsCommand } from './projections-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { stopQuietlyWhenOutputCloses } from './closed-output.js';
import { CliFailure } from './runtime-from-environment.js';
import { serveCommand } from './serve-command.js';
import { simulatorCommand } from './simulator-command.js';

/** `kyc`: the command line of kyc-core. Every command has --help. */
export const buildCli = (): Command =>
  new Command('kyc')
    .description('Event-sourced KYC core for Mangopay: KYC documents and hosted IDV sessions, with the event log as the audit trail.')
    .addHelpText(
      'after',
      '\nEvery command prints its results on stdout and its failures, progress and logs on stderr; `kyc <command> --help` gives its exit statuses.\n' +
        'A failure the command expects (configuration, a store unreachable, a refusal) is one line on stderr and a non-zero status, never a stack trace.',
    )
    .addCommand(serveCommand())
    .addCommand(simulatorCommand())
    .addCommand(demoCommand())
    .addCommand(demoUserCommand())
    .addCommand(auditCommand())
    .addCommand(projectionsCommand())
    .addCommand(reconcileCommand())
    .addCommand(buildEraseCommand())
    .addCommand(openapiCommand());

export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  stopQuietlyWhenOutputCloses();
  try {
    await buildCli().parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
};
