// The text of a depositary notification for every kind of action, in English and French, pinned by a
// reviewed golden file (tests/fixtures/notification-texts.golden.txt). Regenerate after a deliberate change
// of wording with UPDATE_GOLDEN=1 and review the diff; a change of wording also needs a new template version
// (src/notifications/domain/template.ts) so that notifications already issued keep theirs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NotificationFacts } from '../../src/notifications/domain/facts.ts';
import { cnReference } from '../../src/notifications/domain/facts.ts';
import {
  NOTIFIED_KINDS,
  renderNotification,
  writtenDate,
  type NotificationNames,
} from '../../src/notifications/domain/template.ts';
import { notificationNames } from '../../src/server/notification-names.ts';
import { ACTION_KINDS, type ActionKind } from '../../src/treaties/domain/types.ts';

const GOLDEN = 'tests/fixtures/notification-texts.golden.txt';

function facts(kind: ActionKind, more: Partial<NotificationFacts> = {}): NotificationFacts {
  return {
    category: 'action',
    kind,
    instrumentId: 'UNTOC',
    participantId: 'FRA',
    participantName: 'France',
    actionDate: '2002-10-29',
    article: null,
    territory: null,
    targetParticipantId: null,
    targetKind: null,
    targetDate: null,
    corrects: null,
    correctionReason: null,
    voids: false,
    ...more,
  };
}

/** One case per kind, with the particulars each kind's template writes, then corrigenda. */
const CASES: Array<[string, NotificationFacts]> = [
  ['signature', facts('signature', { actionDate: '2000-12-12' })],
  [
    'succession_to_signature',
    facts('succession_to_signature', { participantId: 'MNE', participantName: 'Montenegro' }),
  ],
  ['ratification', facts('ratification')],
  ['acceptance', facts('acceptance', { instrumentId: 'TIP' })],
  ['approval', facts('approval', { instrumentId: 'SOM', actionDate: '2006-05' })],
  [
    'accession',
    facts('accession', {
      instrumentId: 'FIREARMS',
      participantId: 'SSD',
      participantName: 'South Sudan',
      actionDate: '2023-10-20',
    }),
  ],
  [
    'succession',
    facts('succession', { participantId: 'MNE', participantName: 'Montenegro', actionDate: '2006-10-23' }),
  ],
  [
    'formal_confirmation',
    facts('formal_confirmation', {
      participantId: 'EUU',
      participantName: 'European Union',
      actionDate: '2004-05-21',
    }),
  ],
  ['declaration', facts('declaration', { article: '35(3)' })],
  ['reservation', facts('reservation', { article: '35(2)', actionDate: null })],
  [
    'objection',
    facts('objection', { targetParticipantId: 'QAT', targetKind: 'reservation', targetDate: '2008-05-10' }),
  ],
  [
    'withdrawal',
    facts('withdrawal', { targetKind: 'reservation', targetDate: '2002-10-29', actionDate: '2011' }),
  ],
  ['notification', facts('notification', { article: '18(13)' })],
  [
    'territorial_application',
    facts('territorial_application', {
      participantId: 'NLD',
      participantName: 'Netherlands',
      territory: 'Aruba',
    }),
  ],
  ['denunciation', facts('denunciation', { actionDate: '2026-01-01' })],
  [
    'corrigendum (replacement)',
    facts('declaration', {
      category: 'corrigendum',
      article: '35(2)',
      corrects: {
        reference: 'C.N.2.2026.TREATIES-XVIII.12',
        issuedOn: '2026-02-01',
        recordedAt: '2026-02-01T10:00:00.000Z',
      },
      correctionReason: 'the article was misread',
    }),
  ],
  [
    'corrigendum (void, no earlier reference)',
    facts('ratification', {
      category: 'corrigendum',
      voids: true,
      corrects: { reference: null, issuedOn: null, recordedAt: '2003-07-01T00:00:00.000Z' },
      correctionReason: 'recorded twice',
    }),
  ],
];

function renderAll(names: NotificationNames): string {
  const out: string[] = [];
  for (const [label, f] of CASES) {
    for (const lang of ['en', 'fr'] as const) {
      const r = renderNotification(f, lang, names);
      out.push(`=== ${label} [${lang}]`, `subject: ${r.subject}`, r.text, '');
    }
  }
  return out.join('\n');
}

describe('notification templates', () => {
  it('cover every kind of action', () => {
    expect([...NOTIFIED_KINDS].sort()).toEqual([...ACTION_KINDS].sort());
    const covered = new Set(CASES.filter(([, f]) => f.category === 'action').map(([, f]) => f.kind));
    expect([...covered].sort()).toEqual([...ACTION_KINDS].sort());
  });

  it('write every kind in English and French as the golden file has it', () => {
    const text = renderAll(notificationNames);
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('fall back to the registry’s name when the reference data has none', () => {
    const none: NotificationNames = { participant: () => null, instrument: () => null };
    const r = renderNotification(facts('ratification', { participantName: 'Utopia' }), 'fr', none);
    expect(r.subject).toBe('UTOPIA : RATIFICATION');
    expect(r.text.split('\n\n')[0]).toBe('UNTOC');
  });

  it('write dates as the source gives them, never inventing a day', () => {
    expect(writtenDate('2003-07-01', 'en')).toBe('1 July 2003');
    expect(writtenDate('2003-07-01', 'fr')).toBe('1er juillet 2003');
    expect(writtenDate('2003-07', 'fr')).toBe('juillet 2003');
    expect(writtenDate('2003', 'en')).toBe('2003');
  });

  it('refuse a template version they do not know', () => {
    expect(() => renderNotification(facts('signature'), 'en', notificationNames, 2)).toThrow(RangeError);
  });

  it('write C.N. symbols in the depositary’s style', () => {
    expect(cnReference(123, 2003, 'XVIII-12')).toBe('C.N.123.2003.TREATIES-XVIII.12');
    expect(cnReference(7, 2026, 'XVIII-12-c')).toBe('C.N.7.2026.TREATIES-XVIII.12.c');
  });
});
