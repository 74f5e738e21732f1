// The soak's verdicts (bench/soak-report.ts): flat, grows or falls, from the samples under load, and the
// soak's section in bench/results.md replaced in place, never repeated or lost by a later run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  analyseSoak,
  readLastSoak,
  slope,
  SOAK_FILE,
  writeSoakIntoResults,
  type SoakResult,
  type SoakSample,
} from '../../bench/soak-report.ts';

/** 41 samples every 30 s (the first before the load), with `f(i)` as the RSS and steady other measures. */
function samples(f: (i: number) => number, more: Partial<SoakSample> = {}): SoakSample[] {
  return Array.from({ length: 41 }, (_, i) => ({
    second: i * 30,
    rssMiB: f(i),
    heapUsedMiB: 50,
    fds: 40,
    sockets: 10,
    lagP99Ms: 30,
    walKiB: 4000,
    dbKiB: 1000 + i * 100,
    readRate: i ? 600 : 0,
    readP99Ms: 20,
    writeP99Ms: 20,
    non2xx: 0,
    errors: 0,
    ...more,
  }));
}
const rss = (s: SoakSample[]) => analyseSoak(s, 0.2).measures.find((m) => m.name === 'RSS')!;

describe('soak verdicts', () => {
  it('the slope is the least-squares one', () => {
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(slope([[0, 7]])).toBe(0);
  });

  it('steady memory with noise is flat; the sample before the load does not count', () => {
    const s = samples((i) => (i === 0 ? 400 : 180 + ((i * 7) % 5)));
    expect(rss(s).verdict).toBe('flat');
    expect(analyseSoak(s, 0.2).pass).toBe(true);
  });

  it('memory that climbs steadily grows, even when each step is small', () => {
    const s = samples((i) => 180 + i * 1.5); // +60 MiB over 20 min
    expect(rss(s)).toMatchObject({ verdict: 'grows' });
    expect(rss(s).slopePerHour).toBeCloseTo(180, 0);
    expect(analyseSoak(s, 0.2).pass).toBe(false);
  });

  it('a step up in the middle is judged by its size against the bound', () => {
    // Within the bound both ways: flat.
    expect(rss(samples((i) => 180 + (i > 20 ? 10 : 0))).verdict).toBe('flat');
    // A rise far beyond the bound: grows.
    expect(rss(samples((i) => 180 + (i > 20 ? 100 : 0))).verdict).toBe('grows');
  });

  it('falling after warm-up passes; the database growing is information only', () => {
    const s = samples((i) => 260 - i * 2);
    expect(rss(s).verdict).toBe('falls');
    const db = analyseSoak(s, 0.2).measures.find((m) => m.judged === false)!;
    expect(db.verdict).toBe('grows');
    expect(analyseSoak(s, 0.2).pass).toBe(true);
  });

  it('errors, or a measure that could not be read, fail the soak', () => {
    expect(
      analyseSoak(
        samples(() => 180, { errors: 1 }),
        0.2,
      ).pass,
    ).toBe(false);
    expect(
      analyseSoak(
        samples(() => 180, { lagP99Ms: null }),
        0.2,
      ).pass,
    ).toBe(false);
  });
});

describe('the soak in bench/results.md and results.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palermo-soak-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written once, in place, and kept around what a normal run wrote', () => {
    const s = samples(() => 180);
    const result: SoakResult = {
      date: '2026-11-27T18:00:00.000Z',
      commit: 'abc1234',
      minutes: 20,
      readRate: 600,
      writeRate: 20,
      sampleSeconds: 30,
      tolerance: 0.2,
      samples: s,
      ...analyseSoak(s, 0.2),
      totalSeconds: 1250,
    };
    writeFileSync(join(dir, SOAK_FILE), JSON.stringify(result));
    writeFileSync(join(dir, 'results.md'), '# Palermo benchmark results\n\nfigures of a normal run\n');
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ figures: [1] }));
    const last = readLastSoak(dir)!;
    expect(last.date).toBe(result.date);
    writeSoakIntoResults(dir, last);
    writeSoakIntoResults(dir, { ...last, date: '2026-11-28T09:00:00.000Z' });
    const md = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(md.match(/## Soak/g)).toHaveLength(1);
    expect(md).toContain('figures of a normal run');
    expect(md).toContain('last run 2026-11-28 09:00 UTC, 20 min): PASS');
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(json.figures).toEqual([1]);
    expect(json.soak.date).toBe('2026-11-28T09:00:00.000Z');
  });
});
