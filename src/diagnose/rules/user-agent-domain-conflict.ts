/**
 * Rule 8: the agent sits in another security domain whose policy is defective for the
 * token while the user's is not. RSA says the two policies "can conflict" and does not
 * say which wins.
 */
import { domainPolicy, findAgent, findDomain } from '../../snapshots/effective-policy.js';
import { AGENT_PATH, editPolicy, judgedCause, notDefectiveEvidence, reauthenticate, type Rule } from '../cause.js';
import { defects, describeDefect } from '../defects.js';

export const userAgentDomainConflict: Rule = {
  id: 'user-agent-domain-conflict',
  judge(ctx) {
    const j = ctx.judgement;
    if (j === null || j.defects.length > 0 || ctx.group.agent === null) return null;
    const agent = findAgent(j.snapshot, ctx.group.agent);
    const agentDomain = agent === null ? null : findDomain(j.snapshot, agent.securityDomain);
    if (agent === null || agentDomain === null || agentDomain.name === j.domain.name) return null;
    const A = domainPolicy(j.snapshot, agentDomain);
    const found = defects(A, j.token);
    if (A.name === j.policy.name || found.length === 0) return null;
    return judgedCause(ctx, {
      id: 'user-agent-domain-conflict',
      confidence: 'medium',
      dependsOnToken: true,
      summary: `Agent ${ctx.group.agent} is in security domain '${agentDomain.name}', whose policy '${A.name}' would block ${ctx.group.userId}'s offline data, while ${ctx.group.userId}'s own policy '${j.policy.name}' would not.`,
      evidence: [
        `agent ${agent.name} is in security domain '${agentDomain.name}' and ${ctx.group.userId} in '${j.domain.name}' (snapshot ${j.label})`,
        ...found.map((d) => `'${A.name}' (security domain '${agentDomain.name}'): ${describeDefect(d)}`),
        notDefectiveEvidence(j),
        'RSA documents that the user\'s and the agent\'s offline policies can conflict, and does not say which one wins',
      ],
      remediation: [
        `${AGENT_PATH}: edit '${agent.name}' and move it to security domain '${j.domain.name}';`,
        `or ${editPolicy(A, `assigned to security domain '${agentDomain.name}'`, found)}`,
        reauthenticate(ctx),
      ],
    });
  },
};
