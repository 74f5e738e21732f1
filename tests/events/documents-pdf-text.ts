// A small PDF reader for the tests of generated documents (no PDF tool is installed on these machines): it
// walks the objects of an uncompressed-xref PDF as Typst writes it, inflates FlateDecode streams, reads each
// font's ToUnicode CMap and decodes the text operators (Tj, TJ, ', ") of every page's content streams and
// the form XObjects they draw. A file it cannot walk fails the test, so a broken PDF is never "passed".
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfContent {
  pages: number;
  /** Text of each page: text runs joined by spaces, whitespace collapsed. */
  pageTexts: string[];
  /** Base names of the embedded fonts, subset prefix removed (NotoSans-Regular, …). */
  fonts: string[];
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(text))) {
    const from = m.index + m[0].length;
    const end = text.indexOf('endobj', from);
    const streamAt = text.indexOf('stream', from);
    if (end < 0) throw new Error(`object ${m[1]} has no endobj`);
    if (streamAt < 0 || streamAt > end) {
      objects.set(Number(m[1]), { dict: text.slice(from, end), stream: null });
      start.lastIndex = end;
      continue;
    }
    const dict = text.slice(from, streamAt);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
    if (!length) throw new Error(`object ${m[1]}: stream without a direct /Length`);
    let dataAt = streamAt + 'stream'.length;
    if (text[dataAt] === '\r') dataAt++;
    if (text[dataAt] === '\n') dataAt++;
    const raw = pdf.subarray(dataAt, dataAt + Number(length[1]));
    const stream = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    objects.set(Number(m[1]), { dict, stream });
    start.lastIndex = text.indexOf('endobj', dataAt + raw.length);
  }
  return objects;
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, dst] of (block[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(parseInt(code as string, 16), utf16(dst as string));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, dst] of (block[1] as string).matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const a = parseInt(lo as string, 16);
      const b = parseInt(hi as string, 16);
      const list = [...(dst as string).matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1] as string);
      for (let c = a; c <= b; c++) {
        if ((dst as string).startsWith('[')) map.set(c, utf16(list[c - a] as string));
        else {
          const first = Buffer.from(list[0] as string, 'hex');
          first.writeUInt16BE(first.readUInt16BE(first.length - 2) + (c - a), first.length - 2);
          map.set(c, first.swap16().toString('utf16le'));
        }
      }
    }
  return map;
}

/** A literal PDF string's bytes (escapes of ISO 32000-1 §7.3.4.2). */
function literalBytes(body: string): Buffer {
  const out: number[] = [];
  const named: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const next = body[++i] as string;
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
    if (octal) {
      out.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (next in named) out.push(named[next] as number);
    else if (next === '\r' || next === '\n') continue;
    else out.push(next.charCodeAt(0));
  }
  return Buffer.from(out);
}

type Token = { kind: 'string'; bytes: Buffer } | { kind: 'word'; value: string };

function tokens(content: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < content.length;) {
    const c = content[i] as string;
    if (c === '(') {
      let depth = 1;
      let j = i + 1;
      for (; j < content.length && depth > 0; j++) {
        if (content[j] === '\\') j++;
        else if (content[j] === '(') depth++;
        else if (content[j] === ')') depth--;
      }
      out.push({ kind: 'string', bytes: literalBytes(content.slice(i + 1, j - 1)) });
      i = j;
    } else if (c === '<' && content[i + 1] !== '<') {
      const j = content.indexOf('>', i);
      out.push({ kind: 'string', bytes: Buffer.from(content.slice(i + 1, j).replace(/\s/g, ''), 'hex') });
      i = j + 1;
    } else if (/\s/.test(c)) i++;
    else {
      const m = /^(<<|>>|\[|\]|\/?[^\s()<>[\]/]+|\S)/.exec(content.slice(i, i + 200)) as RegExpExecArray;
      out.push({ kind: 'word', value: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function readPdf(pdf: Buffer): PdfContent {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  if (!pdf.subarray(-1024).toString('latin1').includes('%%EOF')) throw new Error('PDF without %%EOF');
  const objects = readObjects(pdf);
  const get = (ref: string | undefined): PdfObject => {
    const object = objects.get(Number(ref));
    if (!object) throw new Error(`PDF refers to missing object ${ref}`);
    return object;
  };
  /** A dictionary entry, inline (`<< … >>`) or by reference. */
  const dictOf = (dict: string, key: string): string => {
    const ref = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    if (ref) return get(ref[1]).dict;
    const inline = new RegExp(`/${key}\\s*<<((?:[^<>]|<<[^<>]*>>)*)>>`).exec(dict);
    return inline ? (inline[1] as string) : '';
  };
  const named = (dict: string): Map<string, string> =>
    new Map([...dict.matchAll(/\/([\w.-]+)\s+(\d+) 0 R/g)].map((m) => [m[1] as string, m[2] as string]));

  const runText = (content: Buffer, resources: string, runs: string[]): void => {
    const fonts = named(dictOf(resources, 'Font'));
    const xobjects = named(dictOf(resources, 'XObject'));
    let cmap = new Map<number, string>();
    let run = '';
    const show = (bytes: Buffer) => {
      for (let k = 0; k + 1 < bytes.length; k += 2) run += cmap.get(bytes.readUInt16BE(k)) ?? '\uFFFD';
    };
    const stack: Token[] = [];
    for (const token of tokens(content.toString('latin1'))) {
      if (
        token.kind === 'string' ||
        !/^[A-Za-z'"*]+$/.test(token.value) ||
        ['true', 'false', 'null'].includes(token.value)
      ) {
        stack.push(token);
        continue;
      }
      const op = token.value;
      const operands = stack.splice(0);
      if (op === 'Tf') {
        const font = get(fonts.get((operands[0] as { value: string }).value.slice(1)));
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font.dict);
        cmap = toUnicode ? parseCMap(get(toUnicode[1]).stream?.toString('latin1') ?? '') : new Map();
      } else if (op === 'Tj' || op === 'TJ' || op === "'" || op === '"') {
        for (const t of operands) if (t.kind === 'string') show(t.bytes);
      } else if (op === 'ET') {
        runs.push(run);
        run = '';
      } else if (op === 'Do') {
        const form = get(xobjects.get((operands[0] as { value: string }).value.slice(1)));
        if (/\/Subtype\s*\/Form/.test(form.dict) && form.stream)
          runText(form.stream, dictOf(form.dict, 'Resources') || resources, runs);
      }
    }
  };

  const pageTexts: string[] = [];
  for (const object of objects.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(object.dict)) continue;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(object.dict);
    const refs = contents ? [...(contents[1] as string).matchAll(/(\d+) 0 R/g)].map((m) => m[1]) : [];
    const runs: string[] = [];
    const resources = dictOf(object.dict, 'Resources');
    for (const ref of refs) runText(get(ref).stream ?? Buffer.alloc(0), resources, runs);
    pageTexts.push(runs.join(' ').replace(/\s+/g, ' ').trim());
  }
  const catalogPages = /\/Type\s*\/Pages[\s\S]*?\/Count (\d+)/.exec(
    [...objects.values()].map((o) => o.dict).join('\n'),
  );
  if (!catalogPages || Number(catalogPages[1]) !== pageTexts.length)
    throw new Error(`page tree counts ${catalogPages?.[1]} pages, ${pageTexts.length} page objects found`);
  const fonts = [
    ...new Set(
      [...objects.values()].flatMap((o) =>
        [...o.dict.matchAll(/\/BaseFont \/(?:[A-Z]{6}\+)?([\w-]+)/g)].map((m) => m[1] as string),
      ),
    ),
  ].sort();
  return { pages: pageTexts.length, pageTexts, fonts };
}
