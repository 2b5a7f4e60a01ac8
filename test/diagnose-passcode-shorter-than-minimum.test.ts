import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

const last = '2026-11-26T10:00:00+01:00';

describe('rule 4: passcode-shorter-than-minimum', () => {
  it('fires for a software PINPad token of 8 digits under a minimum of 10 without the PINPad override', async () => {
    const causes = causesOf(group({ userId: 'pinpad', token: '000100000001', last }), { snapshots: await snapshotFixture('default-strict.json') });
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (high)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "pinpad's software-pinpad token 000100000001 types 8 digits, fewer than the minimum online passcode length of 10 in policy 'Strict Default', and no override allows it.",
    );
    expect(cause.evidence[1]).toBe(
      "'Strict Default': minimum online passcode length 10 > 8 digits typed with software-pinpad token 000100000001; 'PINPad or Software Token' is not allowed",
    );
    expect(cause.remediation[0]).toBe(
      "Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Strict Default' (the default policy, followed by security domain 'SystemDomain'): set Minimum Online Passcode Length to 8, or under Allow Offline Authentication Using select PINPad or Software Token; then save.",
    );
  });

  it('does not fire for a hardware fob with a PIN: 4 + 6 = 10 digits meet a minimum of 10', async () => {
    const causes = causesOf(group({ userId: 'fob', token: '000100000002', last }), { snapshots: await snapshotFixture('default-strict.json') });
    expect(summary(causes)).toEqual(['unexplained (low)']);
  });

  it('judges a PIN-less token by its tokencode and names the PIN-less override', async () => {
    const causes = causesOf(group({ userId: 'pinless', token: '000100000003', last }), { snapshots: await snapshotFixture('default-strict.json') });
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (high)']);
    expect(causes[0].evidence[1]).toBe(
      "'Strict Default': minimum online passcode length 10 > 6 digits typed with hardware-fob token 000100000003; 'PIN-less Token' is not allowed",
    );
    expect(causes[0].remediation[0]).toContain('set Minimum Online Passcode Length to 6, or under Allow Offline Authentication Using select PIN-less Token;');
  });

  it('judges a fixed passcode by its length and names the fixed-passcode override', async () => {
    const causes = causesOf(group({ userId: 'fixed', token: '000100000004', last }), { snapshots: await snapshotFixture('default-strict.json') });
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (high)']);
    expect(causes[0].evidence[1]).toBe(
      "'Strict Default': minimum online passcode length 10 > 6 digits typed with fixed-passcode token 000100000004; 'fixed passcodes' is not allowed",
    );
  });

  it('with no tokens listed for the user: fires at medium on the 8-digit ceiling of PINPad-style tokens', async () => {
    const causes = causesOf(group({ userId: 'notokens', token: '000100000009', last }), { snapshots: await snapshotFixture('default-strict.json') });
    expect(summary(causes)).toEqual(['passcode-shorter-than-minimum (medium)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "Policy 'Strict Default' requires 10 digits online, more than PINPad-style, tokencode-only and PIN-less tokens type, and does not allow them by override.",
    );
    expect(cause.evidence).toContain(
      "'Strict Default': minimum online passcode length 10 > 8 digits, the most a PINPad-style, tokencode-only or PIN-less token types; 'PINPad or Software Token' and 'PIN-less Token' are not allowed",
    );
    expect(cause.evidence).toContain(
      'the token is not known for certain: snapshot 2026-11-20 lists no tokens for notokens; judged for any token',
    );
  });

  it('names the hardware fob that no override can help, through the agent-domain rule', async () => {
    const causes = causesOf(
      group({ userId: 'hbauer', agent: 'kiosk-01.corp.example.com', token: '000678901234', last }),
      { snapshots: await snapshotFixture('pinned.json') },
    );
    expect(causes[0].evidence[1]).toBe(
      "'Kiosk Strict' (security domain 'Kiosks'): minimum online passcode length 12 > 10 digits typed with hardware-fob token 000678901234 (4-digit PIN + 6-digit tokencode); a hardware-fob with a PIN has no override",
    );
    expect(causes[0].remediation[1]).toContain('set Minimum Online Passcode Length to 8; then save.');
  });
});
