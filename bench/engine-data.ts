// Deterministic synthetic registries for the engine benchmarks: instrument rules, participants, and
// signature/consent actions with pseudo-random dates (a small LCG seeded with a constant).
import { fromDayNumber, toDayNumber, type PartialDate } from '../src/common/dates.ts';
import type {
  ActionKind,
  InstrumentRules,
  ParticipantRef,
  RegistryAction,
} from '../src/treaties/domain/types.ts';

/** Numerical Recipes LCG: the same sequence on every run. Returns a float in [0, 1). */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticRules(
  id: string,
  options: { threshold: number; parentId?: string | null },
): InstrumentRules {
  const parentId = options.parentId ?? null;
  return {
    id,
    shortTitle: id,
    adoptedOn: '2000-11-15',
    signature: 'open',
    signatureOpensOn: '2000-12-12',
    signatureClosesOn: '2002-12-12',
    threshold: options.threshold,
    eifDays: 90,
    laterDays: 30,
    laterRule: parentId ? 'later_of' : 'plus_days',
    reioCounted: false,
    parentId,
    denunciationMonths: 12,
    eifArticle: parentId ? '17(1)' : '38(1)',
    laterArticle: parentId ? '17(2)' : '38(2)',
    signatureArticle: parentId ? '16(1)' : '36(1)',
    denunciationArticle: parentId ? '19(1)' : '40(1)',
    cascadeArticle: parentId ? null : '40(3)',
    parentRequirementArticle: parentId ? '37(2)' : null,
  };
}

/** `count` participants; the last one is a regional economic integration organization. */
export function syntheticParticipants(count: number): Map<string, ParticipantRef> {
  const map = new Map<string, ParticipantRef>();
  for (let i = 1; i <= count; i++) {
    const id = `P${String(i).padStart(3, '0')}`;
    map.set(id, { id, name: `Participant ${i}`, kind: i === count ? 'reio' : 'state' });
  }
  return map;
}

function day(d: number): PartialDate {
  const text = fromDayNumber(d);
  return { text, precision: 'day', earliest: text, latest: text };
}

const SIGNATURE_OPENS = toDayNumber('2000-12-12');
const CONSENT_KINDS: ActionKind[] = [
  'ratification',
  'ratification',
  'ratification',
  'acceptance',
  'approval',
];

/**
 * Every participant signs (within two years of the opening) and then consents (1 month to ~8 years later)
 * on the instrument; with `denunciationRate`, a few consents are later denounced.
 */
export function syntheticActions(
  instrumentId: string,
  participants: ReadonlyMap<string, ParticipantRef>,
  random: () => number,
  nextId: { value: number },
  denunciationRate = 0,
): RegistryAction[] {
  const actions: RegistryAction[] = [];
  for (const participantId of participants.keys()) {
    const signed = SIGNATURE_OPENS + Math.floor(random() * 730);
    const consented = signed + 30 + Math.floor(random() * 3000);
    actions.push({ id: nextId.value++, instrumentId, participantId, kind: 'signature', date: day(signed) });
    const kind = CONSENT_KINDS[Math.floor(random() * CONSENT_KINDS.length)] ?? 'ratification';
    actions.push({ id: nextId.value++, instrumentId, participantId, kind, date: day(consented) });
    if (denunciationRate > 0 && random() < denunciationRate) {
      const notified = consented + 365 + Math.floor(random() * 3000);
      actions.push({
        id: nextId.value++,
        instrumentId,
        participantId,
        kind: 'denunciation',
        date: day(notified),
      });
    }
  }
  return actions;
}

export interface SyntheticRegistry {
  instruments: InstrumentRules[];
  participants: Map<string, ParticipantRef>;
  actions: RegistryAction[];
}

/** One instrument (threshold 40) with `participantCount` participants, each with a signature and a consent. */
export function oneInstrument(participantCount: number, seed = 0x5eed): SyntheticRegistry {
  const random = lcg(seed);
  const participants = syntheticParticipants(participantCount);
  const instruments = [syntheticRules('BENCH', { threshold: 40 })];
  const actions = syntheticActions('BENCH', participants, random, { value: 1 });
  return { instruments, participants, actions };
}

/**
 * `instrumentCount` instruments (threshold 40) in families of four, like UNTOC and its three Protocols: a
 * parent Convention and three children. Parents get a few denunciations, which cascade to the children.
 */
export function manyInstruments(
  instrumentCount: number,
  participantCount: number,
  seed = 0x5eed,
): SyntheticRegistry {
  const random = lcg(seed);
  const participants = syntheticParticipants(participantCount);
  const instruments: InstrumentRules[] = [];
  const actions: RegistryAction[] = [];
  const nextId = { value: 1 };
  for (let i = 0; i < instrumentCount; i++) {
    const family = Math.floor(i / 4);
    const isParent = i % 4 === 0;
    const id = isParent ? `C${family}` : `C${family}-P${i % 4}`;
    instruments.push(syntheticRules(id, { threshold: 40, parentId: isParent ? null : `C${family}` }));
    for (const a of syntheticActions(id, participants, random, nextId, isParent ? 0.01 : 0)) actions.push(a);
  }
  return { instruments, participants, actions };
}
