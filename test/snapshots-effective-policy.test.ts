import { beforeAll, describe, expect, it } from 'vitest';
import { domainPolicy, findAgent, findDomain, findUser, matchToken, snapshotAt } from '../src/snapshots/effective-policy.js';
import { loadSnapshots } from '../src/snapshots/load.js';
import type { LoadedSnapshot, Snapshot } from '../src/snapshots/types.js';

let history: LoadedSnapshot[];
let pinned: Snapshot;

beforeAll(async () => {
  history = await loadSnapshots('test/fixtures/snapshots/history');
  [{ snapshot: pinned }] = await loadSnapshots('test/fixtures/snapshots/pinned.json');
});

describe('snapshotAt', () => {
  it('picks the latest at or before the moment, else the earliest flagged, else none', () => {
    const at = (iso: string) => {
      const found = snapshotAt(history, Date.parse(iso));
      return found && `${found.loaded.capturedAt}${found.beforeAll ? ' (before all)' : ''}`;
    };
    expect(at('2026-11-20T07:00:00Z')).toBe('2026-11-20T08:00:00+01:00');
    expect(at('2026-11-20T06:59:59.999Z')).toBe('2026-11-13T08:00:00+01:00');
    expect(at('2026-11-01T00:00:00Z')).toBe('2026-11-13T08:00:00+01:00 (before all)');
    expect(snapshotAt([], Date.now())).toBeNull();
  });
});

describe("RSA's assignment rules", () => {
  it('ALWAYS_USE_DEFAULT follows the default; a name pins; a sub-domain never inherits', () => {
    const policyOf = (domain: string) => domainPolicy(pinned, findDomain(pinned, domain)!).name;
    expect(policyOf('SystemDomain')).toBe('Initial Offline Authentication Policy');
    expect(policyOf('Field Sales')).toBe('Legacy Laptops');
    expect(policyOf('Field Sales Munich')).toBe('Initial Offline Authentication Policy');
    expect(findDomain(pinned, 'field sales munich')!.name).toBe('Field Sales Munich');
  });

  it('finds users case-insensitively and agents by full or host name', () => {
    expect(findUser(pinned, 'JDOE')!.userId).toBe('jdoe');
    expect(findAgent(pinned, 'WS-042.corp.example.com')!.name).toBe('ws-042.corp.example.com');
    expect(findAgent(pinned, 'ws-042')!.name).toBe('ws-042.corp.example.com');
    expect(findAgent(pinned, 'ws-042.other.example.com')!.name).toBe('ws-042.corp.example.com');
    expect(findAgent(pinned, 'ws-043')).toBeNull();
  });

  it('matches serials: full, masked by visible digits, fully masked, unknown', () => {
    const lmulti = findUser(pinned, 'lmulti');
    const kind = (serial: string | null) => {
      const match = matchToken(lmulti, serial, '2026-11-20');
      return `${match.kind}: ${match.tokens.map((t) => t.serial).join(', ')}`;
    };
    expect(kind('000111110001')).toBe('matched: 000111110001');
    expect(kind('xxxxxxxx2776')).toBe('matched: 000111112776');
    expect(kind('xxxxxxxxxxxx')).toBe('ambiguous: 000111110001, 000111112776');
    expect(kind('0001111*****')).toBe('ambiguous: 000111110001, 000111112776');
    expect(kind('000999999999')).toBe('ambiguous: 000111110001, 000111112776');
    expect(kind(null)).toBe('ambiguous: 000111110001, 000111112776');
    expect(matchToken(findUser(pinned, 'ntokens'), '1', '2026-11-20').kind).toBe('unknown');
    expect(matchToken(null, '1', '2026-11-20')).toEqual({ kind: 'unknown', tokens: [], why: 'the user is not in snapshot 2026-11-20' });
  });
});
