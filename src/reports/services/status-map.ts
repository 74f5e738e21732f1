// The world map of section II (issue 15, item 3): each State coloured by its status on one instrument as at
// the report's date, drawn once on the server as SVG so that the HTML page, the DOCX and the PDF show the
// same figure. Natural Earth 1:110m countries from world-atlas (feature ids are UN M49 codes, as
// participants carry them), Equal Earth projection, coordinates rounded to one decimal: the same statuses
// give the same bytes. The colours are the web map's (web/src/components/map/mapStates.ts): they differ in
// lightness as well as hue, so they stay apart in grey scale and for common colour-vision deficiencies.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export const MAP_STATUSES = ['party', 'signatory', 'none'] as const;
export type MapStatus = (typeof MAP_STATUSES)[number];

const COLOURS: Readonly<Record<MapStatus, string>> = {
  party: '#0b5394',
  signatory: '#f2b134',
  none: '#d9d9d9',
};
const OCEAN = '#ffffff';
const BORDER = '#ffffff';
const WIDTH = 960;
const HEIGHT = 470;
const LEGEND = 40;

type Country = Feature<Geometry, { name: string }>;
let countries: Country[] | null = null;

function worldCountries(): Country[] {
  if (!countries) {
    const require = createRequire(import.meta.url);
    const topology = JSON.parse(
      readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'),
    ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    countries = (
      feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>
    ).features;
  }
  return countries;
}

const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The map as an SVG document. `statusOf` gives a country's status by its M49 code (countries it does not
 * know are `none`); `legend` names each status in the report's language. No script, no external reference:
 * the SVG is safe to inline in the HTML page and to embed in DOCX and PDF.
 */
export function statusMapSvg(
  statusOf: ReadonlyMap<string, MapStatus>,
  legend: Readonly<Record<MapStatus, string>>,
): string {
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(1);
  const shapes = worldCountries()
    .map((c) => ({ id: String(c.id ?? ''), d: path(c) ?? '' }))
    .filter((s) => s.d !== '')
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byStatus = new Map<MapStatus, string[]>(MAP_STATUSES.map((s) => [s, []]));
  for (const s of shapes) (byStatus.get(statusOf.get(s.id) ?? 'none') as string[]).push(s.d);
  const groups = MAP_STATUSES.map(
    (status) => `<g fill="${COLOURS[status]}"><path d="${(byStatus.get(status) as string[]).join('')}"/></g>`,
  ).join('');
  const keys = MAP_STATUSES.map((status, i) => {
    const x = 20 + i * 300;
    const y = HEIGHT + 14;
    return `<rect x="${x}" y="${y}" width="16" height="16" fill="${COLOURS[status]}" stroke="#666666" stroke-width="0.5"/><text x="${x + 24}" y="${y + 13}" font-family="Noto Sans, sans-serif" font-size="14" fill="#222222">${escapeXml(legend[status])}</text>`;
  }).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT + LEGEND}" width="${WIDTH}" height="${HEIGHT + LEGEND}">` +
    `<path d="${path({ type: 'Sphere' }) ?? ''}" fill="${OCEAN}" stroke="#999999" stroke-width="0.5"/>` +
    `<g stroke="${BORDER}" stroke-width="0.3">${groups}</g>${keys}</svg>`
  );
}
