// The reviewed copy of the authorization matrix (authorization-matrix.golden.txt): the policy table and the
// answer every caller gets, one line per policy action and per operation (and case), so that a change of who
// may do what shows as a readable diff, and two changes to different routes merge line by line.
//
// Regenerate after a deliberate, reviewed policy change:
//   UPDATE_GOLDEN=1 npx vitest run tests/security/authorization-matrix.test.ts
// CI (CI=true) refuses to regenerate: there the file is only compared.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { POLICY, ROLES, type PolicyAction } from '../../src/auth/domain/policy.ts';

export const GOLDEN_FILE = new URL('./authorization-matrix.golden.txt', import.meta.url);

const HEADER = `# The authorization matrix as reviewed: who may do what (tests/security/authorization-matrix.test.ts).
# A diff here is a change of permissions: review it against "Who sees what" in docs/ before committing it.
# Regenerate: UPDATE_GOLDEN=1 npx vitest run tests/security/authorization-matrix.test.ts (refused when CI=true).
`;

export type Section = 'policy' | 'answers';

const TITLES: Record<Section, string> = {
  policy:
    "== policy: each role's grant per action (any: every record; own: records of the States or donors it acts for; -: none)",
  answers:
    '== answers: the status each caller gets (2xx allowed; 401 sign in first; 403 refused; 404 refused, the record hidden)',
};

const ORDER: Section[] = ['policy', 'answers'];

function read(): Partial<Record<Section, string>> {
  let text = '';
  try {
    text = readFileSync(GOLDEN_FILE, 'utf8');
  } catch {
    return {};
  }
  const out: Partial<Record<Section, string>> = {};
  for (const part of text.split(/^(?=== )/m).slice(1)) {
    const section = ORDER.find((s) => part.startsWith(TITLES[s]));
    if (section) out[section] = part.slice(TITLES[section].length + 1).trimEnd();
  }
  return out;
}

/** Whether this run rewrites the file instead of comparing with it (never in CI). */
export function updating(): boolean {
  if (!process.env.UPDATE_GOLDEN) return false;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error('UPDATE_GOLDEN is refused in CI: regenerate the golden file locally and review the diff');
  return true;
}

/** Compares `actual` with the file's section (or rewrites the section when updating). */
export function expectGolden(section: Section, actual: string): void {
  const sections = read();
  if (updating()) {
    sections[section] = actual;
    const body = ORDER.filter((s) => sections[s] !== undefined)
      .map((s) => `${TITLES[s]}\n${sections[s]}\n`)
      .join('\n');
    writeFileSync(GOLDEN_FILE, `${HEADER}\n${body}`);
    return;
  }
  expect
    .soft(
      actual,
      `${section}: not as reviewed in authorization-matrix.golden.txt (to regenerate, see its first lines)`,
    )
    .toBe(sections[section] ?? '(missing section)');
}

const pad = (s: string, n: number): string => s.padEnd(n);

/** The policy table, one line per action in alphabetical order. */
export function policyLines(): string {
  const head = [pad('action', 20), 'public', 'denial', ...ROLES].join(' ');
  const actions = (Object.keys(POLICY) as PolicyAction[]).sort();
  const lines = actions.map((a) => {
    const p = POLICY[a];
    const roles: Partial<Record<string, string>> = p.roles;
    return [
      pad(a, 20),
      pad(p.public ? 'yes' : 'no', 6),
      pad(String(p.denial), 6),
      ...ROLES.map((r) => pad(roles[r] ?? '-', r.length)),
    ]
      .join(' ')
      .trimEnd();
  });
  return [head, ...lines].join('\n');
}

/** One line of the answers: each caller's status, the policy action and the operation (and case). */
export interface AnswerRow {
  path: string;
  method: string;
  label: string;
  action: string;
  statuses: Record<string, number>;
}

/** The answers, sorted by path, then method, then case in the order the test makes them. */
export function answerLines(callers: string[], rows: AnswerRow[]): string {
  const head = [...callers, pad('action', 20), 'operation [case]'].join(' ');
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.path.localeCompare(b.r.path) || a.r.method.localeCompare(b.r.method) || a.i - b.i)
    .map(({ r }) =>
      [
        ...callers.map((c) => pad(String(r.statuses[c] ?? '?'), c.length)),
        pad(r.action, 20),
        `${r.method} ${r.path}${r.label ? ` [${r.label}]` : ''}`,
      ].join(' '),
    );
  return [head, ...sorted].join('\n');
}
