// Keeps the domain pure: files under src/**/domain/ import only other domain files and the shared
// calendar and error modules — never the database, HTTP, the file system or the UI.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Pure shared pieces a domain may use: calendar dates, the domain error, the written month names.
const ALLOWED_SHARED = ['src/common/dates.ts', 'src/common/errors.ts', 'src/common/month-names.ts'];

describe('architecture', () => {
  const domainFiles = files('src').filter((f) => f.includes('/domain/'));

  it('has domain files to check', () => {
    expect(domainFiles.length).toBeGreaterThan(3);
  });

  it.each(domainFiles)('%s imports nothing but the domain and shared calendar/errors/month names', (file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith('.'), `${file} imports package ${spec}`).toBe(true);
      const target = relative(process.cwd(), resolve(join(file, '..'), spec));
      expect(
        target.includes('/domain/') || ALLOWED_SHARED.includes(target),
        `${file} imports ${target}`,
      ).toBe(true);
    }
  });

  it('never reads ../shared at run time', () => {
    for (const file of files('src')) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\/work\/shared|shared\/(data|docs)\//);
    }
  });
});

// The web client takes its view of the server from the contracts alone: it imports from src/ only wire
// contracts (`contract.ts`, `*-contract.ts`), pure domain code and the calendar module, and every type in its API client
// is derived from a contract (z.infer / z.input / z.output, or from a type so derived), never copied.
describe('contracts', () => {
  const WEB_MAY_IMPORT = ['src/common/dates.ts'];
  /** Types of the API client that describe the client itself, not a server answer. */
  const UI_TYPES = new Set([
    'ProjectWrite', // the path segments of a project's writes
  ]);

  const webFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? webFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const serverImports = (file: string): string[] =>
    [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
      .map((m) => relative(process.cwd(), resolve(join(file, '..'), m[1] as string)))
      .filter((target) => target.startsWith('src/'));

  it.each(webFiles('web/src'))('%s imports from the server only contracts and pure code', (file) => {
    for (const target of serverImports(file)) {
      expect(
        /[/-]contract\.ts$/.test(target) || target.includes('/domain/') || WEB_MAY_IMPORT.includes(target),
        `${file} imports ${target}`,
      ).toBe(true);
    }
  });

  it('the API client declares no type of its own that mirrors a server answer', () => {
    const apiFiles = readdirSync('web/src')
      .filter((f) => /^api(-[a-z]+)*\.ts$/.test(f))
      .map((f) => join('web/src', f));
    expect(apiFiles.length).toBeGreaterThan(2);
    const sources = apiFiles.map((f) =>
      ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest),
    );
    // Names known to come from the server: what the client imports from src/, then what it derives.
    const derived = new Set<string>();
    const declarations: Array<{ file: string; name: string; node: ts.Node; isInterface: boolean }> = [];
    for (const source of sources) {
      for (const statement of source.statements) {
        if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
          if (!statement.moduleSpecifier.text.startsWith('../../src/')) continue;
          const bindings = statement.importClause?.namedBindings;
          if (bindings && ts.isNamedImports(bindings))
            for (const b of bindings.elements) derived.add(b.name.text);
        } else if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
          declarations.push({
            file: source.fileName,
            name: statement.name.text,
            node: ts.isTypeAliasDeclaration(statement) ? statement.type : statement,
            isInterface: ts.isInterfaceDeclaration(statement),
          });
        }
      }
    }
    const uses = (node: ts.Node): string[] => {
      const names: string[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isQualifiedName(n) && ts.isIdentifier(n.left) && n.left.text === 'z')
          names.push(`z.${n.right.text}`);
        else if (ts.isIdentifier(n)) names.push(n.text);
        ts.forEachChild(n, visit);
      };
      visit(node);
      return names;
    };
    const fromContract = (d: (typeof declarations)[number]): boolean =>
      !d.isInterface &&
      uses(d.node).some((n) => ['z.infer', 'z.input', 'z.output'].includes(n) || derived.has(n));
    for (let grew = true; grew;) {
      grew = false;
      for (const d of declarations) {
        if (!derived.has(d.name) && fromContract(d)) {
          derived.add(d.name);
          grew = true;
        }
      }
    }
    const copied = declarations
      .filter((d) => !derived.has(d.name) && !UI_TYPES.has(d.name))
      .map((d) => `${d.file}: ${d.name}`);
    expect(copied).toEqual([]);
  });
});

// ---- one home per rule: repositories, SQL, cycles ------------------------------------------------------

interface Import {
  from: string;
  /** The imported file, relative to the project (`src/…/x.ts`). */
  to: string;
  /** `import type …` / `export type …`: erased when the code runs. */
  typeOnly: boolean;
}

/** Every relative import and re-export of src/**\/*.ts (migrations are frozen files and import nothing). */
function sourceImports(): Import[] {
  return files('src')
    .filter((f) => !f.includes('/migrations/'))
    .flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'/gms,
        ),
      ].map((m) => ({
        from: file,
        to: relative(process.cwd(), resolve(join(file, '..'), m[2] as string)),
        typeOnly: m[1] !== undefined,
      })),
    );
}

/** `src/funds/repository.ts`, `src/funds/repository/pledges.ts`, `src/auth/lockout-repository.ts`. */
const isRepository = (file: string): boolean => /(^|[/-])repository(\.ts$|\/)/.test(file);
const featureOf = (file: string): string => file.split('/').slice(0, 2).join('/');

/**
 * Reads of another feature's repository that stay, each with its reason. Keep it short: a feature asks
 * another feature's services (src/<feature>/services/lookups.ts), never its tables.
 */
const CROSS_REPOSITORY_ALLOWED: ReadonlyArray<{ from: string; to: string; why: string }> = [
  {
    from: 'src/reference',
    to: 'src/treaties',
    why: 'the shipped reference data is the treaty registry itself: its loader writes through the treaty repository',
  },
];

describe('repositories', () => {
  const imports = sourceImports();

  it('finds the repositories and the imports to check', () => {
    expect(files('src').filter(isRepository).length).toBeGreaterThan(5);
    expect(imports.length).toBeGreaterThan(100);
  });

  it('no feature reads another feature’s repository', () => {
    const crossing = imports.filter(
      (i) =>
        !i.typeOnly &&
        isRepository(i.to) &&
        featureOf(i.from) !== featureOf(i.to) &&
        !CROSS_REPOSITORY_ALLOWED.some((a) => a.from === featureOf(i.from) && a.to === featureOf(i.to)),
    );
    expect(crossing.map((i) => `${i.from} imports ${i.to}`)).toEqual([]);
  });
});

/** Where SQL may be written: repositories, the store (src/db/) and the audit trail (src/audit/). */
const sqlAllowed = (file: string): boolean =>
  isRepository(file) || file.startsWith('src/db/') || file.startsWith('src/audit/');

/** Query building and raw SQL; a transaction (`db.transaction().execute(…)`) is a use case's business. */
const SQL_PATTERNS: ReadonlyArray<[string, RegExp]> = [
  ["kysely's sql tag imported", /import\s*\{[^}]*(?<!type\s)\bsql\b[^}]*\}\s*from\s*'kysely'/],
  ['sql`…`', /\bsql\s*(<[^>]*>)?\s*`/],
  [
    'query building',
    /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)\s*\(/,
  ],
  ['a compiled query run', /\.executeQuery\s*\(/],
];

describe('SQL', () => {
  const checked = files('src').filter((f) => !sqlAllowed(f));

  it('has files outside repositories to check', () => {
    expect(checked.length).toBeGreaterThan(50);
  });

  it('appears only in repositories, src/db/ and src/audit/', () => {
    const found = checked.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return SQL_PATTERNS.filter(([, re]) => re.test(text)).map(([what]) => `${file}: ${what}`);
    });
    expect(found).toEqual([]);
  });
});

/** A cycle in a graph of names, as `a → b → … → a`, or null. */
function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node].join(' → ');
    state.set(node, 'open');
    path.push(node);
    for (const next of [...(edges.get(node) ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...edges.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function graph(imports: readonly Import[], key: (file: string) => string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const [a, b] = [key(i.from), key(i.to)];
    if (a === b) continue;
    edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  return edges;
}

describe('import cycles', () => {
  const imports = sourceImports();

  it('none between files (type imports included)', () => {
    expect(findCycle(graph(imports, (f) => f))).toBeNull();
  });

  it('none between the folders of src/ (what loads what)', () => {
    const edges = graph(
      imports.filter((i) => !i.typeOnly),
      featureOf,
    );
    expect(findCycle(edges)).toBeNull();
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(edges)).toBe('a → b → c → a');
    expect(findCycle(new Map([['a', new Set(['b'])]]))).toBeNull();
  });
});
