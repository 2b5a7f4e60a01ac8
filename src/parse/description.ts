/**
 * The console's Description text for offline-data downloads, in the three published
 * variants (straight quotes; colon and curly quotes; RSA's stray quote after the agent
 * name with single quotes).
 */
export interface DownloadDescription {
  userId: string;
  agentName: string;
  tokenSerial: string;
  errorMessage: string | null;
}

const DOWNLOAD =
  /offline authentication data download requested by user (.+?) from agent (.+?)'? using token (.+?)(?: failed with error message:?\s*(?:"([^"]*)"?|“([^”]*)”?|'([^']*)'?|(.*?))\s*$|\s|$)/i;

export function parseDownloadDescription(text: string): DownloadDescription | null {
  if (!/download requested by user/i.test(text)) return null;
  const m = DOWNLOAD.exec(text);
  if (!m) return null;
  const message = m[4] ?? m[5] ?? m[6] ?? m[7];
  return {
    userId: m[1].trim(),
    agentName: m[2].trim(),
    tokenSerial: m[3].trim(),
    errorMessage: message === undefined || message.trim() === '' ? null : message.trim(),
  };
}
