/**
 * Folds events into failure groups as CAUSES.md defines them, keeping only what the
 * report and the diagnosis need, so memory grows with users, agents and the hours they fail
 * in, not with input.
 * The state is plain data: the nightly job saves it and continues from it.
 */
import type { AmEvent, ErrorCount, FailureGroup, Status } from './model.js';
import { MAX_DEFERRED_BYTES, TextCells, UserProblems } from './online-problems.js';
import type { DeferredProblem } from './parse/types.js';
import type { ZonePlacer } from './time.js';
import { compareText } from './text-order.js';

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

/** Room for the texts of the latest problems of about a thousand users (32 of up to 1 KiB each). */
const TEXT_BUDGET = 30 * 1024 * 1024;

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
  /** Texts of deferred records (see addDeferred). */
  private readonly cells = new TextCells();

  /** `textBudget`: bytes held for deferred records' texts (see addDeferred). */
  constructor(
    private readonly placer: ZonePlacer,
    private readonly textBudget = TEXT_BUDGET,
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
   * or returns false to have it built now.
   *
   * Once a user's slots are full, each new problem pushes an older one out, and most never
   * reach the diagnosis: those are deferred, their texts in cells that the problems they
   * push out free again. Before that, a user's problems are all built in the end if the
   * user has a failure, and never if not (most users of a big log): new cells are cut for
   * their texts only while all cells take a third of the budget at most, and once no cell
   * is left for one, it is built at once. (Building such records later to make room again
   * cost a third more, in a log where many users fail a few times each, than building them
   * once.)
   */
  addDeferred(problem: DeferredProblem, epochMs: number): boolean {
    if (problem.end - problem.start > MAX_DEFERRED_BYTES) return false;
    const problems = this.problemsOf(problem.userId);
    return problems.defer(problem, epochMs, problems.full ? this.textBudget : Math.floor(this.textBudget / 3));
  }

  private addOnlineProblem(event: AmEvent): void {
    this.problemsOf(event.userId).add(event);
  }

  private problemsOf(userId: string | null): UserProblems {
    const user = lower(userId);
    let problems = this.onlineProblems.get(user);
    if (!problems) this.onlineProblems.set(user, (problems = new UserProblems(this.cells)));
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
        .sort((a, b) => b.count - a.count || compareText(a.message, b.message));
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
