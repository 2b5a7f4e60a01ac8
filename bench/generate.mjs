/**
 * Deterministic, realistic AM activity inputs for the benchmark (issue 5): a syslog stream
 * with every envelope LOG-FORMATS.md section 1 lists, an appliance audit file with stack
 * traces, a Security Console report CSV and a gzip'd copy of the syslog stream.
 *
 * The same seed and size give byte-identical files. Lines are built from precomputed
 * pieces and written in 4 MiB chunks, so 500 MB takes seconds, not minutes.
 *
 *   node bench/generate.mjs --size 50MB --dir /tmp/inputs [--seed 1] [--only syslog,csv]
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

export const INPUT_KINDS = ['syslog', 'audit', 'csv', 'gzip'];

export const FILE_NAMES = {
  syslog: 'am-syslog.log',
  audit: 'imsRuntimeAudit.log',
  csv: 'authentication-activity.csv',
  gzip: 'am-syslog.log.gz',
};

/** The Activity Key text and machine key of the event the benchmark counts. */
export const FAILURE_KEY = 'OA_DATA_DOWNLOAD_FAILED';
export const FAILURE_ACTIVITY_TEXT = 'Offline Authentication Data Download Failed';

/** The report CSV's header row: the labels of LOG-FORMATS.md section 4. */
export const CSV_COLUMNS = [
  'Date & Time',
  'Log Level',
  'Activity Key',
  'Description',
  'Action Result Key',
  'Result Key',
  'Result',
  'User ID',
  'User First Name',
  'User Last Name',
  'User Security Domain',
  'User Identity Source Name',
  'Agent Type',
  'Client IP',
  'Instance Name',
  ...Array.from({ length: 10 }, (_, i) => `Argument${i + 1}`),
];

/**
 * Which comma-separated field (awk's $N) holds the User ID of a failure line, for the
 * `grep | awk` baseline: the syslog header has four commas before the body, the audit file one.
 */
export const USER_FIELD_FOR_AWK = { syslog: 18, audit: 15 };

const CHUNK_CHARS = 4 * 1024 * 1024;
const START_MS = Date.UTC(2025, 2, 1, 0, 0, 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MS_TEXT = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const GLOBAL_GUID = '000000000000000000001000e0011000';
const IDENTITY_SOURCE_GUID = '000000000000000000001000d0011000';
const SECURID_METHOD_GUID = '000000000000000000002000f1022000';
const ERROR_MESSAGES = ['Failed to send day data.', 'Invalid proof'];

/** "500MB", "50 MB", "200KB", "2GiB", "1234" (bytes): decimal units are powers of 1000. */
export function parseSize(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?\s*$/i.exec(String(text));
  if (!m) throw new Error(`size '${text}' is not a size such as 500MB, 50MB or 200KB`);
  const units = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
  const bytes = Math.round(Number(m[1]) * units[(m[2] ?? 'b').toLowerCase()]);
  if (bytes < 1) throw new Error(`size '${text}' is too small`);
  return bytes;
}

/** mulberry32: a tiny seeded generator, so the same seed gives the same files everywhere. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next,
    below: (n) => next() % n,
    pick: (items) => items[next() % items.length],
    hex32: () =>
      next().toString(16).padStart(8, '0') +
      next().toString(16).padStart(8, '0') +
      next().toString(16).padStart(8, '0') +
      next().toString(16).padStart(8, '0'),
    digits: (count) => {
      let text = '';
      while (text.length < count) text += String(next() % 100000).padStart(5, '0');
      return text.slice(0, count);
    },
  };
}

const FIRST_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karin', 'Lukas',
  'Maria', 'Nils', 'Olga', 'Paul', 'Rita', 'Sven', 'Tina', 'Uwe', 'Vera', 'Walter', 'Yara', 'Zoe',
  'Ericka', 'John', 'Priya', 'Kenji', 'Fatima', 'Mateo',
];
const LAST_NAMES = [
  'Schmidt', 'Meyer', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf',
  'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krueger', 'Hartmann', 'Lange', 'Werner', 'Krause',
  'Lehmann', 'Smith', 'Ryptography', 'Nakamura', 'Haddad', 'Garcia', 'Rossi', 'Novak', 'Dubois',
  'Jensen', 'Kowalski', 'Silva', 'Okafor', 'Larsen', 'Moreau', 'Fischer', 'Schulz', 'Bauer', 'Vogel',
  'Roth', 'Jung',
];
const DOMAINS = ['SystemDomain', 'Sales', 'Engineering', 'Finance', 'Operations', 'Remote Workers', 'HR', 'Contractors'];
// IDs starting with @ or - exercise RSA's formula guard in the CSV (one space before them).
const GUARDED_USER_IDS = ['@svc-vpn', '-contractor01', '@kiosk-lobby'];
const SERVERS = [
  { host: 'am-prim-01', node: 'am-prim-01.corp.example.net', ip: '10.20.0.11' },
  { host: 'am-rep-02', node: 'am-rep-02.corp.example.net', ip: '10.20.0.12' },
  { host: 'ip-10-0-20-76', node: 'ip-10-0-20-76.ap-south-1.compute.internal', ip: '10.0.20.76' },
];

/** The deployment every file describes: a few hundred users, dozens of agents, three AM nodes. */
function createWorld(seed) {
  const random = createRandom(seed ^ 0x5eed);
  const domains = DOMAINS.map((name) => ({ name, guid: name === 'SystemDomain' ? GLOBAL_GUID : random.hex32() }));
  const agents = [];
  for (let i = 1; i <= 36; i++) {
    const laptop = i <= 28;
    const name = laptop
      ? `lt-${random.pick(['ber', 'muc', 'ham', 'fra', 'lon', 'par'])}-${String(i * 37).padStart(4, '0')}.corp.example.net`
      : `${random.pick(['vpn-gw', 'citrix', 'owa', 'radius'])}-${String(i).padStart(2, '0')}.example.net`;
    const ip = `10.${30 + (i % 4)}.${random.below(250) + 1}.${random.below(250) + 2}`;
    // An agent with the "invalid proof" defect fails the same way every time.
    const invalidProof = laptop && random.below(6) === 0;
    agents.push({ name, ip, laptop, invalidProof, runtime: `${random.hex32()},${GLOBAL_GUID},${ip},${name},7` });
  }
  const laptops = agents.filter((a) => a.laptop);
  const usedIds = new Set();
  const users = [];
  for (let i = 0; i < 320; i++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    let id = i % 7 === 3 ? `U${random.digits(6)}` : `${first[0]}${last}`.toLowerCase();
    if (i === 5 || i === 120 || i === 240) id = GUARDED_USER_IDS[i / 120 | 0];
    while (usedIds.has(id)) id = `${id}${random.below(10)}`;
    usedIds.add(id);
    const domain = i === 5 ? domains[5] : random.pick(domains);
    const serial = `000${random.digits(9)}`;
    // AM's log data masking is a deployment setting; some users' lines show it, a few fully.
    const shownSerial = i % 10 === 3 ? `xxxxxxxx${serial.slice(-4)}` : i % 41 === 7 ? 'xxxxxxxxxxxx' : serial;
    const guid = random.hex32();
    const clientIp = `192.168.${random.below(200) + 1}.${random.below(250) + 2}`;
    users.push({
      id,
      first,
      last,
      guid,
      domain,
      serial,
      shownSerial,
      tokenGuid: random.hex32(),
      clientIp,
      session: `${random.hex32()}-${random.hex32().slice(0, 12)}`,
      homeAgent: random.pick(laptops),
      runtime: `${guid},${IDENTITY_SOURCE_GUID},${domain.guid},${id},${first},${last}`,
      csv: [id, first, last, domain.name, 'Internal Database'].map(csvField).join(','),
    });
  }
  const admins = users.slice(10, 14);
  // Offline failures come from a few dozen users, each on their own laptop, as in the field.
  const failingUsers = users.filter((_, i) => i % 8 === 5);
  return { agents, users, admins, failingUsers, instanceIds: SERVERS.map(() => random.hex32()) };
}

/** Formats the AM time once per second; every line of that second reuses the pieces. */
function createClock(random) {
  let ms = START_MS;
  let second = -1;
  const now = { date: '', time: '', bsd: '', rfc3339: '', ms: '' };
  const refresh = () => {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    now.date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    now.time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    now.bsd = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${now.time}`;
    now.rfc3339 = `${now.date}T${now.time}+00:00`;
  };
  return {
    tick() {
      ms += random.below(100);
      const s = Math.floor(ms / 1000);
      if (s !== second) {
        second = s;
        refresh();
      }
      now.ms = MS_TEXT[ms % 1000];
      return now;
    },
  };
}

/** One AM record of each kind, as the syslog/audit body (section 3) and its category. */
function createRecordMaker(world, random) {
  const server = () => random.below(3);
  const head = (s, clientIp, key, id, result, reason, session) =>
    `${random.hex32()},${world.instanceIds[s]},${clientIp},${SERVERS[s].ip},${key},${id},${result},${reason},${session}`;
  const groupArgument = (user) =>
    random.below(3) === 0
      ? `"cn=gg_u_${user.domain.name.toLowerCase().replace(' ', '_')},ou=groups,dc=corp,dc=example,dc=net"`
      : random.hex32();

  return {
    login(user, agent, failed) {
      const s = server();
      const reason = failed ? random.pick(['AUTHN_METHOD_FAILED', 'AUTHN_METHOD_FAILED', 'AUTHN_PRINCIPAL_LOCKED']) : 'AUTHN_METHOD_SUCCESS';
      return {
        server: s,
        category: 'audit.runtime.com.rsa.ims.authn.impl.AuthenticationBrokerImpl',
        level: failed ? 'ERROR' : 'INFO',
        body:
          `${head(s, user.clientIp, 'AUTHN_LOGIN_EVENT', '13002', failed ? 'FAIL' : 'SUCCESS', reason, user.session)},` +
          `${user.runtime},${agent.runtime},${SECURID_METHOD_GUID},SecurID_Native,,,AUTHN_LOGIN_EVENT,5,1,` +
          `${user.domain.guid},${user.domain.name},${groupArgument(user)},GG_U_${user.domain.name.replace(' ', '')},` +
          `${user.tokenGuid},${user.shownSerial},,`,
      };
    },
    unknownUser() {
      const s = server();
      return {
        server: s,
        category: 'audit.runtime.com.rsa.ims.authn.impl.AuthenticationBrokerImpl',
        level: 'ERROR',
        body: `${head(s, `192.168.9.${random.below(250)}`, 'AUTHN_LOGIN_EVENT', '13002', 'FAIL', 'AUTHN_PRINCIPAL_NOT_FOUND', '')},,,,unknown user${random.below(40)},,,,,,,,000000000000000000001000f0023001,RSA_Password/LDAP_Password,,,,,,,,,,,`,
      };
    },
    logout(user) {
      const s = server();
      return {
        server: s,
        category: 'audit.runtime.com.rsa.ims.session.impl.SessionManagerImpl',
        level: 'INFO',
        body: `${head(s, '', 'AUTHN_LOGOUT_EVENT', '13001', 'SUCCESS', '', user.session)},${user.runtime},,,,,,,,,,,,,,,,,,,,`,
      };
    },
    lockout(user) {
      const s = server();
      return {
        server: s,
        category: 'audit.runtime.com.rsa.ims.authn.impl.AuthenticationBrokerImpl',
        level: 'WARN',
        body: `${head(s, user.clientIp, 'AUTHN_LOCKOUT_EVENT', '13003', 'FAIL', 'AUTHN_PRINCIPAL_LOCKED', user.session)},${user.runtime},${user.homeAgent.runtime},,,,,,,,${user.domain.guid},${user.domain.name},,,,,,`,
      };
    },
    offlineDownload(user, failed, errorMessage) {
      const s = server();
      const domainName = random.below(7) === 0 ? '' : user.domain.name;
      const reason = failed ? (errorMessage === 'Invalid proof' ? 'OFFLINE_INVALID_PROOF' : 'OFFLINE_DAY_DATA_FAILED') : '';
      return {
        server: s,
        category: 'audit.runtime.com.rsa.authmgr.internal.protocol.offline.OfflineDataRequestHandler',
        level: failed ? 'ERROR' : 'INFO',
        body:
          `${head(s, user.homeAgent.ip, failed ? FAILURE_KEY : 'OA_DATA_DOWNLOAD', failed ? '23017' : '23016', failed ? 'FAIL' : 'SUCCESS', reason, user.session)},` +
          `${user.runtime},${user.homeAgent.runtime},,,,,,,,${user.domain.guid},${domainName},,,${user.tokenGuid},${user.shownSerial},${failed ? errorMessage : ''},`,
      };
    },
    admin(admin, user) {
      const s = server();
      const adminHead = (key, id) => `${head(s, '10.20.5.9', key, id, 'SUCCESS', '', admin.session)},,${admin.runtime}`;
      const principal = `PRINCIPAL,${user.guid},${IDENTITY_SOURCE_GUID},${user.domain.guid},${user.id}`;
      switch (random.below(4)) {
        case 0:
          return {
            server: s,
            category: 'audit.admin.com.rsa.authmgr.internal.admin.tokenmgt.impl.TokenAdministrationImpl',
            level: 'INFO',
            body: `${adminHead('AM_LINK_TOKEN_PRINCIPAL', '20045')},AM_TOKEN,${user.tokenGuid},,${GLOBAL_GUID},${user.shownSerial},${principal},${admin.id}`,
          };
        case 1:
          return {
            server: s,
            category: 'audit.admin.com.rsa.ims.admin.impl.SecurityDomainAdministrationImpl',
            level: 'INFO',
            body: `${adminHead('UPDATE_SECURITY_DOMAIN', '10006')},SECURITY_DOMAIN,${user.domain.guid},,${user.domain.guid},${user.domain.name},,,,,,SystemDomain.${user.domain.name}`,
          };
        default:
          return {
            server: s,
            category: 'audit.admin.com.rsa.ims.admin.impl.PrincipalAdministrationImpl',
            level: 'INFO',
            body: `${adminHead('UPDATE_PRINCIPAL', '10055')},${principal},,,,,,`,
          };
      }
    },
    system() {
      const s = server();
      switch (random.below(3)) {
        case 0:
          return {
            server: s,
            category: 'system.com.rsa.ims.configuration.impl.ConfigurationServiceImpl',
            level: 'SYSTEM',
            body: `${head(s, '', 'CONF_VALUE_UPDATED', '16256', 'SUCCESS', '', '')},,,,,,,,ims.agent.monitor.lastTimestamp,0000-Global-0000,2025-03-01 10:01:46.191,,,,`,
          };
        case 1:
          return {
            server: s,
            category: 'system.com.rsa.ims.configuration.impl.AuthorizationEnabledConfigurationServiceImpl',
            level: 'ERROR',
            body: `${head(s, '10.20.5.9', 'CONF_READ', '16153', 'FAIL', 'INSUFFICIENT_PRIVILEGE', `xxxx-${random.hex32().slice(0, 12)}`)},xxxxx,xxx,xxx,xxxx,xxx,xxxx,0000-Global-0000,auth_manager.dashboard.hide.grpagent,,,,,`,
          };
        default:
          return {
            server: s,
            category: 'system.com.rsa.authmgr.internal.adjudicator.ClockMonitor',
            level: 'WARN',
            body: `${head(s, '', 'ADJUDICATOR_CLOCK_SETBACK', '26041', 'WARN', 'CLOCK_SET_BACK_DETECTED', '')},,,,,,,,2025-03-01 10:38 UTC,2025-03-01 10:39 UTC,,,,,`,
          };
      }
    },
    dispatchError() {
      const s = server();
      return {
        server: s,
        category: 'system.com.rsa.ims.components.spring.EventDispatcherImpl',
        level: 'ERROR',
        body: `${head(s, '', 'EVENT_DISPATCH', '16360', 'FAIL', 'UNEXPECTED_EXCEPTION', '')},,,,,,,,com.rsa.ims.components.spring.IMSContainerStoppingEvent[source=IMS],,,,,,`,
      };
    },
  };
}

const FRAMES = [
  'com.rsa.ims.components.spring.EventDispatcherImpl.dispatch(EventDispatcherImpl.java:214)',
  'com.rsa.ims.components.spring.EventDispatcherImpl.publish(EventDispatcherImpl.java:131)',
  'com.rsa.authmgr.internal.protocol.offline.OfflineDataRequestHandler.handle(OfflineDataRequestHandler.java:388)',
  'com.rsa.ims.authn.impl.AuthenticationBrokerImpl.authenticate(AuthenticationBrokerImpl.java:702)',
  'com.rsa.ims.cache.impl.DistributedCacheImpl.get(DistributedCacheImpl.java:95)',
  'org.springframework.transaction.support.TransactionTemplate.execute(TransactionTemplate.java:140)',
  'org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:186)',
  'java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
];
const EXCEPTIONS = [
  'com.rsa.ims.common.SystemException: Unexpected exception while dispatching event',
  'java.lang.IllegalStateException: Container is stopping',
];
const CAUSES = [
  'java.sql.SQLTransientConnectionException: Connection is not available, request timed out after 30000ms.',
  'java.net.SocketTimeoutException: Read timed out',
];

/** A Java stack trace as imsSystem.log continues an entry: `at` lines and a `Caused by:`. */
function stackTrace(random, indent) {
  const lines = [random.pick(EXCEPTIONS)];
  const frames = 4 + random.below(8);
  for (let i = 0; i < frames; i++) lines.push(`${indent}at ${random.pick(FRAMES)}`);
  lines.push(`Caused by: ${random.pick(CAUSES)}`);
  lines.push(`${indent}at ${random.pick(FRAMES)}`, `${indent}... ${10 + random.below(30)} more`);
  return lines;
}

function newStats(kind, path) {
  return { kind, path, bytes: 0, lines: 0, records: 0, otherLines: 0, offlineFailures: 0, offlineSuccesses: 0 };
}

/**
 * Picks what happens next with the record mix the issue asks for: about 0.5% offline
 * downloads (four failures to one success), the rest logins, logouts, admin and system
 * records, stack traces and (in syslog only) OS noise. Returns null for OS noise.
 */
function createEventPicker(world, random, stats, { osNoise }) {
  return () => {
    const roll = random.below(10000);
    if (roll < 40) {
      const user = random.pick(world.failingUsers);
      stats.offlineFailures++;
      const errorMessage = user.homeAgent.invalidProof ? ERROR_MESSAGES[1] : ERROR_MESSAGES[0];
      return { type: 'offline', failed: true, user, errorMessage };
    }
    if (roll < 50) {
      stats.offlineSuccesses++;
      return { type: 'offline', failed: false, user: random.pick(world.users), errorMessage: null };
    }
    if (roll < 4800) return { type: 'login', user: random.pick(world.users), agent: random.pick(world.agents), failed: false };
    if (roll < 5700) return { type: 'login', user: random.pick(world.users), agent: random.pick(world.agents), failed: true };
    if (roll < 5900) return { type: 'unknown-user' };
    if (roll < 5950) return { type: 'lockout', user: random.pick(world.users) };
    if (roll < 7600) return { type: 'logout', user: random.pick(world.users) };
    if (roll < 8400) return { type: 'admin', admin: random.pick(world.admins), user: random.pick(world.users) };
    if (roll < 9250) return { type: 'system' };
    if (roll < 9400) return { type: 'stack-trace' };
    return osNoise ? { type: 'os-noise' } : { type: 'system' };
  };
}

function makeRecord(maker, event) {
  switch (event.type) {
    case 'offline':
      return maker.offlineDownload(event.user, event.failed, event.errorMessage);
    case 'login':
      return maker.login(event.user, event.agent, event.failed);
    case 'unknown-user':
      return maker.unknownUser();
    case 'lockout':
      return maker.lockout(event.user);
    case 'logout':
      return maker.logout(event.user);
    case 'admin':
      return maker.admin(event.admin, event.user);
    case 'system':
      return maker.system();
    case 'stack-trace':
      return maker.dispatchError();
    default:
      throw new Error(`no AM record for ${event.type}`);
  }
}

const PRI = { INFO: '<14>', SYSTEM: '<14>', WARN: '<12>', ERROR: '<11>' };

/** The syslog envelope in front of an AM record, in the proportions a mixed receiver shows. */
function syslogLine(random, now, record) {
  const server = SERVERS[record.server];
  const am = `${now.date} ${now.time},${now.ms}, ${server.node}, ${record.category}, ${record.level}, ${record.body}\n`;
  const roll = random.below(100);
  if (roll < 30) return `${PRI[record.level]}${now.bsd} ${server.host} ${am}`;
  if (roll < 45) return `${now.bsd} ${server.host} ${am}`;
  if (roll < 60) return `${PRI[record.level]}${now.rfc3339} ${server.host} ${am}`;
  if (roll < 65) return `${now.rfc3339} ${server.host} ${am}`;
  if (roll < 80) return `${PRI[record.level]}${am}`;
  if (roll < 85) return am;
  // The host name runs straight into the AM date (a published rsyslog line does this).
  if (roll < 88) return `${now.bsd} ip-10-0-20-76${am}`;
  // The receiver stripped the header and the AM date together.
  return `${now.time},${now.ms}, ${server.node}, ${record.category}, ${record.level}, ${record.body}\n`;
}

function osNoiseLine(random, now) {
  const host = SERVERS[random.below(3)].host;
  switch (random.below(5)) {
    case 0:
      return `<85>${now.bsd} ${host} sudo: rsaadmin : TTY=unknown ; PWD=/opt/rsa/am/server ; USER=root ; COMMAND=/opt/rsa/am/utils/bin/appliance/queryTimeSettings.sh\n`;
    case 1:
      return `<86>${now.bsd} ${host} sudo: pam_unix(sudo:session): session opened for user root(uid=0) by (uid=1000)\n`;
    case 2:
      return `<30>${now.bsd} ${host} systemd[1]: Started Session ${random.below(90000)} of User rsaadmin.\n`;
    case 3:
      return `<78>${now.bsd} ${host} CRON[${1000 + random.below(30000)}]: (root) CMD (/opt/rsa/am/utils/bin/appliance/checkDiskSpace.sh)\n`;
    default:
      return `rsaadmin : TTY=unknown ; PWD=/opt/rsa/am/server ; USER=root ; COMMAND=/opt/rsa/am/utils/bin/appliance/queryTimeSettings.sh\n`;
  }
}

/**
 * Writes text from `nextText` until `size` characters are written (ASCII except the CSV's
 * curly quotes), in big chunks; optionally a gzip'd copy alongside.
 */
async function writeChunks(path, size, nextText, gzipPath) {
  const file = await open(path, 'w');
  const gzip = gzipPath ? createGzip() : null;
  const gzipOut = gzip ? gzip.pipe(createWriteStream(gzipPath)) : null;
  let bytes = 0;
  let written = 0;
  try {
    while (written < size) {
      const parts = [];
      let chars = 0;
      while (chars < CHUNK_CHARS && written + chars < size) {
        const text = nextText();
        parts.push(text);
        chars += text.length;
      }
      written += chars;
      const buffer = Buffer.from(parts.join(''), 'utf8');
      bytes += buffer.length;
      await file.write(buffer);
      if (gzip && !gzip.write(buffer)) await once(gzip, 'drain');
    }
  } finally {
    await file.close();
    if (gzip) {
      gzip.end();
      await finished(gzipOut);
    }
  }
  return bytes;
}

/** The syslog stream (and its gzip'd copy when `gzipPath` is given). */
export async function writeSyslog(path, { size, seed = 1, gzipPath }) {
  const world = createWorld(seed);
  const random = createRandom(seed * 7 + 1);
  const clock = createClock(random);
  const maker = createRecordMaker(world, random);
  const stats = newStats('syslog', path);
  const nextEvent = createEventPicker(world, random, stats, { osNoise: true });
  const nextText = () => {
    const now = clock.tick();
    const event = nextEvent();
    if (event.type === 'os-noise') {
      stats.lines++;
      stats.otherLines++;
      return osNoiseLine(random, now);
    }
    stats.records++;
    stats.lines++;
    const line = syslogLine(random, now, makeRecord(maker, event));
    if (event.type !== 'stack-trace') return line;
    const trace = stackTrace(random, '    ');
    stats.lines += trace.length;
    stats.otherLines += trace.length;
    return `${line}${trace.join('\n')}\n`;
  };
  stats.bytes = await writeChunks(path, size, nextText, gzipPath);
  if (!gzipPath) return { syslog: stats };
  const gzipStats = { ...stats, kind: 'gzip', path: gzipPath, uncompressedBytes: stats.bytes, bytes: (await stat(gzipPath)).size };
  return { syslog: stats, gzip: gzipStats };
}

/** An `imsRuntimeAudit.log`-style file with imsSystem-style entries and their stack traces. */
export async function writeAuditFile(path, { size, seed = 1 }) {
  const world = createWorld(seed);
  const random = createRandom(seed * 7 + 2);
  const clock = createClock(random);
  const maker = createRecordMaker(world, random);
  const stats = newStats('audit', path);
  const nextEvent = createEventPicker(world, random, stats, { osNoise: false });
  const nextText = () => {
    const now = clock.tick();
    const event = nextEvent();
    stats.records++;
    stats.lines++;
    const line = `${now.date} ${now.time},${now.ms}, ${makeRecord(maker, event).body}\n`;
    if (event.type !== 'stack-trace') return line;
    const trace = stackTrace(random, '\t');
    stats.lines += trace.length;
    stats.otherLines += trace.length;
    return `${line}${trace.join('\n')}\n`;
  };
  stats.bytes = await writeChunks(path, size, nextText);
  return { audit: stats };
}

/** RSA's formula guard (one space before = + - @), then RFC 4180 quoting. */
function csvField(value) {
  const text = /^[=+\-@]/.test(value) ? ` ${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The console Description of an offline download, in the three published variants. */
function downloadDescription(random, user, failed, errorMessage) {
  const agent = user.homeAgent.name;
  if (!failed) return `Offline Authentication data download requested by user ${user.id} from agent ${agent} using token ${user.shownSerial}`;
  switch (random.below(3)) {
    case 0:
      return `Offline Authentication data download requested by user ${user.id} from agent ${agent} using token ${user.shownSerial} failed with error message "${errorMessage}"`;
    case 1:
      return `Offline Authentication data download requested by user ${user.id} from agent ${agent} using token ${user.shownSerial} failed with error message: “${errorMessage}”`;
    default:
      return `Offline Authentication data download requested by user ${user.id} from agent ${agent}' using token ${user.shownSerial} failed with error message '${errorMessage}'`;
  }
}

/** One report row's fields after the user columns: Agent Type, Client IP, Instance Name, Argument1..10. */
function csvTail(clientIp, server, args) {
  const fields = [...args];
  while (fields.length < 10) fields.push('');
  return `Standard Agent,${clientIp},${SERVERS[server].node},${fields.map(csvField).join(',')}`;
}

function csvRow(random, now, event) {
  const stamp = `${now.date} ${now.time}.${now.ms}`;
  const server = random.below(3);
  const row = (level, activity, description, actionResult, resultKey, result, userCsv, tail) =>
    `${stamp},${level},${activity},${csvField(description)},${actionResult},${resultKey},${result},${userCsv},${tail}\r\n`;
  const noUser = ',,,,';
  switch (event.type) {
    case 'offline': {
      const { user, failed, errorMessage } = event;
      const domain = random.below(7) === 0 ? '' : user.domain.name;
      return row(
        failed ? 'ERROR' : 'INFO',
        failed ? FAILURE_ACTIVITY_TEXT : 'Offline Authentication Data Download',
        downloadDescription(random, user, failed, errorMessage),
        failed ? 'FAIL' : 'SUCCESS',
        failed ? (errorMessage === 'Invalid proof' ? 'OFFLINE_INVALID_PROOF' : 'OFFLINE_DAY_DATA_FAILED') : '',
        failed ? 'Failure' : 'Success',
        user.csv,
        csvTail(user.homeAgent.ip, server, ['', '', '', user.domain.guid, domain, '', '', user.tokenGuid, user.shownSerial, failed ? errorMessage : '']),
      );
    }
    case 'login':
      return row(
        event.failed ? 'ERROR' : 'INFO',
        'Principal authentication',
        event.failed
          ? `User ${event.user.id} failed to authenticate to agent ${event.agent.name} with SecurID_Native, passcode rejected`
          : `User ${event.user.id} successfully authenticated to agent ${event.agent.name} with SecurID_Native`,
        event.failed ? 'FAIL' : 'SUCCESS',
        event.failed ? 'AUTHN_METHOD_FAILED' : 'AUTHN_METHOD_SUCCESS',
        event.failed ? 'Failure' : 'Success',
        event.user.csv,
        csvTail(event.user.clientIp, server, ['AUTHN_LOGIN_EVENT', '5', '1', event.user.domain.guid, event.user.domain.name, '', '', event.user.tokenGuid, event.user.shownSerial]),
      );
    case 'unknown-user':
      return row('ERROR', 'Principal authentication', 'User unknown user attempted to authenticate, principal not found', 'FAIL', 'AUTHN_PRINCIPAL_NOT_FOUND', 'Failure', noUser, csvTail('192.168.9.9', server, []));
    case 'lockout':
      return row('WARN', 'Principal lockout', `User ${event.user.id} was locked out after too many failed attempts`, 'FAIL', 'AUTHN_PRINCIPAL_LOCKED', 'Failure', event.user.csv, csvTail(event.user.clientIp, server, []));
    case 'logout':
      return row('INFO', 'Principal logout', `User ${event.user.id} logged out`, 'SUCCESS', '', 'Success', event.user.csv, csvTail('', server, []));
    case 'admin':
      // Console descriptions of admin changes span lines and quote names.
      return row(
        'INFO',
        'Update Principal',
        `Administrator ${event.admin.id} updated user "${event.user.id}" in security domain "${event.user.domain.name}".\nChanged attributes:\nemail, mobile, "description"`,
        'SUCCESS',
        '',
        'Success',
        event.admin.csv,
        csvTail('10.20.5.9', server, ['PRINCIPAL', event.user.guid, '', event.user.domain.guid, event.user.id]),
      );
    case 'stack-trace':
      return row('ERROR', 'Event dispatch', `Unexpected exception:\n${EXCEPTIONS[0]}`, 'FAIL', 'UNEXPECTED_EXCEPTION', 'Failure', noUser, csvTail('', server, []));
    default:
      return row('INFO', 'Configuration value updated', 'ims.agent.monitor.lastTimestamp changed', 'SUCCESS', '', 'Success', noUser, csvTail('', server, ['ims.agent.monitor.lastTimestamp', '-1', '+01:00']));
  }
}

/** The "Authentication Activity" report export: UTF-8 BOM, CRLF, quoted multi-line fields. */
export async function writeReportCsv(path, { size, seed = 1 }) {
  const world = createWorld(seed);
  const random = createRandom(seed * 7 + 3);
  const clock = createClock(random);
  const stats = newStats('csv', path);
  const nextEvent = createEventPicker(world, random, stats, { osNoise: false });
  let headerWritten = false;
  const nextText = () => {
    if (!headerWritten) {
      headerWritten = true;
      stats.lines++;
      return `\uFEFF${CSV_COLUMNS.map(csvField).join(',')}\r\n`;
    }
    const text = csvRow(random, clock.tick(), nextEvent());
    stats.records++;
    stats.lines += text.split('\n').length - 1;
    return text;
  };
  stats.bytes = await writeChunks(path, size, nextText);
  return { csv: stats };
}

const MANIFEST = 'manifest.json';

/**
 * Writes the inputs of `kinds` into `dir` with `manifest.json` describing them (sizes,
 * record counts and the exact number of offline failures per file), and returns the manifest.
 */
export async function generateInputs({ dir, size, seed = 1, kinds = INPUT_KINDS }) {
  await mkdir(dir, { recursive: true });
  const path = (kind) => resolve(join(dir, FILE_NAMES[kind]));
  const jobs = [];
  if (kinds.includes('syslog') || kinds.includes('gzip')) {
    jobs.push(writeSyslog(path('syslog'), { size, seed, gzipPath: kinds.includes('gzip') ? path('gzip') : undefined }));
  }
  if (kinds.includes('audit')) jobs.push(writeAuditFile(path('audit'), { size, seed }));
  if (kinds.includes('csv')) jobs.push(writeReportCsv(path('csv'), { size, seed }));
  const manifest = { size, seed, files: Object.assign({}, ...(await Promise.all(jobs))) };
  await writeManifest(dir, manifest);
  return manifest;
}

/** The manifest of an earlier run in `dir`, or null when there is none. */
export async function readManifest(dir) {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

export async function writeManifest(dir, manifest) {
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '500MB' },
      dir: { type: 'string' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string' },
    },
  });
  if (!values.dir) throw new Error('--dir <folder> is required');
  const kinds = values.only ? values.only.split(',').map((k) => k.trim()) : INPUT_KINDS;
  const unknown = kinds.filter((k) => !INPUT_KINDS.includes(k));
  if (unknown.length > 0) throw new Error(`unknown input kind(s): ${unknown.join(', ')}; known: ${INPUT_KINDS.join(', ')}`);
  const started = performance.now();
  const manifest = await generateInputs({ dir: values.dir, size: parseSize(values.size), seed: Number(values.seed), kinds });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
  process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exitCode = 1;
  });
}
