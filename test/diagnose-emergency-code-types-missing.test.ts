import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

describe('rule 5: emergency-code-types-missing', () => {
  it('fires at medium for the default policy without Offline Emergency Passcodes', async () => {
    const bkoch = group({ userId: 'bkoch', agent: 'ws-051.corp.example.com', token: '000345678901', userDomain: 'Finance', last: '2026-11-24T09:40:27+01:00' });
    const causes = causesOf(bkoch, { snapshots: await snapshotFixture('default-no-emergency.json') });
    expect(summary(causes)).toEqual(['emergency-code-types-missing (medium)']);
    const [cause] = causes;
    expect(cause.summary).toBe(
      "Policy 'Initial Offline Authentication Policy' does not select the offline emergency code type 'Offline Emergency Passcodes', which offline day downloads need.",
    );
    expect(cause.evidence).toEqual([
      "bkoch is in security domain 'Finance' (as the failure events record), which follows the default policy 'Initial Offline Authentication Policy' in snapshot 2026-11-20",
      "'Initial Offline Authentication Policy': the Offline Emergency Codes code type 'Offline Emergency Passcodes' is not selected",
    ]);
    expect(cause.remediation).toEqual([
      "Authentication > Policies > Offline Authentication Policies > Manage Existing: edit 'Initial Offline Authentication Policy' (the default policy, followed by security domain 'Finance'): under Offline Emergency Codes select the code type Offline Emergency Passcodes; then save.",
      'Ask bkoch to authenticate online once from ws-051.corp.example.com so that offline days download again.',
    ]);
  });
});
