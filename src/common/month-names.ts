// The months as formal English and French write them, for dates written out in letters and notifications
// ("1 July 2003", "1er juillet 2003"). One table: depositary notifications and the events' letters share it.
// Notifications are never rewritten: a change here would change issued texts, so it needs a new template
// version in src/notifications/domain/template.ts, not an edit.

export type WrittenLanguage = 'en' | 'fr';

export const MONTH_NAMES: Readonly<Record<WrittenLanguage, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
};
