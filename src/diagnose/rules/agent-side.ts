/** Rule 9: the policy is fine, and the same agent fails for several users: the agent is the common factor. */
import { judgedCause, notDefectiveEvidence, reauthenticate, type Rule } from '../cause.js';

export const AGENT_SIDE_MIN_USERS = 3;

/** Names shown before "and N more". */
const USERS_SHOWN = 10;

export const agentSide: Rule = {
  id: 'agent-side',
  judge(ctx) {
    const j = ctx.judgement;
    const users = ctx.agentUsers;
    if (j === null || j.defects.length > 0 || users.length < AGENT_SIDE_MIN_USERS) return null;
    const agent = ctx.group.agent!;
    const shown = users.slice(0, USERS_SHOWN).join(', ') + (users.length > USERS_SHOWN ? ` and ${users.length - USERS_SHOWN} more` : '');
    return judgedCause(ctx, {
      id: 'agent-side',
      confidence: 'low',
      dependsOnToken: true,
      summary: `Agent ${agent} fails for ${users.length} users although ${ctx.group.userId}'s policy allows offline data: the agent is the common factor.`,
      evidence: [`agent ${agent} has failures for ${users.length} users: ${shown}`, notDefectiveEvidence(j)],
      remediation: [
        `On ${agent}: update the RSA Authentication Agent to the latest release, check the machine's clock, and check that it reaches the primary and every replica.`,
        `Collect the agent's verbose da_svc.log (DAService) from ${agent} and /opt/rsa/am/server/logs/imsTrace.log from the primary and every replica for the failure times.`,
        reauthenticate(ctx),
      ],
    });
  },
};
