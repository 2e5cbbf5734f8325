import { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { rebuildWithProgress } from '../../application/read-models/index.js';
import { CliFailure, runtimeFromEnvironment } from './runtime-from-environment.js';

const bar = (done: number, total: number | undefined): string => {
  if (total === undefined || total === 0) return `${done} events`;
  const width = 30;
  const filled = Math.min(width, Math.round((done / total) * width));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} events`;
};

export const projectionsCommand = (): Command => {
  const projections = new Command('projections').description('Manage the read models behind the lists');
  projections
    .command('rebuild')
    .description('Empty the read model and rebuild it from the first event, with a progress bar')
    .action(async () => {
      const runtime = await runtimeFromEnvironment({ mangopay: undefined, logLevel: 'silent' });
      try {
        const { readModel } = runtime;
        const tty = process.stdout.isTTY === true;
        const rebuilt = await rebuildWithProgress({
          events: runtime.core.store,
          checkpoints: readModel.checkpoints,
          projection: readModel.projection,
          onProgress: (progress) => {
            const line = bar(progress.applied, progress.total);
            if (tty) process.stdout.write(`\r${line}`);
          },
        })();
        if (tty) process.stdout.write('\n');
        if (E.isLeft(rebuilt)) throw new CliFailure(`rebuild stopped: ${rebuilt.left.message}`);
        console.log(`read model rebuilt: ${rebuilt.right.applied} events applied`);
      } finally {
        await runtime.close();
      }
    });
  return projections;
};
