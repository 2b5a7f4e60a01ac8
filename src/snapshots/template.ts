/** `aamlog snapshot template`: a filled-in, valid snapshot the administrator edits. */

/**
 * @param capturedAt when the administrator records it; the CLI passes the current time in
 * the AM zone, so the file is valid as printed.
 */
export function snapshotTemplate(capturedAt = '2026-11-20T08:00:00+01:00'): string {
  const example = {
    capturedAt,
    offlinePolicies: [
      {
        name: 'Initial Offline Authentication Policy',
        default: true,
        enabled: true,
        minOnlinePasscodeLength: 8,
        allow: { pinpadOrSoftwareTokens: true, pinlessTokens: true, fixedPasscodes: false },
        emergencyCodes: { tokencodes: true, passcodes: true },
      },
      {
        name: 'Legacy Laptops',
        default: false,
        enabled: true,
        minOnlinePasscodeLength: 10,
        allow: { pinpadOrSoftwareTokens: false, pinlessTokens: false, fixedPasscodes: false },
        emergencyCodes: { tokencodes: true, passcodes: true },
      },
    ],
    securityDomains: [
      { name: 'SystemDomain', parent: null, offlinePolicy: 'ALWAYS_USE_DEFAULT' },
      { name: 'Field Sales', parent: 'SystemDomain', offlinePolicy: 'Legacy Laptops' },
    ],
    users: [
      {
        userId: 'jdoe',
        securityDomain: 'Field Sales',
        tokens: [{ serial: '000123456789', type: 'software-pinpad', tokencodeLength: 8 }],
      },
      {
        userId: 'asmith',
        securityDomain: 'SystemDomain',
        tokens: [{ serial: '000234567890', type: 'hardware-fob', tokencodeLength: 6, pinRequired: true, pinLength: 4 }],
      },
    ],
    agents: [{ name: 'ws-042.corp.example.com', securityDomain: 'SystemDomain' }],
  };
  return `${JSON.stringify(example, null, 2)}\n`;
}
