/** From records as read to events on the real time line. */
import type { AmEvent, AmRecord, EventKind } from './model.js';
import type { ZonePlacer } from './time.js';

/**
 * Event fields repeat (nodes, agents, users, keys, results): the aggregator keeps events,
 * and a field sliced from its line would keep the whole line alive. Interned, the lines
 * die young and the garbage collector copies far less.
 */
const interned = new Map<string, string>();
const MAX_INTERNED = 100_000;

function intern(value: string | null): string | null {
  if (value === null) return null;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  // A copy that owns its characters: `known` values outlive the line they came from.
  const own = flat(value);
  interned.set(own, own);
  return own;
}

/** A string with its own storage (not a slice of a longer one). */
function flat(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

export function toEvent(record: AmRecord & { kind: EventKind }, placer: ZonePlacer): AmEvent {
  const epochMs = placer.epochMs(record.localTime);
  // Built field by field in the record's order (a spread costs more than the parse).
  return {
    time: placer.iso(epochMs),
    epochMs,
    kind: record.kind,
    serverNode: intern(record.serverNode),
    userId: intern(record.userId),
    userDomain: intern(record.userDomain),
    agentName: intern(record.agentName),
    agentIp: intern(record.agentIp),
    clientIp: intern(record.clientIp),
    tokenSerial: intern(record.tokenSerial),
    errorMessage: intern(record.errorMessage),
    actionKey: intern(record.actionKey),
    actionId: intern(record.actionId),
    result: intern(record.result),
    reason: intern(record.reason),
    targets: record.targets,
    source: record.source,
  };
}
