// A pseudo-locale for finding layout that breaks with longer text or with letters outside ASCII: every
// string accented (a → á, e → ë …) and padded to at least 40% longer, as German or Russian often are, with
// interpolation placeholders ({{count, number}}) and the product names left as they are so the page still
// works. Generated from English, never shipped as a language of its own.

const ACCENTS: Record<string, string> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'ë',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'ü',
  w: 'ŵ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  G: 'Ĝ',
  I: 'Î',
  L: 'Ļ',
  N: 'Ñ',
  O: 'Ö',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ţ',
  U: 'Û',
  Y: 'Ý',
  Z: 'Ž',
};

/** Interpolations and what must keep its spelling (names, codes, formats) pass through unchanged. */
const KEEP = /(\{\{[^}]*\}\}|\b(?:Palermo|CSV|XLSX|JSON|PDF|DOCX|USD|UTC|IATI|UNTOC|TIP|SOM|FIREARMS)\b)/;

/** The growth asked of every string: at least 40% longer than English. */
export const PSEUDO_GROWTH = 0.4;

export function pseudoString(text: string): string {
  const parts = text.split(KEEP);
  const accented = parts.map((part, i) =>
    i % 2 === 1 ? part : [...part].map((ch) => ACCENTS[ch] ?? ch).join(''),
  );
  const padding = Math.ceil(text.length * PSEUDO_GROWTH);
  // Bracketed so a clipped end shows: "[Ðáşĥƀöáŕð ~~~~]" cut short loses its closing bracket.
  return `[${accented.join('')} ${'~'.repeat(Math.max(padding - 3, 1))}]`;
}

/** Every string of a message tree through pseudoString, keys and shape kept. */
export function pseudoLocalize<T>(messages: T): T {
  const walk = (node: unknown): unknown =>
    typeof node === 'string'
      ? pseudoString(node)
      : Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, walk(v)]));
  return walk(messages) as T;
}
