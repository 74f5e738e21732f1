// The signature clause of an instrument in words: open until a closing date, open with no closing date,
// or not open for signature at all (participants accede).
import type { TFunction } from 'i18next';
import type { Instrument } from '../../api.ts';

export function signaturePeriod(
  t: TFunction,
  date: (text: string) => string,
  i: Pick<Instrument, 'signature' | 'signatureOpensOn' | 'signatureClosesOn'>,
): string {
  if (i.signature === 'none' || i.signatureOpensOn === null) return t('signaturePeriod.none');
  const opens = date(i.signatureOpensOn);
  return i.signatureClosesOn === null
    ? t('signaturePeriod.openEnded', { opens })
    : t('signaturePeriod.open', { opens, closes: date(i.signatureClosesOn) });
}
