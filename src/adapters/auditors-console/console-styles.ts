/**
 * The console's only stylesheet, served from /console/assets/ (CSP `style-src 'self'`: no inline style anywhere).
 * Colours keep at least 4.5:1 contrast with their background; focus is always visible; print drops navigation and forms.
 */
export const CONSOLE_CSS = `
:root { --ink: #1b1b1f; --muted: #4a4a55; --line: #c9c9d1; --paper: #ffffff; --panel: #f4f4f7; --link: #0a4f9e;
  --div-bg: #fde7e6; --div-ink: #8c1d18; --ano-bg: #fff1c7; --ano-ink: #6b4400; --ok: #1c6b35; --focus: #ffbf47; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--link); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--paper); padding: 4px 8px; z-index: 2; }
header.top { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #22223a; color: #fff; flex-wrap: wrap; }
header.top .brand { font-weight: 700; }
header.top nav a { color: #fff; margin-right: 16px; text-decoration: none; padding: 4px 2px; }
header.top nav a[aria-current="page"] { border-bottom: 3px solid var(--focus); }
header.top .who { margin-left: auto; display: flex; align-items: center; gap: 12px; font-size: 14px; }
header.top button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 24px; margin: 8px 0 12px; } h2 { font-size: 19px; margin: 28px 0 8px; } h3 { font-size: 16px; margin: 20px 0 6px; }
.muted { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
th { background: var(--panel); }
code { font: 13px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--panel); padding: 1px 4px; border-radius: 3px; }
pre { background: var(--panel); padding: 10px; overflow-x: auto; }
form.filters { display: flex; gap: 16px; align-items: flex-end; flex-wrap: wrap; background: var(--panel); padding: 12px; border-radius: 6px; }
form.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 12px; }
label { font-weight: 600; display: block; margin-bottom: 3px; }
fieldset label { font-weight: 400; display: inline; }
input[type="text"], input[type="search"], input[type="password"], select, textarea { font: inherit; padding: 5px 8px; border: 1px solid #6e6e7a; border-radius: 4px; background: #fff; color: var(--ink); }
button.primary { font: inherit; background: #0a4f9e; color: #fff; border: 0; border-radius: 4px; padding: 6px 14px; cursor: pointer; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; margin-right: 4px; white-space: nowrap; }
.badge.divergence { background: var(--div-bg); color: var(--div-ink); } .badge.anomaly { background: var(--ano-bg); color: var(--ano-ink); }
.badge.parked, .badge.erased { background: var(--panel); color: var(--ink); } .badge.level-REGULAR { color: var(--ok); }
tr.divergence td { background: var(--div-bg); } tr.divergence td:first-child { border-left: 4px solid var(--div-ink); }
tr.anomaly td { background: var(--ano-bg); } tr.anomaly td:first-child { border-left: 4px solid var(--ano-ink); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
.card { background: var(--panel); border-radius: 6px; padding: 10px 14px; }
.card .figure { font-size: 26px; font-weight: 700; }
.notice { background: var(--panel); border-left: 4px solid var(--link); padding: 8px 12px; }
.error { background: var(--div-bg); color: var(--div-ink); border-left: 4px solid var(--div-ink); padding: 8px 12px; }
.revealed { background: var(--ano-bg); border: 2px solid var(--ano-ink); padding: 10px 14px; border-radius: 6px; }
.revealed .value { font: 18px ui-monospace, Menlo, Consolas, monospace; }
.signin { max-width: 420px; margin: 60px auto; background: var(--panel); padding: 24px; border-radius: 8px; }
.signin input { width: 100%; margin-bottom: 12px; }
details.reveal { margin: 2px 0; } details.reveal textarea { width: 100%; min-height: 3em; }
figure.diagram { margin: 8px 0 16px; overflow-x: auto; } figure.diagram figcaption { color: var(--muted); font-size: 13px; }
svg .node rect { fill: #fff; stroke: #6e6e7a; stroke-width: 1.5; } svg .node text { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg .node.visited rect { fill: #dbe8fb; stroke: #0a4f9e; stroke-width: 2.5; }
svg .node.current rect { fill: #0a4f9e; stroke: #0a4f9e; } svg .node.current text { fill: #fff; font-weight: 700; }
svg .edge { fill: none; stroke: #9a9aa6; stroke-width: 1.3; } svg .edge.taken { stroke: #0a4f9e; stroke-width: 3.5; }
svg .arrowhead { fill: #6e6e7a; }
svg.bars rect.divergence { fill: var(--div-ink); } svg.bars rect.anomaly { fill: #b37400; } svg.bars text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.print-only { display: none; }
@media print {
  header.top, nav, form, details.reveal, .no-print, .skip { display: none !important; }
  .print-only { display: block; }
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  a { color: var(--ink); text-decoration: none; }
  tr { break-inside: avoid; } h2 { break-after: avoid; }
  tr.divergence td, tr.anomaly td, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
