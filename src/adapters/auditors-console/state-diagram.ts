import type { Transition } from '../../domain/shared/transition-table.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** What one resource went through: the statuses it was in, in order, and the steps (rows) it took. */
export interface TakenPath {
  readonly statuses: ReadonlyArray<string>;
  readonly steps: ReadonlyArray<{ readonly from: string; readonly to: string; readonly event: string }>;
}

const W = 150;
const H = 34;
const COLUMN = 200;
const ROW = 64;
const PAD = 24;

/** Columns by distance from the initial status along the table's status-changing rows; unreachable ones last. */
const columnsOf = (rows: ReadonlyArray<Transition<string, string, string>>, lifecycle: ReadonlyArray<string>): Map<string, number> => {
  const depth = new Map<string, number>([[lifecycle[0] as string, 0]]);
  const queue = [lifecycle[0] as string];
  while (queue.length > 0) {
    const status = queue.shift() as string;
    for (const row of rows) {
      if (row.from !== status || row.to === row.from || depth.has(row.to)) continue;
      depth.set(row.to, (depth.get(status) as number) + 1);
      queue.push(row.to);
    }
  }
  const last = Math.max(...depth.values()) + 1;
  for (const status of lifecycle) if (!depth.has(status)) depth.set(status, last);
  return depth;
};

/**
 * The aggregate's state diagram drawn from its transition table as inline SVG (no script, no external library),
 * with the statuses and steps this resource took highlighted. A text line says the same for screen readers.
 */
export const stateDiagram = (
  id: string,
  rows: ReadonlyArray<Transition<string, string, string>>,
  lifecycle: ReadonlyArray<string>,
  taken: TakenPath,
): SafeHtml => {
  const column = columnsOf(rows, lifecycle);
  const rowInColumn = new Map<string, number>();
  const used = new Map<number, number>();
  for (const status of lifecycle) {
    const c = column.get(status) as number;
    rowInColumn.set(status, used.get(c) ?? 0);
    used.set(c, (used.get(c) ?? 0) + 1);
  }
  const x = (s: string) => PAD + (column.get(s) as number) * COLUMN;
  const y = (s: string) => PAD + 14 + (rowInColumn.get(s) as number) * ROW;
  const width = PAD * 2 + Math.max(...column.values()) * COLUMN + W + 60;
  const height = PAD * 2 + 28 + (Math.max(...used.values()) - 1) * ROW + H;
  const visited = new Set(taken.statuses);
  const current = taken.statuses[taken.statuses.length - 1];
  const tookStep = (from: string, to: string, events: ReadonlyArray<string>) =>
    taken.steps.some((s) => s.from === from && s.to === to && events.includes(s.event));

  const pairs = new Map<string, { from: string; to: string; events: string[] }>();
  for (const row of rows) {
    const key = `${row.from}\u0000${row.to}`;
    const pair = pairs.get(key) ?? { from: row.from, to: row.to, events: [] };
    if (!pair.events.includes(row.event)) pair.events.push(row.event);
    pairs.set(key, pair);
  }
  const edges = [...pairs.values()].map((pair) => {
    const cls = tookStep(pair.from, pair.to, pair.events) ? 'edge taken' : 'edge';
    const label = html`<title>${pair.from} → ${pair.to}: ${pair.events.join(', ')}</title>`;
    if (pair.from === pair.to) {
      const cx = x(pair.from) + W / 2;
      const top = y(pair.from);
      return html`<path class="${cls}" d="M ${cx - 18} ${top} C ${cx - 30} ${top - 26}, ${cx + 30} ${top - 26}, ${cx + 18} ${top}" marker-end="url(#${id}-arrow)">${label}</path>`;
    }
    const forward = (column.get(pair.to) as number) > (column.get(pair.from) as number);
    if (forward) {
      const [sx, sy, ex, ey] = [x(pair.from) + W, y(pair.from) + H / 2, x(pair.to), y(pair.to) + H / 2];
      return html`<path class="${cls}" d="M ${sx} ${sy} C ${sx + 40} ${sy}, ${ex - 40} ${ey}, ${ex} ${ey}" marker-end="url(#${id}-arrow)">${label}</path>`;
    }
    if (column.get(pair.to) === column.get(pair.from)) {
      // Within a column: a curve out to the right of the boxes, clear of those between.
      const [sx, sy, ex, ey] = [x(pair.from) + W, y(pair.from) + H / 2 - 6, x(pair.to) + W, y(pair.to) + H / 2 + 6];
      const bulge = x(pair.from) + W + 30 + Math.abs(ey - sy) / 6;
      return html`<path class="${cls}" d="M ${sx} ${sy} C ${bulge} ${sy}, ${bulge} ${ey}, ${ex} ${ey}" marker-end="url(#${id}-arrow)">${label}</path>`;
    }
    // Backwards: a curve below the boxes.
    const [sx, sy, ex, ey] = [x(pair.from) + W / 2 - 10, y(pair.from) + H, x(pair.to) + W / 2 + 10, y(pair.to) + H];
    const dip = Math.max(sy, ey) + 30;
    return html`<path class="${cls}" d="M ${sx} ${sy} C ${sx} ${dip}, ${ex} ${dip}, ${ex} ${ey}" marker-end="url(#${id}-arrow)">${label}</path>`;
  });
  const nodes = lifecycle.map((status) => {
    const cls = status === current ? 'node current' : visited.has(status) ? 'node visited' : 'node';
    return html`<g class="${cls}"><rect x="${x(status)}" y="${y(status)}" width="${W}" height="${H}" rx="6"></rect><text x="${x(status) + W / 2}" y="${y(status) + H / 2 + 5}" text-anchor="middle">${status}</text></g>`;
  });
  const said = taken.statuses.join(' → ');
  return html`<figure class="diagram">
<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${taken.statuses.length === 0 ? 'State diagram of the transition table' : `State diagram; this resource went ${said}`}</title>
<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"></path></marker></defs>
${joinHtml(edges)}${joinHtml(nodes)}
</svg>
${taken.statuses.length === 0 ? '' : html`<figcaption>Path taken: ${said}. Highlighted: the statuses it was in (the current one filled) and the steps it took.</figcaption>`}
</figure>`;
};

/** The path a stream took, from its entries' statuses: each event is a step from the status before it to the one after. */
export const takenPathOf = (initial: string, entries: ReadonlyArray<{ readonly statusAfter: string; readonly type: string }>): TakenPath => {
  const statuses = [initial];
  const steps: { from: string; to: string; event: string }[] = [];
  let at = initial;
  for (const entry of entries) {
    steps.push({ from: at, to: entry.statusAfter, event: entry.type });
    if (entry.statusAfter !== at) statuses.push(entry.statusAfter);
    at = entry.statusAfter;
  }
  return { statuses, steps };
};
