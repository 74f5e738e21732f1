// What the notification pages share: the text in the reader's language (French or English, the two the
// templates write), and how a notification's reference is shown when the depositary's is not known.
import type { TFunction } from 'i18next';
import type { Notification } from '../../api-notifications.ts';

export function textLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}

export function referenceLabel(t: TFunction, n: Notification): string {
  if (n.reference) return n.reference;
  return t('notifications.noReference', { id: n.id });
}
