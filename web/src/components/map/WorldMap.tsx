// The world map (loaded on its own, with d3-geo, topojson-client and the Natural Earth 1:50m countries
// of world-atlas from /api/geo/countries, only on pages that show it). Countries are matched to participants by their UN M49 code,
// which world-atlas uses as feature id. States too small to see at this scale get a marker, and Tuvalu,
// absent from the 1:50m file, a marker at its capital.
import { geoArea, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { fetchMapData } from './mapData.ts';
import { MAP_COLOURS, type MapEntry } from './mapStates.ts';

const WIDTH = 960;
const HEIGHT = 470;
/** Below this projected area (square units of the 960-wide drawing) a country also gets a marker. */
const SMALL = 12;
/** Members of the United Nations missing from the 1:50m file: [longitude, latitude] of the capital. */
const MISSING: Record<string, [number, number]> = { '798': [179.2, -8.52] };

type Country = Feature<Geometry, { name: string }>;

let atlas: Promise<Country[]> | null = null;

/** Starts loading the countries (once); the dashboard calls it before the map is on screen. */
export function loadAtlas(): Promise<Country[]> {
  atlas ??= (fetchMapData() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>)
    .then(
      (topology) =>
        (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>)
          .features,
    )
    .catch((error: unknown) => {
      atlas = null;
      throw error;
    });
  return atlas;
}

interface Shape {
  id: string;
  d: string;
  marker: [number, number] | null;
}

function project(countries: Country[]): { sphere: string; shapes: Shape[] } {
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const shapes: Shape[] = countries.map((c) => {
    const id = String(c.id ?? '');
    const small = path.area(c) < SMALL || geoArea(c) < 1e-5;
    return { id, d: path(c) ?? '', marker: small ? (projection(geoCentroid(c)) ?? null) : null };
  });
  for (const [id, lonLat] of Object.entries(MISSING)) {
    if (!shapes.some((s) => s.id === id)) shapes.push({ id, d: '', marker: projection(lonLat) ?? null });
  }
  return { sphere: path({ type: 'Sphere' }) ?? '', shapes };
}

interface Props {
  /** Participants by M49 code. */
  entries: Map<string, MapEntry>;
  label: string;
  /** The tooltip of a country: its name and status. */
  describe: (entry: MapEntry) => string;
  onError: (error: unknown) => void;
}

export default function WorldMap({ entries, label, describe, onError }: Props) {
  const [countries, setCountries] = useState<Country[] | null>(null);
  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (c) => live && setCountries(c),
      (e: unknown) => live && onError(e),
    );
    return () => {
      live = false;
    };
  }, [onError]);
  const drawing = useMemo(() => (countries ? project(countries) : null), [countries]);
  if (!drawing) return <div className="map-placeholder" aria-hidden="true" />;
  const fill = (id: string) => MAP_COLOURS[entries.get(id)?.category ?? 'territory'];
  return (
    <svg
      className="world-map"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="world-map"
    >
      <path className="sphere" d={drawing.sphere} />
      {drawing.shapes.map((s, i) => {
        const entry = entries.get(s.id);
        const attrs = entry ? { 'data-participant': entry.participantId, 'data-state': entry.category } : {};
        return (
          <g key={`${s.id}-${i}`} {...attrs}>
            {entry && <title>{describe(entry)}</title>}
            {s.d && <path d={s.d} fill={fill(s.id)} className="country" />}
            {s.marker && entry && (
              <circle cx={s.marker[0]} cy={s.marker[1]} r={3.5} fill={fill(s.id)} className="marker-dot" />
            )}
          </g>
        );
      })}
    </svg>
  );
}
