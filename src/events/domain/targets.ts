// Who an event is for, and whom to invite: targets named as the Secretariat thinks of them (a region, a
// sub-region, a UN regional group, a development class, or a State), resolved to States on a date — the
// development class that counts is the one valid then, since a country's class changes over time.
import { classOn, type ClassPeriod } from '../../treaties/domain/development-class.ts';
import type { IsoDate } from '../../common/dates.ts';
import { DomainError } from '../../common/errors.ts';
import type { TargetKind } from './events.ts';

export interface TargetState {
  id: string;
  name: string;
  region: string | null;
  subregion: string | null;
  intermediateRegion: string | null;
  unGroup: string | null;
  classes: readonly ClassPeriod[];
}

export interface Target {
  kind: TargetKind;
  value: string;
}

const DEVELOPMENT_CLASSES = ['developing', 'transition', 'developed'];

function attribute(state: TargetState, kind: Exclude<TargetKind, 'development_class' | 'state'>) {
  switch (kind) {
    case 'region':
      return state.region;
    case 'subregion':
      return state.subregion;
    case 'intermediate_region':
      return state.intermediateRegion;
    case 'un_group':
      return state.unGroup;
  }
}

/** The values a target of this kind may take, as the States' reference data has them. */
export function targetValues(kind: TargetKind, states: readonly TargetState[]): string[] {
  if (kind === 'development_class') return DEVELOPMENT_CLASSES;
  if (kind === 'state') return states.map((s) => s.id);
  return [...new Set(states.map((s) => attribute(s, kind)).filter((v): v is string => !!v))].sort();
}

/** Refuses a target naming no known region, group, class or State, at its place in the list. */
export function checkTargets(
  targets: readonly Target[],
  states: readonly TargetState[],
  field: string,
): void {
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const key = `${t.kind}:${t.value}`;
    if (seen.has(key)) {
      throw new DomainError('validation', `${t.kind} "${t.value}" is named twice`, {
        field: `${field}[${i}]`,
      });
    }
    seen.add(key);
    const values = targetValues(t.kind, states);
    if (!values.includes(t.value)) {
      const hint = t.kind === 'state' ? '' : ` (one of: ${values.join(', ')})`;
      throw new DomainError('validation', `no ${t.kind.replace(/_/g, ' ')} is called "${t.value}"${hint}`, {
        field: `${field}[${i}].value`,
      });
    }
  });
}

/** The States the targets name on `date`, sorted by id, each once. */
export function resolveTargets(
  targets: readonly Target[],
  states: readonly TargetState[],
  date: IsoDate,
): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    for (const s of states) {
      let match: boolean;
      if (t.kind === 'state') match = s.id === t.value;
      else if (t.kind === 'development_class') match = classOn(s.classes, date)?.class === t.value;
      else match = attribute(s, t.kind) === t.value;
      if (match) out.add(s.id);
    }
  }
  return [...out].sort();
}
