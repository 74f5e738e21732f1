// The registration form's arithmetic: people as rows and back, one head, base64 as the server decodes it,
// and the review decisions a status allows (the domain's rule).
import { describe, expect, it } from 'vitest';
import type { Delegation } from '../../api-delegations.ts';
import {
  base64Of,
  decisionsFor,
  delegatesOf,
  emptyPerson,
  personPaths,
  rowsOf,
  secondHead,
} from './registration-model.ts';

const person = (id: number, status: Delegation['delegates'][number]['status'], familyName: string) => ({
  id,
  position: 'member' as const,
  category: 'delegate' as const,
  status,
  title: null,
  givenName: 'A.',
  familyName,
  function: null,
  email: null,
  reason: null,
  statusSince: '2026-06-30T12:00:00.000Z',
  funded: false,
  erased: false,
});

describe('registration rows', () => {
  it('a new registration starts with its head of delegation', () => {
    expect(rowsOf(undefined)).toEqual([emptyPerson('head')]);
  });

  it('a registration on file gives the people still listed; withdrawn and refused stay out', () => {
    const delegation = {
      delegates: [
        person(1, 'approved', 'Diallo'),
        person(2, 'withdrawn', 'Sow'),
        person(3, 'refused', 'Ba'),
        person(4, 'changes_requested', 'Ndiaye'),
        person(5, 'waitlisted', 'Fall'),
      ],
    } as unknown as Delegation;
    expect(rowsOf(delegation).map((r) => r.familyName)).toEqual(['Diallo', 'Ndiaye', 'Fall']);
  });

  it('rows go to the API trimmed, an empty optional field as null', () => {
    const rows = [{ ...emptyPerson('head'), givenName: ' Awa ', familyName: 'Ndiaye ', email: ' ' }];
    expect(delegatesOf(rows)).toEqual([
      {
        position: 'head',
        category: 'delegate',
        title: null,
        givenName: 'Awa',
        familyName: 'Ndiaye',
        function: null,
        email: null,
      },
    ]);
    expect(personPaths(rows)).toContain('delegates.0.familyName');
  });

  it('finds a second head of delegation', () => {
    expect(secondHead([emptyPerson('head'), emptyPerson(), emptyPerson('head')])).toBe(2);
    expect(secondHead([emptyPerson(), emptyPerson('head')])).toBe(-1);
  });
});

describe('base64Of', () => {
  it('encodes as Node does, across its chunks', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 31 + 7) % 256);
    expect(base64Of(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64Of(new Uint8Array())).toBe('');
  });
});

describe('decisionsFor', () => {
  it('offers what the domain allows from each status', () => {
    expect(decisionsFor('pending')).toEqual(['approve', 'request_changes', 'refuse']);
    expect(decisionsFor('approved')).toEqual(['request_changes', 'refuse']);
    expect(decisionsFor('changes_requested')).toEqual(['refuse']);
    expect(decisionsFor('waitlisted')).toEqual(['refuse']);
    expect(decisionsFor('refused')).toEqual([]);
    expect(decisionsFor('withdrawn')).toEqual([]);
  });
});
