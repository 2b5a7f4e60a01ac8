import { describe, expect, it } from 'vitest';
import { parseDownloadDescription } from '../src/parse/description.js';

describe('the Description text of an offline-data download', () => {
  it('reads the straight-quote variant', () => {
    expect(
      parseDownloadDescription(
        'Offline Authentication data download requested by user jdoe from agent ws-042.corp.example.com using token 000123456789 failed with error message "Failed to send day data."',
      ),
    ).toEqual({ userId: 'jdoe', agentName: 'ws-042.corp.example.com', tokenSerial: '000123456789', errorMessage: 'Failed to send day data.' });
  });

  it('reads the colon and curly-quote variant', () => {
    expect(
      parseDownloadDescription(
        'Offline Authentication data download requested by user CORP\\asmith from agent LT-0815 using token xxxxxxxx2776 failed with error message: “Failed to send day data.”',
      ),
    ).toEqual({ userId: 'CORP\\asmith', agentName: 'LT-0815', tokenSerial: 'xxxxxxxx2776', errorMessage: 'Failed to send day data.' });
  });

  it("drops RSA's stray quote after the agent name in the single-quote variant", () => {
    expect(
      parseDownloadDescription(
        "Offline Authentication data download requested by user bwayne from agent ws-007.corp.example.com' using token 000987654321 failed with error message 'Invalid proof'",
      ),
    ).toEqual({ userId: 'bwayne', agentName: 'ws-007.corp.example.com', tokenSerial: '000987654321', errorMessage: 'Invalid proof' });
  });

  it('reads a success description without an error', () => {
    expect(
      parseDownloadDescription('Offline Authentication data download requested by user jdoe from agent ws-042 using token 000123456789 succeeded'),
    ).toEqual({ userId: 'jdoe', agentName: 'ws-042', tokenSerial: '000123456789', errorMessage: null });
  });

  it('ignores other text', () => {
    expect(parseDownloadDescription('Principal authentication succeeded for user jdoe')).toBeNull();
  });
});
