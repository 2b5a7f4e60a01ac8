/** Which AM actions aamlog keeps, matched by key, id or the console's Activity Key text. */
import type { EventKind } from '../model.js';

interface ActionInfo {
  key: string;
  id: string;
  text: string | null;
}

const ACTIONS: ActionInfo[] = [
  { key: 'OA_DATA_DOWNLOAD_FAILED', id: '23017', text: 'Offline Authentication Data Download Failed' },
  { key: 'OA_DATA_DOWNLOAD', id: '23016', text: 'Offline Authentication Data Download' },
  { key: 'OFFLINE_LOGIN_EVENT', id: '23015', text: 'Offline Login Event' },
  { key: 'AUTHN_LOGIN_EVENT', id: '13002', text: 'Principal authentication' },
  { key: 'AUTHN_LOCKOUT_EVENT', id: '13003', text: 'Principal lockout' },
  { key: 'TOKEN_EXPIRED', id: '23062', text: null },
  { key: 'AUTHMGR_OFFLINE_AUTHN_POLICY_UPDATE', id: '20051', text: 'Update Offline Authentication Policy' },
  { key: 'SD_OAPOL_ASSOC', id: '20099', text: 'Apply Offline Authentication Policy to Security Domain' },
  {
    key: 'SD_OAPOL_DISASSOC',
    id: '20100',
    text: 'Apply Realm Default Offline Authentication Policy to Security Domain',
  },
];

const byKey = new Map(ACTIONS.map((a) => [a.key, a]));
const byId = new Map(ACTIONS.map((a) => [a.id, a]));
const byText = new Map(ACTIONS.filter((a) => a.text).map((a) => [a.text!.toLowerCase(), a]));

/** The machine key and id for an Activity Key text (trailing period optional, any case). */
export function actionForText(text: string): { key: string; id: string } | null {
  const normalised = text.trim().replace(/\.$/, '').trim().toLowerCase();
  const action = byText.get(normalised) ?? byKey.get(text.trim().toUpperCase());
  return action ? { key: action.key, id: action.id } : null;
}

/**
 * The kind of event an action is, or null when aamlog only counts it. The key decides
 * where it is known (public lines log AUTHN_LOGIN_EVENT with id 23008), else the id.
 */
export function eventKind(actionKey: string | null, actionId: string | null, result: string | null): EventKind | null {
  const action = (actionKey && byKey.get(actionKey)) || (actionId && byId.get(actionId)) || null;
  switch (action?.id) {
    case '23017':
      return 'offline-download-failed';
    case '23016':
      return 'offline-download-succeeded';
    case '13002':
      return result?.toUpperCase() === 'FAIL' ? 'login-failed' : null;
    case '13003':
      return 'lockout';
    case '23062':
      return 'token-expired';
    case '20051':
    case '20099':
    case '20100':
      return 'offline-policy-change';
    default:
      return null;
  }
}
