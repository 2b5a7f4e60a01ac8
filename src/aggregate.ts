/**
 * Folds events into failure groups as CAUSES.md defines them, keeping only what the
 * report and the diagnosis need, so memory grows with users, agents and the hours they fail
 * in, not with input.
 * The state is plain data: the nightly job saves it and continues from it.
 */
import type { AmEvent, ErrorCount, FailureGroup, Status } from './model.js';
import { UserProblems } from './online-problems.js';
import type { DeferredProblem } from './parse/types.js';
import type { ZonePlacer } from './time.js';

interface GroupState {
  key: string;
  userId: string;
  userDomain: string | null;
  agent: string | null;
  agentIp: string | null;
  token: string | null;
  failures: number;
  firstMs: number;
  lastMs: number;
  errors: Record<string, number>;
  /** Failures per hour of the AM zone, keyed by the hour's start (`ZonePlacer.hour`). */
  hours: Record<string, number>;
}

/** The failures of one group in one hour of the AM zone. */
export interface HourlyFailures {
  groupKey: string;
  /** Start of the hour in the AM zone, e.g. `2026-11-27T08:00:00+01:00`. */
  hour: string;
  failures: number;
}

export interface AggregatorState {
  version: 1;
  groups: GroupState[];
  /** Latest successful download per success key (see `successKeys`). */
  successes: Record<string, number>;
  /** Per user (lower-cased): the latest online-authentication problems, newest last. */
  onlineProblems: Record<string, AmEvent[]>;
  policyChanges: AmEvent[];
}

const lower = (value: string | null) => (value ?? '').toLowerCase();

/** Enough for the latest problems of a few hundred users with many (about 32 KiB each). */
const DEFERRED_BUDGET = 16 * 1024 * 1024;

/** A fully masked serial (xxxxxxxxxxxx) identifies no token. */
export function tokenKey(serial: string | null): string {
  return serial === null || /^x*$/i.test(serial) ? '' : serial.toLowerCase();
}

export function groupKey(userId: string, agent: string | null, serial: string | null): string {
  return `${userId.toLowerCase()}\u0000${lower(agent)}\u0000${tokenKey(serial)}`;
}

export class Aggregator {
  private readonly groupStates = new Map<string, GroupState>();
  private readonly successes = new Map<string, number>();
  private readonly onlineProblems = new Map<string, UserProblems>();
  private readonly policyChanges: AmEvent[] = [];
  /** The users' problems that hold deferred records, and the bytes they hold for their texts. */
  private readonly deferring = new Set<UserProblems>();
  private deferredBytes = 0;

  /**
   * `deferredBudget`: bytes of deferred records' texts held at most; past it, they are
   * built (a log of many users each failing a few times would otherwise hold a buffer each).
   */
  constructor(
    private readonly placer: ZonePlacer,
    private readonly deferredBudget = DEFERRED_BUDGET,
  ) {}

  static fromState(state: AggregatorState, placer: ZonePlacer): Aggregator {
    const aggregator = new Aggregator(placer);
    for (const group of state.groups) aggregator.groupStates.set(group.key, { ...group, errors: messageCounts(group.errors), hours: { ...group.hours } });
    for (const [key, ms] of Object.entries(state.successes)) aggregator.successes.set(key, ms);
    for (const events of Object.values(state.onlineProblems)) for (const event of events) aggregator.addOnlineProblem(event);
    aggregator.policyChanges.push(...state.policyChanges);
    return aggregator;
  }

  toState(): AggregatorState {
    return {
      version: 1,
      groups: [...this.groupStates.values()],
      successes: Object.fromEntries(this.successes),
      onlineProblems: Object.fromEntries([...this.onlineProblems].map(([user, problems]) => [user, problems.events(this.placer)])),
      policyChanges: [...this.policyChanges],
    };
  }

  add(event: AmEvent): void {
    switch (event.kind) {
      case 'offline-download-failed':
        return this.addFailure(event);
      case 'offline-download-succeeded':
        return this.addSuccess(event);
      case 'offline-policy-change':
        this.policyChanges.push(event);
        return;
      default:
        return this.addOnlineProblem(event);
    }
  }

  private addFailure(event: AmEvent): void {
    const userId = event.userId ?? '';
    const key = groupKey(userId, event.agentName, event.tokenSerial);
    const message = event.errorMessage ?? 'no error message';
    const hour = this.placer.hour(event.epochMs);
    const group = this.groupStates.get(key);
    if (!group) {
      this.groupStates.set(key, {
        key,
        userId,
        userDomain: event.userDomain,
        agent: event.agentName,
        agentIp: event.agentIp,
        token: event.tokenSerial,
        failures: 1,
        firstMs: event.epochMs,
        lastMs: event.epochMs,
        errors: messageCounts({ [message]: 1 }),
        hours: { [hour]: 1 },
      });
      return;
    }
    group.failures++;
    group.firstMs = Math.min(group.firstMs, event.epochMs);
    group.lastMs = Math.max(group.lastMs, event.epochMs);
    group.userDomain ??= event.userDomain;
    group.agentIp ??= event.agentIp;
    group.errors[message] = (group.errors[message] ?? 0) + 1;
    group.hours[hour] = (group.hours[hour] ?? 0) + 1;
  }

  private addSuccess(event: AmEvent): void {
    for (const key of successKeys(event.userId ?? '', event.agentName, event.tokenSerial)) {
      this.successes.set(key, Math.max(this.successes.get(key) ?? -Infinity, event.epochMs));
    }
  }

  /**
   * Takes an online problem whose record is built only if the diagnosis may still read it,
   * or returns false to have it built now (see UserProblems.addDeferred).
   */
  addDeferred(problem: DeferredProblem, epochMs: number): boolean {
    const problems = this.problemsOf(problem.userId);
    const held = problems.textBufferBytes;
    if (!problems.addDeferred(problem, epochMs)) return false;
    this.deferredBytes += problems.textBufferBytes - held;
    this.deferring.add(problems);
    if (this.deferredBytes > this.deferredBudget) {
      for (const user of this.deferring) user.buildDeferred(this.placer);
      this.deferring.clear();
      this.deferredBytes = 0;
    }
    return true;
  }

  private addOnlineProblem(event: AmEvent): void {
    this.problemsOf(event.userId).add(event);
  }

  private problemsOf(userId: string | null): UserProblems {
    const user = lower(userId);
    let problems = this.onlineProblems.get(user);
    if (!problems) this.onlineProblems.set(user, (problems = new UserProblems()));
    return problems;
  }

  /**
   * A group is resolved when a successful download for the same user and agent (and
   * the same token where both serials are known) comes after its last failure.
   */
  groups(): FailureGroup[] {
    return [...this.groupStates.values()].map((state) => {
      const resolvedAtMs = this.successAfter(state);
      const status: Status = resolvedAtMs === null ? 'open' : 'resolved';
      const errors: ErrorCount[] = Object.entries(state.errors)
        .map(([message, count]) => ({ message, count }))
        .sort((a, b) => b.count - a.count || a.message.localeCompare(b.message));
      return {
        key: state.key,
        userId: state.userId,
        userDomain: state.userDomain,
        agent: state.agent,
        agentIp: state.agentIp,
        token: state.token,
        failures: state.failures,
        firstMs: state.firstMs,
        lastMs: state.lastMs,
        firstFailure: this.placer.iso(state.firstMs),
        lastFailure: this.placer.iso(state.lastMs),
        resolvedAtMs,
        status,
        errors,
      };
    });
  }

  /** Failures per group and hour of the AM zone, for the report's timeline. */
  hourlyFailures(): HourlyFailures[] {
    return [...this.groupStates.values()].flatMap((state) =>
      Object.entries(state.hours).map(([hour, failures]) => ({ groupKey: state.key, hour, failures })),
    );
  }

  /**
   * The events the diagnosis reads besides the failures: policy changes, and the online
   * problems of users with failures (it reads no one else's, and most are built only now).
   */
  contextEvents(): AmEvent[] {
    const failing = new Set([...this.groupStates.values()].map((group) => group.userId.toLowerCase()));
    const problems = [...failing].flatMap((user) => this.onlineProblems.get(user)?.events(this.placer) ?? []);
    return [...this.policyChanges, ...problems].sort((a, b) => a.epochMs - b.epochMs);
  }

  /** Every failure and success time seen, for the report's window. */
  span(): { fromMs: number; toMs: number } | null {
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const group of this.groupStates.values()) {
      fromMs = Math.min(fromMs, group.firstMs);
      toMs = Math.max(toMs, group.lastMs);
    }
    for (const ms of this.successes.values()) {
      fromMs = Math.min(fromMs, ms);
      toMs = Math.max(toMs, ms);
    }
    return fromMs === Infinity ? null : { fromMs, toMs };
  }

  private successAfter(state: GroupState): number | null {
    const user = state.userId.toLowerCase();
    const agent = lower(state.agent);
    const token = tokenKey(state.token);
    const candidates = token
      ? [this.successes.get(`${user}\u0000${agent}\u0000${token}`), this.successes.get(`${user}\u0000${agent}\u0000`)]
      : [this.successes.get(`${user}\u0000${agent}\u0001any`)];
    const latest = Math.max(...candidates.map((ms) => ms ?? -Infinity));
    return latest > state.lastMs ? latest : null;
  }
}

/**
 * Counts by error message, with no prototype: a message is log text, and `__proto__` as a
 * key of a plain object would change the object instead of counting.
 */
function messageCounts(counts: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, counts);
}

/** A success counts for its own token, and for any group of the same user and agent. */
function successKeys(userId: string, agent: string | null, serial: string | null): string[] {
  const base = `${userId.toLowerCase()}\u0000${lower(agent)}`;
  return [`${base}\u0000${tokenKey(serial)}`, `${base}\u0001any`];
}
