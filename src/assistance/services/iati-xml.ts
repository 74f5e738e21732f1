// A small XML writer for the IATI export: documents are built as a tree of elements and serialized in one
// place that escapes every attribute and text, so no caller ever concatenates markup. Characters that XML 1.0
// cannot carry (control characters other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF) are
// replaced by U+FFFD: the store refuses them on input, but data imported before that rule must not make the
// file unreadable.

export interface XmlElement {
  name: string;
  attrs: ReadonlyArray<readonly [string, string]>;
  children: ReadonlyArray<XmlElement | string>;
}

export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;
export type XmlChild = XmlElement | string | null | undefined | false;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** An element; attributes that are null or undefined are left out, children that are null/false too. */
export function el(
  name: string,
  attrs: XmlAttrs = {},
  ...children: Array<XmlChild | XmlChild[]>
): XmlElement {
  if (!NAME.test(name)) throw new RangeError(`not an XML name: ${name}`);
  const list: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(attrs)) {
    if (!NAME.test(key)) throw new RangeError(`not an XML attribute name: ${key}`);
    if (value === null || value === undefined) continue;
    list.push([key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  }
  const kids = children
    .flat()
    .filter((c): c is XmlElement | string => c !== null && c !== undefined && c !== false);
  return { name, attrs: list, children: kids };
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** The text with every character XML 1.0 cannot hold replaced by U+FFFD. */
export function xmlSafe(text: string): string {
  return text.toWellFormed().replace(NOT_XML, '\uFFFD');
}

export function escapeText(text: string): string {
  return xmlSafe(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
    return;
  }
  if (node.children.every((c) => typeof c === 'string')) {
    out.push(`${pad}<${node.name}${attrs}>${escapeText(node.children.join(''))}</${node.name}>`);
    return;
  }
  out.push(`${pad}<${node.name}${attrs}>`);
  for (const child of node.children) {
    if (typeof child === 'string') out.push(`${pad}  ${escapeText(child)}`);
    else write(child, depth + 1, out);
  }
  out.push(`${pad}</${node.name}>`);
}

/** The document: an XML declaration (UTF-8), an optional comment, and the root element, indented. */
export function serialize(root: XmlElement, comment?: string): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  // "--" may not appear inside a comment.
  if (comment) out.push(`<!-- ${xmlSafe(comment).replaceAll('--', '- -')} -->`);
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
