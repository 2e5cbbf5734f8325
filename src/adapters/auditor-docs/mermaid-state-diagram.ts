import type { Transition } from '../../domain/shared/transition-table.js';

/** A Mermaid state diagram drawn from a transition table: each row is an arrow labelled with its event and who causes it. */
export const mermaidStateDiagram = (
  rows: ReadonlyArray<Transition<string, string, string>>,
  initial: string,
  finals: ReadonlyArray<string>,
): string => {
  const lines = ['```mermaid', 'stateDiagram-v2', `  [*] --> ${initial}`];
  for (const row of rows) lines.push(`  ${row.from} --> ${row.to}: ${row.event} (${row.by})`);
  for (const final of finals) lines.push(`  ${final} --> [*]`);
  lines.push('```');
  return lines.join('\n');
};
