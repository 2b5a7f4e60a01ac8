import { describe, expect, it } from 'vitest';
import { parseTimeBound, ZonePlacer } from '../src/time.js';

const zone = 'Europe/Berlin';
const now = Date.parse('2026-11-28T10:30:00Z');
const iso = (ms: number) => new ZonePlacer(zone).iso(ms);

describe('AM wall-clock times in a zone', () => {
  it('places a winter time at +01:00 and a summer time at +02:00', () => {
    const placer = new ZonePlacer(zone);
    const winter = placer.epochMs({ year: 2026, month: 11, day: 27, hour: 8, minute: 0, second: 1, millisecond: 500 });
    const summer = placer.epochMs({ year: 2026, month: 7, day: 1, hour: 8, minute: 0, second: 1, millisecond: 0 });
    expect([placer.iso(winter), new Date(winter).toISOString()]).toEqual(['2026-11-27T08:00:01+01:00', '2026-11-27T07:00:01.500Z']);
    expect(placer.iso(summer)).toBe('2026-07-01T08:00:01+02:00');
  });

  it('writes the offset a zone had at each instant, across quarter-hour offsets and a DST change', () => {
    const at = (zone: string, utc: string) => new ZonePlacer(zone).iso(Date.parse(utc));
    expect([
      at('Asia/Kathmandu', '2026-11-27T02:14:59.999Z'),
      at('Asia/Kathmandu', '2026-11-27T02:15:00Z'),
      at('America/St_Johns', '2026-11-27T12:00:00Z'),
      at('Europe/Berlin', '2026-03-29T00:59:59Z'),
      at('Europe/Berlin', '2026-03-29T01:00:00Z'),
      at('America/New_York', '1969-12-31T23:59:59Z'),
    ]).toEqual([
      '2026-11-27T07:59:59+05:45',
      '2026-11-27T08:00:00+05:45',
      '2026-11-27T08:30:00-03:30',
      '2026-03-29T01:59:59+01:00',
      '2026-03-29T03:00:00+02:00',
      '1969-12-31T18:59:59-05:00',
    ]);
  });
});

describe('UTC, placed without the time-zone database', () => {
  it('gives what the database gives for a zone at +00:00 all year', () => {
    const times = [
      { year: 2026, month: 11, day: 27, hour: 8, minute: 0, second: 1, millisecond: 500 },
      { year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 60, millisecond: 999 },
      { year: 50, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    ];
    for (const name of ['UTC', 'utc', 'Etc/UTC']) {
      const fast = new ZonePlacer(name);
      const database = new ZonePlacer('Etc/GMT');
      for (const t of times) {
        const ms = fast.epochMs(t);
        expect(ms).toBe(database.epochMs(t));
        expect([fast.iso(ms), fast.hour(ms), fast.day(ms)]).toEqual([database.iso(ms), database.hour(ms), database.day(ms)]);
      }
    }
    expect(new ZonePlacer('UTC').iso(Date.parse('2026-11-27T08:00:01Z'))).toBe('2026-11-27T08:00:01+00:00');
  });
});

describe('--since and --until', () => {
  it('reads a bare date as the start of the day (since) or its end (until)', () => {
    expect(iso(parseTimeBound('2026-11-27', zone, 'since', now))).toBe('2026-11-27T00:00:00+01:00');
    expect(iso(parseTimeBound('2026-11-27', zone, 'until', now))).toBe('2026-11-27T23:59:59+01:00');
  });

  it('reads today, yesterday and Nd relative to now in the AM zone', () => {
    expect(iso(parseTimeBound('yesterday', zone, 'since', now))).toBe('2026-11-27T00:00:00+01:00');
    expect(iso(parseTimeBound('today', zone, 'until', now))).toBe('2026-11-28T23:59:59+01:00');
    expect(parseTimeBound('7d', zone, 'since', now)).toBe(now - 7 * 86_400_000);
  });

  it('reads local and offset times', () => {
    expect(iso(parseTimeBound('2026-11-27T08:15', zone, 'since', now))).toBe('2026-11-27T08:15:00+01:00');
    expect(parseTimeBound('2026-11-27T08:15:00Z', zone, 'since', now)).toBe(Date.parse('2026-11-27T08:15:00Z'));
  });

  it('rejects what is not a time, naming the option', () => {
    expect(() => parseTimeBound('last tuesday', zone, 'since', now)).toThrow("--since 'last tuesday' is not a time");
    expect(() => parseTimeBound('2026-02-30', zone, 'until', now)).toThrow("--until '2026-02-30' is not a time");
  });
});
