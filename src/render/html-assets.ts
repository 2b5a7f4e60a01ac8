/**
 * The page's style sheet and its one small script, inlined so the file stands alone (mailed,
 * opened from a share). The Content-Security-Policy admits exactly these two by hash.
 */

export const STYLE = `
:root {
  --ink: #1d2733; --muted: #5b6774; --line: #dfe3e8; --paper: #ffffff; --ground: #f3f5f8;
  --accent: #0b5cad; --open: #b42318; --open-bg: #fdecea; --ok: #146c43; --ok-bg: #e6f4ea;
  --warn-bg: #fff4d6; --warn: #7a5200;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--ground); }
body {
  margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-text-size-adjust: 100%;
}
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
.page-head { background: #17324d; color: #fff; padding: 28px 0 26px; }
.page-head h1 { margin: 2px 0 6px; font-size: 28px; line-height: 1.2; font-weight: 650; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: #a9c4df; }
.page-head .meta { margin: 0; color: #d4e2f0; font-size: 14px; }
main.wrap { padding-top: 24px; padding-bottom: 40px; }
h2 { font-size: 19px; margin: 0 0 4px; font-weight: 650; }
h3 { font-size: 18px; margin: 0; font-weight: 650; overflow-wrap: anywhere; }
h4 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.lead { margin: 0 0 14px; color: var(--muted); }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin: 0 0 20px; box-shadow: 0 1px 2px rgba(16,24,40,.04); }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; margin: 0 0 20px; }
.kpi { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; }
.kpi .label { font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.kpi .value { font-size: 38px; font-weight: 700; line-height: 1.15; font-variant-numeric: tabular-nums; }
.kpi .sub { font-size: 13px; color: var(--muted); }
.kpi.alert { border-top: 4px solid var(--open); }
.kpi.alert .value { color: var(--open); }
.kpi.good { border-top: 4px solid var(--ok); }
.kpi.plain { border-top: 4px solid var(--accent); }
.warning { background: var(--warn-bg); color: var(--warn); border: 1px solid #f0d58c; border-radius: 10px; padding: 12px 18px; margin: 0 0 20px; }
.charts { display: grid; grid-template-columns: 1fr; gap: 0; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; background: #f8f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:last-child td { border-bottom: 0; }
.cause-name { display: inline-flex; align-items: center; gap: 8px; }
.swatch { width: 12px; height: 12px; flex: none; vertical-align: -1px; }
.cause-name .cause-id { margin-left: 8px; }
.cause-id { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--muted); }
.meter { width: 120px; height: 10px; display: block; }
.meter .track { fill: #edf0f3; }
figure { margin: 0; }
.chart { width: 100%; height: auto; display: block; font-size: 12px; }
.chart text { fill: #4a5561; font-family: inherit; }
.chart .tick line { stroke: #e7eaee; }
.chart .axis { stroke: #8a96a3; }
.chart .axis-title { font-size: 12px; fill: var(--muted); }
.chart .bar-total, .chart .bar-value { font-weight: 650; fill: var(--ink); }
.chart .agent-name { font-size: 13px; fill: var(--ink); }
.chart .hover { fill: transparent; }
.chart .bar:hover .hover { fill: #eef3f9; }
.legend { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 13px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.note { color: var(--muted); font-size: 14px; }
.search { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; margin: 6px 0 14px; }
.search label { font-weight: 600; }
.search input { flex: 1 1 280px; font: inherit; padding: 8px 12px; border: 1px solid #b8c1cc; border-radius: 8px; background: #fff; color: var(--ink); }
.search input:focus { outline: 3px solid #bcd6f2; border-color: var(--accent); }
.search output { color: var(--muted); font-size: 14px; }
a { color: var(--accent); }
.badge { display: inline-block; font-size: 12px; font-weight: 650; padding: 1px 9px; border-radius: 999px; text-transform: uppercase; letter-spacing: .04em; vertical-align: 2px; }
.badge.open { background: var(--open-bg); color: var(--open); }
.badge.resolved { background: var(--ok-bg); color: var(--ok); }
.badge.conf { background: #eef1f5; color: #3d4752; text-transform: none; letter-spacing: 0; font-weight: 600; }
.user { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 18px; overflow: hidden; }
.user > header { padding: 14px 22px 12px; border-bottom: 1px solid var(--line); background: #fafbfc; }
.user .title { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; }
.user .facts { margin: 4px 0 0; color: var(--muted); font-size: 14px; }
.user .body { padding: 4px 22px 18px; }
.cause { border-left: 5px solid #bfc5cc; padding: 2px 0 2px 16px; margin: 14px 0 4px; }
.cause .summary { font-size: 16px; margin: 6px 0 0; }
.cause h4:first-of-type { margin-top: 12px; }
.cause ul, .cause ol { margin: 0; padding-left: 22px; }
.cause li { margin: 3px 0; }
.cause ol li::marker { font-weight: 700; color: var(--accent); }
.console-path { font-weight: 600; color: #17324d; background: #eef3f9; border-radius: 4px; padding: 0 4px; }
.snapshot { font-size: 13px; color: var(--muted); margin: 8px 0 0; }
.more { margin: 12px 0 0; }
.more summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.groups { margin-top: 16px; }
.groups td { overflow-wrap: break-word; }
.groups td:nth-child(1) { min-width: 15em; }
.badge, td time { white-space: nowrap; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
.table-scroll { overflow-x: auto; }
details.resolved-users > summary { cursor: pointer; font-size: 19px; font-weight: 650; }
details.resolved-users[open] > summary { margin-bottom: 14px; }
.resolved-users .user > header { background: #f6faf7; }
footer { color: var(--muted); font-size: 13px; padding: 0 0 32px; }
@media (max-width: 640px) {
  .wrap { padding: 0 12px; }
  .card { padding: 14px; }
  .user > header, .user .body { padding-left: 14px; padding-right: 14px; }
  .cause-name .cause-id { display: none; }
  .kpi .value { font-size: 30px; }
}
@media print {
  html { background: #fff; }
  .page-head { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); }
  .page-head .meta, .eyebrow { color: var(--muted); }
  .search { display: none !important; }
  .card, .user, .kpi { box-shadow: none; break-inside: avoid; }
}
`;

/**
 * Filters users as the reader types: every element with `data-search` (user sections and
 * their overview rows) stays visible when its text contains the query. Without JavaScript
 * the search box stays hidden and every user is shown.
 */
export const SCRIPT = `
(function () {
  var box = document.getElementById('search-box');
  var input = document.getElementById('search');
  var status = document.getElementById('search-count');
  var resolved = document.getElementById('resolved');
  if (!box || !input || !status) return;
  box.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-search]'));
  var users = items.filter(function (el) { return el.classList.contains('user'); });
  var resolvedWasOpen = resolved ? resolved.open : false;
  function apply() {
    var query = input.value.trim().toLowerCase();
    var shown = 0, shownResolved = 0;
    items.forEach(function (el) {
      var hit = query === '' || el.getAttribute('data-search').indexOf(query) !== -1;
      el.hidden = !hit;
      if (hit && el.classList.contains('user')) {
        shown++;
        if (resolved && resolved.contains(el)) shownResolved++;
      }
    });
    if (resolved) resolved.open = query === '' ? resolvedWasOpen : shownResolved > 0;
    status.value = query === '' ? '' : shown + ' of ' + users.length + ' users match';
  }
  input.addEventListener('input', apply);
  apply();
})();
`;
