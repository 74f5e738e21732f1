// Atom 1.0 (RFC 4287) feeds of depositary notifications, written as text (no I/O but a hash): the caller gives the notifications, already
// rendered, and the absolute URLs. Ids are stable: an entry's is its notification's urn:uuid (stored), a
// feed's a name-based UUID (RFC 9562 version 5) of its path, so they never depend on the host serving them.
import { createHash } from 'node:crypto';
import type { NotificationLanguage } from './domain/template.ts';

export interface AtomEntry {
  uid: string;
  title: string;
  text: string;
  /** RFC 3339 instants. */
  updated: string;
  published: string;
  alternate: string;
  json: string;
  category: string;
}

export interface AtomFeed {
  /** The feed's path, e.g. `/api/instruments/UNTOC/notifications.atom`: its id is derived from it. */
  path: string;
  title: string;
  lang: NotificationLanguage;
  self: string;
  alternate: string;
  /** The newest entry's instant; the feed's own when it has none. */
  updated: string;
  entries: AtomEntry[];
}

/** The name-based UUID of `name` in the URL namespace (RFC 9562 §5.5), as an URN. */
export function nameUuid(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'); // the URL namespace, RFC 9562 Appendix A
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** XML text and attribute values; characters XML 1.0 forbids are dropped (the store's text rules keep them out). */
export function xmlEscape(value: string): string {
  return value
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const AUTHOR = 'Palermo: the UNTOC treaty registry (depositary notifications)';

export function atomFeed(feed: AtomFeed): string {
  const e = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang}">`,
    `  <id>${nameUuid(feed.path)}</id>`,
    `  <title>${e(feed.title)}</title>`,
    `  <updated>${e(feed.updated)}</updated>`,
    `  <author><name>${e(AUTHOR)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>`,
    `  <generator>Palermo</generator>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${e(entry.uid)}</id>`,
      `    <title>${e(entry.title)}</title>`,
      `    <updated>${e(entry.updated)}</updated>`,
      `    <published>${e(entry.published)}</published>`,
      `    <link rel="alternate" type="text/html" href="${e(entry.alternate)}"/>`,
      `    <link rel="related" type="application/json" href="${e(entry.json)}"/>`,
      `    <category term="${e(entry.category)}"/>`,
      `    <content type="text">${e(entry.text)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
