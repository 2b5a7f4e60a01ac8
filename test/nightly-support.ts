/** Syslog lines and report rows for the nightly tests, and the scenario of three nights. */
import { appendFileSync, copyFileSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export interface Download {
  /** Minutes after 2026-11-20 00:00 (AM local time). */
  minute: number;
  user: string;
  agent: string;
  token: string;
  ok?: boolean;
}

function local(minute: number): { day: number; hh: string; mm: string } {
  const day = 20 + Math.floor(minute / 1440);
  return { day, hh: p2(Math.floor((minute % 1440) / 60)), mm: p2(minute % 60) };
}

/** One AM syslog record of a download (23017 failed, or 23016 succeeded). */
export function syslogLine(d: Download): string {
  const { day, hh, mm } = local(d.minute);
  const [key, id, result, reason, level, error] = d.ok
    ? ['OA_DATA_DOWNLOAD', '23016', 'SUCCESS', 'OFFLINE_DATA_DOWNLOAD_SUCCESS', 'INFO', '']
    : ['OA_DATA_DOWNLOAD_FAILED', '23017', 'FAIL', 'OFFLINE_DATA_DOWNLOAD_FAILED', 'ERROR', 'Failed to send day data.'];
  return (
    `${MONTHS[10]} ${day} ${hh}:${mm}:07 am-primary 2026-11-${day} ${hh}:${mm}:07,402, am-primary.corp.example.com, ` +
    `audit.runtime.com.rsa.authmgr.internal.protocol.ace.OfflineDataRequestHandler, ${level}, dcffd002d387350230cbc99e1956cb25,` +
    `d13c513a42f8eda197b1165f0971b7c4,10.20.5.51,10.10.1.11,${key},${id},${result},${reason},` +
    `1f7e5648f6796aaa073f1ed6a02ed8d4-rVsNIB0afQEv,f9fc2f72a562d07cbc2c8e3e93afd954,3cbb7daa64c184fa48a7c8252abc5619,` +
    `959575fe0a734d03343a2c9fbed3e91c,${d.user},Bernd,Koch,778369f34c6fb737ef07241b89fcc0e7,000000000000000000001000e0011000,` +
    `10.20.5.51,${d.agent},7,000000000000000000002000f1022000,SecurID_Native,,,${key},,,959575fe0a734d03343a2c9fbed3e91c,Finance,,,` +
    `4630de19bf77d38d8b9b7cefad989a70,${d.token},${error},\n`
  );
}

export const CSV_HEADER =
  'Date & Time,Log Level,Activity Key,Description,Action Result Key,Result Key,Result,User ID,User First Name,User Last Name,' +
  'User Security Domain,User Identity Source Name,Agent Type,Client IP,Instance Name,Argument1,Argument2,Argument3,Argument4,' +
  'Argument5,Argument6,Argument7,Argument8,Argument9,Argument10\r\n';

/** One report-export row of a failed download. */
export function csvRow(d: Download): string {
  const { day, hh, mm } = local(d.minute);
  return (
    `2026-11-${day} ${hh}:${mm}:33.480,ERROR,Offline Authentication Data Download Failed,"Offline Authentication data download ` +
    `requested by user ${d.user} from agent ${d.agent} using token ${d.token} failed with error message ""Failed to send day data.""",` +
    `OFFLINE_DATA_DOWNLOAD_FAILED,FAIL,Failure,${d.user},Anna,Smith,Contractors,Corp AD,7,10.20.21.10,am-primary,,,,,,,,,,\r\n`
  );
}

const USERS = ['jdoe', 'asmith', 'Mweber', 'mweber', 'tnguyen'];
const AGENTS = ['ws-042.corp.example.com', 'ws-210.corp.example.com'];

/** A deterministic mix of failures and successes over `count` minutes from `start`. */
export function downloads(start: number, count: number, salt: number): Download[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (i * 7 + salt * 13) % 97;
    return {
      minute: start + i * 11,
      user: USERS[n % USERS.length],
      agent: AGENTS[n % AGENTS.length],
      token: `00012345678${n % 3}`,
      ok: n % 9 === 0,
    };
  });
}

const text = (list: Download[], line: (d: Download) => string) => list.map(line).join('');

/**
 * Three nights of arriving exports in `dir`, and the same data as whole files in `allDir`:
 * - am.log grows, ends once with half a line, is renamed and gzip'd (am.log.1.gz) and
 *   starts afresh;
 * - audit.log is rotated by copy and truncate (audit.log.1 keeps the copy);
 * - export.csv, a report export, grows by rows.
 */
export function nights(dir: string, allDir: string): (() => void)[] {
  const am1 = text(downloads(0, 40, 1), syslogLine);
  const am2 = text(downloads(600, 30, 2), syslogLine);
  const am3 = text(downloads(1500, 25, 3), syslogLine);
  const amNew = text(downloads(3000, 20, 4), syslogLine);
  const au1 = text(downloads(100, 20, 5), syslogLine);
  const au2 = text(downloads(2000, 15, 6), syslogLine);
  const auNew = text(downloads(4000, 10, 7), syslogLine);
  const cs1 = text(downloads(200, 6, 8), csvRow);
  const cs2 = text(downloads(2500, 5, 9), csvRow);
  const cut = am2.length - 50; // night 1 sees am2 up to the middle of its last line
  writeFileSync(join(allDir, 'am.log'), am1 + am2 + am3 + amNew);
  writeFileSync(join(allDir, 'audit.log'), au1 + au2 + auNew);
  writeFileSync(join(allDir, 'export.csv'), CSV_HEADER + cs1 + cs2);
  return [
    () => {
      writeFileSync(join(dir, 'am.log'), am1 + am2.slice(0, cut));
      writeFileSync(join(dir, 'audit.log'), au1);
      writeFileSync(join(dir, 'export.csv'), CSV_HEADER + cs1);
    },
    () => {
      appendFileSync(join(dir, 'am.log'), am2.slice(cut));
      appendFileSync(join(dir, 'audit.log'), au2);
      appendFileSync(join(dir, 'export.csv'), cs2);
    },
    () => {
      // am.log gets its last lines, is rotated and compressed; a new am.log begins.
      appendFileSync(join(dir, 'am.log'), am3);
      renameSync(join(dir, 'am.log'), join(dir, 'am.log.1'));
      writeFileSync(join(dir, 'am.log.1.gz'), gzipSync(readFileSync(join(dir, 'am.log.1'))));
      unlinkSync(join(dir, 'am.log.1'));
      writeFileSync(join(dir, 'am.log'), amNew);
      // audit.log is copied and truncated in place.
      copyFileSync(join(dir, 'audit.log'), join(dir, 'audit.log.1'));
      truncateSync(join(dir, 'audit.log'), 0);
      appendFileSync(join(dir, 'audit.log'), auNew);
    },
  ];
}

/** What must agree between the nightly summary and one analysis: users and totals. */
export function comparable(summary: {
  totals: { offlineFailures: number; users: number; openUsers: number };
  users: { newFailures?: number }[];
}): unknown {
  return {
    totals: { offlineFailures: summary.totals.offlineFailures, users: summary.totals.users, openUsers: summary.totals.openUsers },
    users: summary.users.map(({ newFailures: _new, ...user }) => ({ ...user, userId: String((user as { userId: string }).userId).toLowerCase() })),
  };
}

export function cleanDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
