// PDF through Typst (compiled in a worker thread, typst-worker.ts).
//
// User text never enters Typst markup: every value reaches the document as a Typst string literal
// (`typstString`) inside code, where `#`, `*`, `_`, `$`, `[`, `]`, `@`, `<` and backslashes are plain
// characters. A string shown as content is set as text, never parsed, so no title can run Typst code.
import { createRequire } from 'node:module';
import type { IsoDate } from '../../common/dates.ts';
import { compileInWorker } from './typst-worker.ts';

/**
 * The Noto Sans files, found from the package at run time: the server runs from an esbuild bundle in dist/,
 * so a path fixed at build time (or relative to this file) would point nowhere.
 */
export function notoSansFiles(): string[] {
  const require = createRequire(import.meta.url);
  return [
    require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
    require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
    require.resolve('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
  ];
}

/** A Typst string literal holding `text` exactly (Typst reference, "Strings": escapes \\ \" \n \r \t \u{…}). */
export function typstString(text: string): string {
  const body = text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001F\u007F]/g,
      (c) => `\\u{${c.charCodeAt(0).toString(16)}}`,
    );
  return `"${body}"`;
}

/** A Typst array literal of strings; the trailing comma keeps a one-element array an array. */
export function typstStrings(texts: readonly string[]): string {
  return `(${texts.map((t) => `${typstString(t)},`).join(' ')})`;
}

/** A Typst `datetime` of a calendar day: the PDF's date is the document's own, so equal input gives equal bytes. */
export function typstDate(date: IsoDate): string {
  return `datetime(year: ${Number(date.slice(0, 4))}, month: ${Number(date.slice(5, 7))}, day: ${Number(date.slice(8, 10))})`;
}

/** Compiles a Typst source made by this folder into a PDF; a compile error is a bug here, reported with Typst's words. */
export function typstPdf(source: string): Promise<Buffer> {
  return compileInWorker(source, notoSansFiles());
}
