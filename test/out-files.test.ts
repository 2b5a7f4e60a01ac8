/** Report files: safe names from hostile user IDs, CSV cells that are no formulas, escaped Markdown. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userFileStem, userFileStems } from '../src/out/file-names.js';
import { FAILURES_CSV_COLUMNS, renderFailuresCsv } from '../src/render/csv.js';
import { escapeMarkdown } from '../src/render/markdown.js';
import type { Report } from '../src/report.js';
import { runCli } from './support/cli.js';
import { syslogLine } from './nightly-support.js';
import { tempDir } from './support/temp.js';

describe('user file names', () => {
  it('keeps safe IDs and gives hostile ones a readable name with a hash', () => {
    const ids = ['jdoe', 'CORP\\jdoe', '../x', '..', 'con', 'NUL.txt', 'Jürgen', '', '.hidden', 'a'.repeat(300), 'x/../../etc/passwd'];
    const stems = userFileStems(ids);
    expect([...stems.values()]).toEqual([
      'jdoe',
      `CORP_jdoe-${userFileStem('corp\\jdoe').slice(-8)}`,
      `x-${userFileStem('../x').slice(-8)}`,
      `user_-${userFileStem('..').slice(-8)}`,
      `user_con-${userFileStem('con').slice(-8)}`,
      `user_NUL.txt-${userFileStem('nul.txt').slice(-8)}`,
      `Jurgen-${userFileStem('jürgen').slice(-8)}`,
      `user_-${userFileStem('').slice(-8)}`,
      `hidden-${userFileStem('.hidden').slice(-8)}`,
      `${'a'.repeat(64)}-${userFileStem('A'.repeat(300)).slice(-8)}`,
      `x_.._.._etc_passwd-${userFileStem('x/../../etc/passwd').slice(-8)}`,
    ]);
    expect(userFileStem('CORP\\jdoe')).toMatch(/^CORP_jdoe-[0-9a-f]{8}$/);
  });

  it('never lets two IDs share a name on a case-insensitive file system', () => {
    const stems = [...userFileStems(['JDoe', 'jdoe', 'a/b', 'A_B', 'a\\b']).values()];
    expect(new Set(stems.map((s) => s.toLowerCase())).size).toBe(5);
    expect(stems[0]).toBe('JDoe');
    expect(stems[1]).toMatch(/^jdoe-[0-9a-f]{8}$/);
  });

  it('gives any string a plain, short name that is no device and no path', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 8 }), (ids) => {
        const stems = [...userFileStems(ids).values()];
        for (const stem of stems) {
          expect(stem).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,80}$/);
          expect(stem).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
        }
        expect(new Set(stems.map((s) => s.toLowerCase())).size).toBe(stems.length);
      }),
    );
  });
});

const hostile = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1', '＋1', '－1', '＠x', 'plain'];

function reportWith(values: string[]): Report {
  return {
    tool: { name: 'aamlog', version: '0.1.0' },
    generatedAt: '2026-11-28T02:00:05+01:00',
    timezone: 'Europe/Berlin',
    window: { from: null, to: null },
    inputs: [],
    snapshots: [],
    totals: { offlineFailures: values.length, users: values.length, openUsers: values.length, malformed: 0 },
    users: values.map((v) => ({
      userId: v,
      securityDomain: v,
      status: 'open',
      failures: 1,
      firstFailure: '2026-11-27T08:00:01+01:00',
      lastFailure: '2026-11-27T08:00:01+01:00',
      causes: [],
      groups: [
        {
          agent: v,
          agentIp: v,
          token: v,
          failures: 1,
          firstFailure: '2026-11-27T08:00:01+01:00',
          lastFailure: '2026-11-27T08:00:01+01:00',
          status: 'open',
          errors: [{ message: v, count: 1 }],
          causes: [{ id: 'unexplained', confidence: 'low', summary: v, evidence: [], remediation: [], snapshot: null }],
        },
      ],
    })),
  };
}

describe('failures.csv', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    const rows: string[][] = parse(renderFailuresCsv(reportWith(hostile)), { relax_column_count: false });
    expect(rows[0]).toEqual([...FAILURES_CSV_COLUMNS]);
    expect(rows).toHaveLength(hostile.length + 1);
    for (const row of rows.slice(1)) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n＝＋－＠]/);
    }
    expect(rows[1][0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1][10]).toBe(`'=HYPERLINK("http://x") (1)`);
    expect(rows.slice(1).map((r) => r[0])).toEqual(hostile.map((v) => (v === 'plain' ? v : `'${v}`)));
  });
});

describe('Markdown', () => {
  it('shows markup from a log as text', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))');
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b\\u000ac');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. one')).toBe('1\\. one');
    expect(escapeMarkdown('*x* _y_ `z` ~w~ #h \\')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\~w\\~ \\#h \\\\');
  });
});

describe('aamlog analyze --out with hostile user IDs', () => {
  const ids = ['../../escape', '/etc/passwd', 'CORP\\jdoe', 'con', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', 'JDOE'];
  it('writes every report inside the folder, one page per user, markup escaped', async () => {
    const root = tempDir('aamlog-out-');
    const out = join(root, 'deep', 'out');
    mkdirSync(join(root, 'logs'));
    writeFileSync(
      join(root, 'logs', 'am.log'),
      ids.map((user, i) => syslogLine({ minute: i, user, agent: 'ws-1', token: '000123456789' })).join(''),
    );
    const result = await runCli(['analyze', join(root, 'logs'), '--timezone', 'UTC', '--out', out, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(readdirSync(root).sort()).toEqual(['deep', 'logs']);
    expect(readdirSync(join(root, 'deep'))).toEqual(['out']);
    expect(readdirSync(out).sort()).toEqual(['failures.csv', 'index.html', 'index.md', 'summary.json', 'users']);
    const pages = readdirSync(join(out, 'users'));
    expect(pages).toHaveLength(2 * ids.length);
    expect(pages.every((p) => /^[A-Za-z0-9_][A-Za-z0-9._-]*\.(md|json)$/.test(p))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(JSON.parse(result.stdout));
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).not.toContain('<img');
    expect(index).toContain('[&lt;img src=x onerror=alert(1)&gt;](users/');
    expect(index).toContain('[\\[x\\](javascript:alert(1))](users/');
  });
});
