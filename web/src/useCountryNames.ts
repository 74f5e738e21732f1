// The name of a State as the UN writes it in the reader's language (UNSD M49, or CLDR where M49 has none:
// src/reference/domain/names.ts). The server sends English names; in another language the names module (about
// 90 kB of data) is loaded once, on demand, in its own chunk, and until it is in, or for a code it does not
// know, the server's English name is shown, marked lang="en".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type NamesModule = typeof import('../../src/reference/domain/names.ts');

let pending: Promise<NamesModule> | null = null;
let loaded: NamesModule | null = null;

function loadNames(): Promise<NamesModule> {
  pending ??= import('../../src/reference/domain/names.ts').then((m) => (loaded = m));
  // A failed load (network) may be tried again by the next page.
  pending.catch(() => (pending = null));
  return pending;
}

export interface ShownName {
  text: string;
  /** The language of the text, for its lang attribute. */
  lang: string;
}

export function useCountryNames(): (iso3: string, serverName: string) => ShownName {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [names, setNames] = useState<NamesModule | null>(loaded);
  useEffect(() => {
    if (language === 'en' || names) return;
    let live = true;
    loadNames().then(
      (m) => live && setNames(m),
      () => undefined, // the English names stay
    );
    return () => {
      live = false;
    };
  }, [language, names]);
  return useCallback(
    (iso3: string, serverName: string) => {
      const name = language === 'en' || !names ? null : names.countryName(iso3, language);
      return name ? { text: name.text, lang: name.lang } : { text: serverName, lang: 'en' };
    },
    [language, names],
  );
}
