/** Rule 11: nothing explains the failures; the server and agent traces are needed. */
import { judgedCause, notDefectiveEvidence, type Rule } from '../cause.js';
import { policyHistory } from '../history.js';
import { CHANGE_WINDOW_MS } from './policy-changed-recently.js';
import { ONLINE_WINDOW_MS } from './online-authentication-problem.js';

export const unexplained: Rule = {
  id: 'unexplained',
  judge(ctx) {
    const j = ctx.judgement;
    const agent = ctx.group.agent ?? "the user's agent";
    const evidence = j === null ? [] : [notDefectiveEvidence(j)];
    evidence.push(
      `no offline-policy change in the ${CHANGE_WINDOW_MS / 60_000} minutes before the last failure at ${ctx.group.lastFailure}`,
      `no failed online authentication of ${ctx.group.userId} in the ${ONLINE_WINDOW_MS / 60_000} minutes before it`,
      `agent ${agent} fails for ${ctx.agentUsers.length} user${ctx.agentUsers.length === 1 ? '' : 's'}`,
      ...policyHistory(ctx),
    );
    return judgedCause(ctx, {
      id: 'unexplained',
      confidence: 'low',
      dependsOnToken: false,
      summary: 'No known cause explains these failures; the server and agent traces are needed.',
      evidence,
      remediation: [
        'Collect /opt/rsa/am/server/logs/imsTrace.log from the primary and every replica for the failure times.',
        `Collect the agent's verbose da_svc.log (DAService) from ${agent}, and open a case with RSA with both.`,
      ],
    });
  },
};
