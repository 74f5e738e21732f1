// The note verbale template the Secretariat edits: what it may hold, how its placeholders are filled, and
// the dates and lists written out in English and French.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/common/errors.ts';
import {
  DEFAULT_NOTE_TEMPLATES,
  fillNoteTemplate,
  MAX_TEMPLATE_LENGTH,
  NOTE_PLACEHOLDERS,
  validateNoteTemplate,
} from '../../src/events/documents/note-template.ts';
import { datesPhrase, listPhrase, longDate } from '../../src/events/documents/wording.ts';
import { NOTE_DATA } from './documents-fixtures.ts';

function refusal(template: string): DomainError {
  try {
    validateNoteTemplate(template);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error(`template accepted: ${template.slice(0, 80)}`);
}

describe('note verbale template', () => {
  it('the default templates use every placeholder, in English and French', () => {
    expect(validateNoteTemplate(DEFAULT_NOTE_TEMPLATES.en)).toEqual([...NOTE_PLACEHOLDERS]);
    expect(validateNoteTemplate(DEFAULT_NOTE_TEMPLATES.fr)).toEqual([...NOTE_PLACEHOLDERS]);
  });

  it('refuses unknown placeholders, naming every one of them at the field', () => {
    const error = refusal('{{reference}} {{state}} {{stat}} and {{ eventDate }} and {{stat}}');
    expect(error.code).toBe('validation');
    expect(error.field).toBe('template');
    expect(error.message).toContain('unknown placeholders {{stat}}, {{eventDate}}');
    expect(error.message).toContain('known: {{reference}}, {{state}}');
  });

  it('refuses braces that open or close no placeholder', () => {
    expect(refusal('{{reference}} {{state}} {{ unfinished').message).toMatch(/"\{\{" at .*unfinished/);
    expect(refusal('{{reference}} {{state}} stray }}').message).toMatch(/"\}\}"/);
    expect(refusal('{{reference}} {{state}} {{a{b}}').message).toMatch(/opens or closes no placeholder/);
  });

  it('refuses a note without the State or the reference, an empty one, a huge one, control characters', () => {
    expect(refusal('{{reference}} only').message).toMatch(/must contain \{\{state\}\}/);
    expect(refusal('nothing').message).toMatch(/\{\{reference\}\} and \{\{state\}\}/);
    expect(refusal('  \n ').message).toMatch(/empty/);
    const huge = `{{reference}} {{state}} ${'x'.repeat(MAX_TEMPLATE_LENGTH)}`;
    expect(refusal(huge).message).toMatch(/at most 20000/);
    expect(refusal('{{reference}} {{state}} \u0007').message).toMatch(/control character/);
    // Spaces inside the braces are allowed.
    expect(validateNoteTemplate('{{ reference }} {{state }}')).toEqual(['reference', 'state']);
  });

  it('fills the placeholders and reads the layout from the template alone', () => {
    const blocks = fillNoteTemplate(
      'Ref. {{reference}}\r\n\r\nTo {{ state }},\nin {{venue}} {{dates}}.\n\n\n>> {{place}}, {{date}}\n{{instruments}}',
      { ...NOTE_DATA, state: '>> Evil\n\nState' },
      'en',
    );
    expect(blocks).toEqual([
      { align: 'justify', lines: ['Ref. CU 2003/17'] },
      { align: 'justify', lines: ['To >> Evil State,', 'in Dakar, Senegal from 1 to 3 July 2003.'] },
      {
        align: 'right',
        lines: [
          'Vienna, 12 May 2003',
          'the Convention, the Trafficking in Persons Protocol and the Firearms Protocol',
        ],
      },
    ]);
  });

  it('writes the default English and French notes in full', () => {
    const text = (language: 'en' | 'fr') =>
      fillNoteTemplate(DEFAULT_NOTE_TEMPLATES[language], NOTE_DATA, language)
        .map((b) => b.lines.join('\n'))
        .join('\n\n');
    const en = text('en');
    expect(en.startsWith('Reference: CU 2003/17\n\nThe Secretariat of the United Nations presents its')).toBe(
      true,
    );
    expect(en).toContain(
      "compliments to the Permanent Mission of Côte d'Ivoire to the United Nations and has the honour to invite the Government of Côte d'Ivoire to participate in the Pre-ratification seminar for West African States, to be held in Dakar, Senegal from 1 to 3 July 2003.",
    );
    expect(en).toContain('no later than 1 June 2003');
    expect(en).toContain('renew to the Permanent Mission of');
    expect(en).toContain('the assurances of its highest consideration.\n\nVienna, 12 May 2003');
    const fr = text('fr');
    expect(fr).toContain('Référence : CU 2003/17');
    expect(fr).toContain('présente ses compliments à la Mission permanente de');
    expect(fr).toContain('qui se tiendra à Dakar, Senegal du 1er au 3 juillet 2003.');
    expect(fr).toContain('au plus tard le 1er juin 2003');
    expect(fr).toContain('les assurances de sa très haute considération.\n\nVienna, le 12 mai 2003');
  });
});

describe('dates and lists in words', () => {
  it.each([
    ['2003-07-01', '2003-07-01', 'on 1 July 2003', 'le 1er juillet 2003'],
    ['2003-07-01', '2003-07-03', 'from 1 to 3 July 2003', 'du 1er au 3 juillet 2003'],
    ['2003-06-30', '2003-07-02', 'from 30 June to 2 July 2003', 'du 30 juin au 2 juillet 2003'],
    [
      '2003-12-30',
      '2004-01-01',
      'from 30 December 2003 to 1 January 2004',
      'du 30 décembre 2003 au 1er janvier 2004',
    ],
  ])('%s to %s', (start, end, en, fr) => {
    expect(datesPhrase(start, end, 'en')).toBe(en);
    expect(datesPhrase(start, end, 'fr')).toBe(fr);
  });

  it('long dates and lists', () => {
    expect(longDate('2004-08-01', 'fr')).toBe('1er août 2004');
    expect(longDate('2004-08-21', 'en')).toBe('21 August 2004');
    expect(() => longDate('2004-02-30', 'en')).toThrow(RangeError);
    expect(listPhrase([], 'en')).toBe('');
    expect(listPhrase(['A'], 'en')).toBe('A');
    expect(listPhrase(['A', 'B'], 'fr')).toBe('A et B');
    expect(listPhrase(['A', 'B', 'C'], 'en')).toBe('A, B and C');
  });
});
