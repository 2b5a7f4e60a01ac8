/** Each cause in words and in a colour, the same in every chart, legend and user section. */
import type { CauseId } from '../model.js';
import { compareText } from '../text-order.js';

interface CauseLook {
  title: string;
  colour: string;
}

/** In CAUSES.md precedence order, which is also the stacking and legend order. */
const CAUSES: Record<CauseId, CauseLook> = {
  'agent-invalid-proof': { title: 'Agent sends an invalid proof', colour: '#d55e00' },
  'user-domain-policy-differs': { title: "User's security domain pins a blocking policy", colour: '#0072b2' },
  'offline-disabled': { title: 'Offline authentication disabled', colour: '#cc79a7' },
  'passcode-shorter-than-minimum': { title: 'Passcode shorter than the minimum', colour: '#e69f00' },
  'emergency-code-types-missing': { title: 'Emergency code types not selected', colour: '#009e73' },
  'policy-changed-recently': { title: 'Offline policy changed just before', colour: '#56b4e9' },
  'online-authentication-problem': { title: 'Online authentication failed first', colour: '#7b5ea7' },
  'user-agent-domain-conflict': { title: "Agent's security domain blocks the token", colour: '#a6761d' },
  'agent-side': { title: 'Problem on the agent', colour: '#c43c5c' },
  'insufficient-data': { title: 'Not enough data to judge', colour: '#9aa3ad' },
  unexplained: { title: 'Unexplained', colour: '#5f6b77' },
};

const CAUSE_ORDER = Object.keys(CAUSES);
const UNKNOWN: CauseLook = { title: 'Unknown cause', colour: '#bfc5cc' };

function look(id: string): CauseLook {
  return Object.hasOwn(CAUSES, id) ? CAUSES[id as CauseId] : { ...UNKNOWN, title: id };
}

export const causeTitle = (id: string): string => look(id).title;
export const causeColour = (id: string): string => look(id).colour;

/** Known causes in precedence order, any other id after them by name. */
export function compareCauses(a: string, b: string): number {
  const rank = (id: string) => (Object.hasOwn(CAUSES, id) ? CAUSE_ORDER.indexOf(id) : CAUSE_ORDER.length);
  return rank(a) - rank(b) || compareText(a, b);
}

/** Style rules that colour a cause's section by its id (the page's CSP forbids style attributes). */
export function causeStyleRules(): string {
  return CAUSE_ORDER.map((id) => `.cause[data-cause="${id}"] { border-left-color: ${CAUSES[id as CauseId].colour}; }`).join('\n');
}
