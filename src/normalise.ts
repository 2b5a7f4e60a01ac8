/** From records as read to events on the real time line. */
import type { AmEvent, AmRecord, EventKind } from './model.js';
import type { ZonePlacer } from './time.js';

export function toEvent(record: AmRecord & { kind: EventKind }, placer: ZonePlacer): AmEvent {
  const { localTime, ...rest } = record;
  const epochMs = placer.epochMs(localTime);
  return { time: placer.iso(epochMs), epochMs, ...rest };
}
