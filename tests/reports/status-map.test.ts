// The world map of section II: each country coloured by its status, the same statuses giving the same bytes,
// nothing in it that could run or fetch, and the legend's words escaped.
import { describe, expect, it } from 'vitest';
import { statusMapSvg, type MapStatus } from '../../src/reports/services/status-map.ts';

const LEGEND = { party: 'Party', signatory: 'Signatory only', none: 'Neither' };

/** The path data drawn in one status's colour. */
function drawn(svg: string, colour: string): string {
  const m = new RegExp(`<g fill="${colour}"><path d="([^"]*)"/></g>`).exec(svg);
  if (!m) throw new Error(`no group in ${colour}`);
  return m[1] as string;
}

describe('statusMapSvg', () => {
  const statuses = new Map<string, MapStatus>([
    ['380', 'party'],
    ['076', 'signatory'],
  ]);

  it('gives the same bytes for the same statuses, whatever the order they are given in', () => {
    const reversed = new Map([...statuses].reverse());
    expect(statusMapSvg(reversed, LEGEND)).toBe(statusMapSvg(statuses, LEGEND));
  });

  it('colours a country by its status, and moves it when its status changes', () => {
    const before = statusMapSvg(statuses, LEGEND);
    const after = statusMapSvg(new Map([...statuses, ['076', 'party']]), LEGEND);
    expect(drawn(after, '#0b5394').length).toBeGreaterThan(drawn(before, '#0b5394').length);
    expect(drawn(after, '#f2b134')).toBe('');
    // Nothing is dropped: every country is drawn in one of the three colours.
    const total = (svg: string) => ['#0b5394', '#f2b134', '#d9d9d9'].map((c) => drawn(svg, c).length);
    expect(total(before).reduce((a, b) => a + b)).toBe(total(after).reduce((a, b) => a + b));
  });

  it('holds no script or external reference, and escapes the legend', () => {
    const svg = statusMapSvg(statuses, { ...LEGEND, none: '<script>alert(1)</script> & "x"' });
    expect(svg).not.toMatch(/<script|href|url\(|on[a-z]+=/i);
    expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;x&#34;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});
