/**
 * Rule 6: an offline policy changed minutes before the failure. AM discards every user's
 * offline data on a policy edit, and replicas can take about ten minutes to see it.
 */
import { judgedCause, notDefectiveEvidence, reauthenticate, type Rule } from '../cause.js';
import { describeChange, policyHistory } from '../history.js';

export const CHANGE_WINDOW_MS = 15 * 60_000;

export const policyChangedRecently: Rule = {
  id: 'policy-changed-recently',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null || j.defects.length > 0) return null;
    const last = ctx.group.lastMs;
    const recent = ctx.policyChanges.filter((e) => e.epochMs <= last && e.epochMs >= last - CHANGE_WINDOW_MS);
    if (recent.length === 0) return null;
    const minutesBefore = (ms: number) => ((last - ms) / 60_000).toFixed(1);
    const latest = recent[recent.length - 1];
    return judgedCause(ctx, {
      id: 'policy-changed-recently',
      confidence: 'medium',
      dependsOnToken: true,
      summary: `An offline policy was changed ${minutesBefore(latest.epochMs)} minutes before the failure; AM discards offline data on every policy edit and replicas take about ten minutes to catch up.`,
      evidence: [
        ...recent.map(
          (e) => `${describeChange(e)} at ${ctx.zone.iso(e.epochMs)}, ${minutesBefore(e.epochMs)} minutes before the last failure at ${ctx.group.lastFailure}`,
        ),
        notDefectiveEvidence(j),
        ...policyHistory(ctx),
      ],
      remediation: [
        `Wait about ten minutes after the change at ${ctx.zone.iso(latest.epochMs)} for the replicas to see it; no setting needs changing.`,
        reauthenticate(ctx),
      ],
    });
  },
};
