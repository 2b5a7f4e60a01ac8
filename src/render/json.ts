import type { AmEvent } from '../model.js';
import type { Report } from '../report.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One normalised event a line, for pipelines (`--format ndjson`). */
export function renderNdjsonEvent(event: AmEvent): string {
  return `${JSON.stringify(event)}\n`;
}
