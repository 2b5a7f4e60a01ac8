import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

describe('rule 2: user-domain-policy-differs', () => {
  it("names the domain, the pinned policy, the defect and the default that would work (jdoe's PINPad token)", async () => {
    const jdoe = group({ userId: 'jdoe', token: '000123456789', last: '2026-11-26T10:00:00+01:00' });
    const causes = causesOf(jdoe, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['user-domain-policy-differs (high)', 'passcode-shorter-than-minimum (high)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "Security domain 'Field Sales' pins policy 'Legacy Laptops', which blocks jdoe's software-pinpad token; the default policy 'Initial Offline Authentication Policy' would not.",
    );
    expect(cause.evidence).toEqual([
      "jdoe is in security domain 'Field Sales' (as snapshot 2026-11-20 lists), which pins offline policy 'Legacy Laptops' in snapshot 2026-11-20",
      "'Legacy Laptops': minimum online passcode length 10 > 8 digits typed with software-pinpad token 000123456789; 'PINPad or Software Token' is not allowed",
      "the default policy 'Initial Offline Authentication Policy' would allow it: offline authentication enabled, minimum online passcode length 8, both emergency code types selected",
      "'Field Sales' is a sub-domain of 'SystemDomain', and a sub-domain never inherits its parent's policy: editing the default policy or the policy of 'SystemDomain' does not reach jdoe",
    ]);
    expect(cause.remediation).toEqual([
      "Administration > Security Domains > Manage Existing: edit 'Field Sales' and set its offline authentication policy to the default ('Initial Offline Authentication Policy'), if nothing else in 'Field Sales' needs 'Legacy Laptops';",
      "or Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Legacy Laptops' (assigned to security domain 'Field Sales'): set Minimum Online Passcode Length to 8, or under Allow Offline Authentication Using select PINPad or Software Token; then save.",
      'Ask jdoe to authenticate online once from ws-042.corp.example.com so that offline days download again.',
    ]);
    expect(cause.snapshot).toBe('2026-11-20T08:00:00+01:00');
  });

  it('stands before offline-disabled when the pinned policy is disabled', async () => {
    const asmith = group({ userId: 'asmith', token: '000234567890', last: '2026-11-26T10:00:00+01:00' });
    const causes = causesOf(asmith, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['user-domain-policy-differs (high)', 'offline-disabled (high)']);
    expect(causes[0].summary).toBe(
      "Security domain 'Contractors' pins policy 'Contractors Offline', which has offline authentication disabled; the default policy 'Initial Offline Authentication Policy' would not.",
    );
    expect(causes[0].remediation[1]).toBe(
      "or Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Contractors Offline' (assigned to security domain 'Contractors'): select Enable Offline Authentication; then save.",
    );
  });

  it('stands before emergency-code-types-missing when the pinned policy lacks a code type', async () => {
    const bkoch = group({ userId: 'bkoch', token: '000345678901', last: '2026-11-26T10:00:00+01:00' });
    const causes = causesOf(bkoch, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['user-domain-policy-differs (high)', 'emergency-code-types-missing (medium)']);
    expect(causes[0].evidence[1]).toBe("'Branch Offline': the Offline Emergency Codes code type 'Offline Emergency Passcodes' is not selected");
  });

  it('does not fire when the pinned policy allows the token (a 10-digit fob under a minimum of 10)', async () => {
    const ffischer = group({ userId: 'ffischer', token: '000323456789', last: '2026-11-26T10:00:00+01:00' });
    expect(summary(causesOf(ffischer, { snapshots: await snapshotFixture('pinned.json') }))).toEqual(['unexplained (low)']);
  });

  it('does not fire when the default is defective too (here the default is the policy)', async () => {
    const bkoch = group({ userId: 'bkoch', token: '000345678901', last: '2026-11-26T10:00:00+01:00' });
    const causes = causesOf(bkoch, { snapshots: await snapshotFixture('default-no-emergency.json') });
    expect(summary(causes)).toEqual(['emergency-code-types-missing (medium)']);
  });
});
