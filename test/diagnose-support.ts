/** Builds diagnosis scenarios: real snapshot fixture files, constructed groups and events. */
import { groupKey } from '../src/aggregate.js';
import { diagnose } from '../src/diagnose/index.js';
import type { AmEvent, Cause, EventKind, FailureGroup } from '../src/model.js';
import { loadSnapshots } from '../src/snapshots/load.js';
import type { LoadedSnapshot } from '../src/snapshots/types.js';
import { ZonePlacer } from '../src/time.js';

export const zone = new ZonePlacer('Europe/Berlin');

export function snapshotFixture(name: string): Promise<LoadedSnapshot[]> {
  return loadSnapshots(`test/fixtures/snapshots/${name}`);
}

export interface GroupSpec {
  userId: string;
  agent?: string | null;
  token?: string | null;
  userDomain?: string | null;
  /** Local Berlin time of the last failure, e.g. `2026-11-26T10:00:00+01:00`. */
  last: string;
  first?: string;
  failures?: number;
  errors?: [string, number][];
}

export function group(spec: GroupSpec): FailureGroup {
  const agent = spec.agent === undefined ? 'ws-042.corp.example.com' : spec.agent;
  const token = spec.token === undefined ? null : spec.token;
  const lastMs = Date.parse(spec.last);
  const firstMs = Date.parse(spec.first ?? spec.last);
  const errors = (spec.errors ?? [['Failed to send day data.', spec.failures ?? 1]]).map(([message, count]) => ({ message, count }));
  return {
    key: groupKey(spec.userId, agent, token),
    userId: spec.userId,
    userDomain: spec.userDomain ?? null,
    agent,
    agentIp: null,
    token,
    failures: spec.failures ?? errors.reduce((sum, e) => sum + e.count, 0),
    firstMs,
    lastMs,
    firstFailure: zone.iso(firstMs),
    lastFailure: zone.iso(lastMs),
    resolvedAtMs: null,
    status: 'open',
    errors,
  };
}

export function event(kind: EventKind, time: string, fields: Partial<AmEvent> = {}): AmEvent {
  const epochMs = Date.parse(time);
  return {
    kind,
    time: zone.iso(epochMs),
    epochMs,
    serverNode: 'am-primary',
    userId: null,
    userDomain: null,
    agentName: null,
    agentIp: null,
    clientIp: null,
    tokenSerial: null,
    errorMessage: null,
    actionKey: null,
    actionId: null,
    result: null,
    reason: null,
    targets: [],
    source: { file: 'test.log', line: 1 },
    ...fields,
  };
}

export function policyUpdate(time: string, policy: string): AmEvent {
  return event('offline-policy-change', time, {
    userId: 'amadmin',
    actionKey: 'AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE',
    actionId: '20051',
    targets: [policy],
  });
}

export interface Scenario {
  snapshots: LoadedSnapshot[];
  events?: AmEvent[];
  /** Other groups in the analysed data (for agent-side). */
  others?: FailureGroup[];
}

/** The causes of one group in a scenario. */
export function causesOf(target: FailureGroup, scenario: Scenario): Cause[] {
  const groups = [target, ...(scenario.others ?? [])];
  const causes = diagnose({ groups, events: scenario.events ?? [], snapshots: scenario.snapshots, zone });
  return causes.get(target.key)!;
}

/** `id (confidence)` per cause, in order: the list a user sees. */
export const summary = (causes: Cause[]) => causes.map((c) => `${c.id} (${c.confidence})`);
