/**
 * The two charts, drawn as inline SVG (no script, no external file): failures per day or hour
 * stacked by cause, and the agents with the most failures. Each bar carries a `<title>` (the
 * browser's tooltip) and data attributes that tests and scripts can read.
 */
import type { Report } from '../report.js';
import { causeColour, causeTitle, compareCauses } from './html-causes.js';
import { html, plural, type Markup } from './html-text.js';
import type { Bucket, BucketUnit } from './html-timeline.js';
import { compareText } from '../text-order.js';

const WIDTH = 960;

/** Round tick steps (1, 2, 5 times a power of ten) with four or five ticks up to the top. */
function ticks(max: number): number[] {
  const raw = Math.max(max, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(Math.max(max, 1) / step) * step;
  const list: number[] = [];
  for (let v = 0; v <= top; v += step) list.push(v);
  return list;
}

const round = (n: number) => Math.round(n * 10) / 10;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-27` as `Fri 27 Nov`; the label is a wall-clock date, so read it as UTC. */
function dayName(day: string): { weekday: string; date: string } {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return { weekday: '', date: day.slice(0, 10) };
  return { weekday: WEEKDAYS[d.getUTCDay()], date: `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` };
}

function bucketName(bucket: Bucket, unit: BucketUnit): string {
  const { weekday, date } = dayName(bucket.key);
  return unit === 'day' ? `${weekday} ${date}` : `${weekday} ${date}, ${bucket.key.slice(11, 13)}:00`;
}

/** Failures per bucket, stacked by cause, with axes, gridlines and the total above each bar. */
export function timelineChart(buckets: Bucket[], unit: BucketUnit): Markup {
  const height = 300;
  const left = 52;
  const right = 12;
  const top = 24;
  const bottom = 52;
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const yTicks = ticks(Math.max(0, ...buckets.map((b) => b.total)));
  const yMax = yTicks[yTicks.length - 1];
  const y = (v: number) => round(top + plotH - (v / yMax) * plotH);
  const slot = plotW / buckets.length;
  const barW = round(Math.max(1, Math.min(slot * 0.7, 64)));
  const labelEvery = Math.ceil(buckets.length / (unit === 'day' ? 16 : 12));

  const grid = yTicks.map(
    (v) => html`<g class="tick"><line x1="${left}" x2="${WIDTH - right}" y1="${y(v)}" y2="${y(v)}"/><text x="${left - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text></g>`,
  );
  const bars = buckets.map((bucket, i) => {
    const x = round(left + i * slot + (slot - barW) / 2);
    const mid = round(left + i * slot + slot / 2);
    let base = 0;
    const rects = bucket.causes.map((c) => {
      const rect = html`<rect x="${x}" y="${y(base + c.failures)}" width="${barW}" height="${round(y(base) - y(base + c.failures))}" fill="${causeColour(c.cause)}" data-cause="${c.cause}" data-failures="${c.failures}"/>`;
      base += c.failures;
      return rect;
    });
    const tip = [`${bucketName(bucket, unit)}: ${plural(bucket.total, 'failure')}`, ...bucket.causes.map((c) => `${causeTitle(c.cause)}: ${c.failures}`)].join('\n');
    const { weekday, date } = dayName(bucket.key);
    const labelled = i % labelEvery === 0;
    const label =
      unit === 'day'
        ? html`<text class="x-label" x="${mid}" y="${top + plotH + 18}" text-anchor="middle">${weekday}</text><text class="x-label" x="${mid}" y="${top + plotH + 34}" text-anchor="middle">${date}</text>`
        : html`<text class="x-label" x="${mid}" y="${top + plotH + 18}" text-anchor="middle">${bucket.key.slice(11, 13)}:00</text>${
            i === 0 || bucket.key.endsWith('T00') ? html`<text class="x-label" x="${mid}" y="${top + plotH + 34}" text-anchor="middle">${`${weekday} ${date}`}</text>` : null
          }`;
    const total = bucket.total > 0 && slot >= 18 ? html`<text class="bar-total" x="${mid}" y="${y(bucket.total) - 6}" text-anchor="middle">${bucket.total}</text>` : null;
    const dataKey = unit === 'day' ? html`data-day="${bucket.key}"` : html`data-hour="${bucket.key}"`;
    return html`<g class="bar" ${dataKey} data-failures="${bucket.total}"><title>${tip}</title><rect class="hover" x="${round(left + i * slot)}" y="${top}" width="${round(slot)}" height="${plotH}"/>${rects}${total}${labelled ? label : null}</g>`;
  });
  const axisTitle = unit === 'day' ? 'failures per day' : 'failures per hour';
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${`Offline download ${axisTitle}, stacked by cause`}" data-unit="${unit}">
<g class="grid">${grid}</g>
<line class="axis" x1="${left}" x2="${WIDTH - right}" y1="${y(0)}" y2="${y(0)}"/>
<line class="axis" x1="${left}" x2="${left}" y1="${top - 6}" y2="${y(0)}"/>
<text class="axis-title" x="${left - 40}" y="${top - 10}">${axisTitle}</text>
${bars}
</svg>`;
}

/** Causes in the chart, in precedence order, as a key under it. */
export function legend(causes: string[]): Markup {
  const items = [...new Set(causes)].sort(compareCauses).map((cause) => html`<li data-cause="${cause}">${swatch(cause)}${causeTitle(cause)}</li>`);
  return html`<ul class="legend">${items}</ul>`;
}

export function swatch(cause: string): Markup {
  return html`<svg class="swatch" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${causeColour(cause)}"/></svg>`;
}

export interface AgentBar {
  agent: string | null;
  failures: number;
  users: number;
  open: boolean;
  causes: { cause: string; failures: number }[];
}

/** Agents by failures over every group, each split by its groups' primary causes. */
export function agentBars(report: Report): AgentBar[] {
  const byAgent = new Map<string, { agent: string | null; users: Set<string>; open: boolean; causes: Map<string, number> }>();
  for (const user of report.users) {
    for (const group of user.groups) {
      const key = group.agent?.toLowerCase() ?? '\u0000';
      const entry = byAgent.get(key) ?? { agent: group.agent, users: new Set<string>(), open: false, causes: new Map<string, number>() };
      const cause = group.causes[0]?.id ?? user.causes[0]?.id ?? 'unexplained';
      entry.users.add(user.userId.toLowerCase());
      entry.open ||= group.status === 'open';
      entry.causes.set(cause, (entry.causes.get(cause) ?? 0) + group.failures);
      byAgent.set(key, entry);
    }
  }
  return [...byAgent.values()]
    .map((e) => {
      const causes = [...e.causes].map(([cause, failures]) => ({ cause, failures })).sort((a, b) => compareCauses(a.cause, b.cause));
      return { agent: e.agent, users: e.users.size, open: e.open, causes, failures: causes.reduce((s, c) => s + c.failures, 0) };
    })
    .sort((a, b) => b.failures - a.failures || compareText(a.agent ?? '', b.agent ?? ''));
}

const NO_AGENT = '(agent not recorded)';
const LABEL_CHARS = 34;

/** Horizontal bars for the agents given, longest first, names cut to fit with the whole name in the tooltip. */
export function agentChart(agents: AgentBar[]): Markup {
  const rowH = 30;
  const left = 270;
  const right = 110;
  const top = 8;
  const height = top + agents.length * rowH + 28;
  const plotW = WIDTH - left - right;
  const xTicks = ticks(Math.max(0, ...agents.map((a) => a.failures)));
  const xMax = xTicks[xTicks.length - 1];
  const x = (v: number) => round(left + (v / xMax) * plotW);
  const plotBottom = top + agents.length * rowH;
  const grid = xTicks.map(
    (v) => html`<g class="tick"><line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${plotBottom}"/><text x="${x(v)}" y="${plotBottom + 18}" text-anchor="middle">${v}</text></g>`,
  );
  const rows = agents.map((agent, i) => {
    const name = agent.agent ?? NO_AGENT;
    const shown = name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name;
    const barY = top + i * rowH + 6;
    let base = 0;
    const rects = agent.causes.map((c) => {
      const rect = html`<rect x="${x(base)}" y="${barY}" width="${round(x(base + c.failures) - x(base))}" height="${rowH - 12}" fill="${causeColour(c.cause)}" data-cause="${c.cause}"/>`;
      base += c.failures;
      return rect;
    });
    const tip = [`${name}: ${plural(agent.failures, 'failure')}, ${plural(agent.users, 'user')}${agent.open ? '' : ', all resolved'}`, ...agent.causes.map((c) => `${causeTitle(c.cause)}: ${c.failures}`)].join('\n');
    return html`<g class="agent-bar" data-agent="${name}" data-failures="${agent.failures}"><title>${tip}</title><text class="agent-name" x="${left - 10}" y="${barY + rowH / 2 - 2}" text-anchor="end">${shown}</text>${rects}<text class="bar-value" x="${x(agent.failures) + 8}" y="${barY + rowH / 2 - 2}">${`${agent.failures} · ${plural(agent.users, 'user')}`}</text></g>`;
  });
  return html`<svg class="chart agents" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Agents with the most offline download failures">
<g class="grid">${grid}</g>
<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${plotBottom}"/>
${rows}
</svg>`;
}
