// Instrument titles in the interface language: the translations hold the official titles of the four
// instruments; any other instrument (or a missing translation) falls back to the title the API gives.
import type { TFunction } from 'i18next';
import type { Instrument } from '../api.ts';
import en from '../locales/en.ts';

type KnownId = Exclude<keyof typeof en.instruments, 'adopted' | 'reference'>;

function isKnown(id: string): id is KnownId {
  const entry: unknown = (en.instruments as Record<string, unknown>)[id];
  return typeof entry === 'object' && entry !== null;
}

export function instrumentShortTitle(t: TFunction, i: Pick<Instrument, 'id' | 'shortTitle'>): string {
  return isKnown(i.id) ? t(`instruments.${i.id}.short`) : i.shortTitle;
}

export function instrumentTitle(t: TFunction, i: Pick<Instrument, 'id' | 'title'>): string {
  return isKnown(i.id) ? t(`instruments.${i.id}.title`) : i.title;
}
