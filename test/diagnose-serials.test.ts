import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedSnapshot } from '../src/snapshots/types.js';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';
let strict: LoadedSnapshot[];
const twoTokens = (token: string | null) => causesOf(group({ userId: 'twotokens', token, last }), { snapshots: strict });

beforeAll(async () => {
  strict = await snapshotFixture('default-strict.json');
});

describe('the token named by the logged serial', () => {
  it('a masked serial matches by its visible digits, at full confidence', () => {
    const causes = twoTokens('xxxxxxxx2776');
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (high)']);
    expect(causes[0].evidence[1]).toBe(
      "'Strict Default': minimum online passcode length 10 > 8 digits typed with software-tokencode token 000100002776; 'PINPad or Software Token' and 'PIN-less Token' are not allowed",
    );
  });

  it('the full serial of the 10-digit fob: nothing blocks it', () => {
    expect(summary(twoTokens('000100000005'))).toEqual(['unexplained (low)']);
  });

  it('a fully masked serial uses all of the user\'s tokens ("some token") and lowers confidence', () => {
    const causes = twoTokens('xxxxxxxxxxxx');
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (medium)']);
    expect(causes[0].evidence).toContain(
      'the token is not known for certain: the logged serial xxxxxxxxxxxx is fully masked; judged for hardware-fob token 000100000005, software-tokencode token 000100002776',
    );
  });

  it('an absent serial, or one that is not the user\'s, does the same', () => {
    expect(twoTokens(null)[0].evidence).toContain(
      'the token is not known for certain: the failures name no token serial; judged for hardware-fob token 000100000005, software-tokencode token 000100002776',
    );
    const unknown = twoTokens('000999999999');
    expect(summary(unknown)).toEqual(['passcode-shorter-than-minimum (medium)']);
    expect(unknown[0].evidence).toContain(
      "the token is not known for certain: serial 000999999999 is not among twotokens's tokens in snapshot 2026-11-20; judged for hardware-fob token 000100000005, software-tokencode token 000100002776",
    );
  });

  it('a fully masked serial lowers a low cause no further (agent-side stays low)', async () => {
    const others = ['hbauer', 'tnguyen'].map((userId) => group({ userId, agent: 'ts-01.corp.example.com', last }));
    const lmulti = group({ userId: 'lmulti', agent: 'ts-01.corp.example.com', token: 'xxxxxxxxxxxx', last });
    expect(summary(causesOf(lmulti, { snapshots: await snapshotFixture('pinned.json'), others }))).toEqual(['agent-side (low)']);
  });
});
