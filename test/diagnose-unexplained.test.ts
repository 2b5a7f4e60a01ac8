import { describe, expect, it } from 'vitest';
import { causesOf, group, snapshotFixture, summary } from './diagnose-support.js';

describe('rule 11: unexplained', () => {
  it('stands alone when nothing fires, saying what was checked and which traces to collect', async () => {
    const hbauer = group({ userId: 'hbauer', agent: 'ws-131.corp.example.com', token: '000678901234', last: '2026-11-27T08:00:15+01:00' });
    const causes = causesOf(hbauer, { snapshots: await snapshotFixture('pinned.json') });
    expect(summary(causes)).toEqual(['unexplained (low)']);
    expect(causes[0].evidence).toEqual([
      "policy 'Initial Offline Authentication Policy' in snapshot 2026-11-20 allows offline data for hardware-fob token 000678901234: offline authentication enabled, minimum online passcode length 8, both emergency code types selected",
      'no offline-policy change in the 15 minutes before the last failure at 2026-11-27T08:00:15+01:00',
      'no failed online authentication of hbauer in the 5 minutes before it',
      'agent ws-131.corp.example.com fails for 1 user',
    ]);
    expect(causes[0].remediation).toEqual([
      'Collect /opt/rsa/am/server/logs/imsTrace.log from the primary and every replica for the failure times.',
      "Collect the agent's verbose da_svc.log (DAService) from ws-131.corp.example.com, and open a case with RSA with both.",
    ]);
  });
});
