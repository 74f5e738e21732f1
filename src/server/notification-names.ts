// What the notifications feature is given (it reads neither the reference data nor the treaty registry, which
// write through it): names as the United Nations writes them, and whether an instrument or participant exists.
import type { ServiceContext } from '../context.ts';
import type { NotificationNames } from '../notifications/domain/template.ts';
import { countryName, instrumentTitle } from '../reference/domain/names.ts';
import { findInstrument, findParticipant } from '../treaties/services/lookups.ts';

export const notificationNames: NotificationNames = {
  participant: (id, lang) => countryName(id, lang)?.text ?? null,
  instrument: (id, lang) => instrumentTitle(id, lang)?.text ?? null,
};

export async function registryHas(
  ctx: ServiceContext,
  what: 'instrument' | 'participant',
  id: string,
): Promise<boolean> {
  const found =
    what === 'instrument' ? await findInstrument(ctx.store.db, id) : await findParticipant(ctx.store.db, id);
  return Boolean(found);
}
