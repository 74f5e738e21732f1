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

const ALLOWED_SHARED = ['src/common/dates.ts', 'src/common/errors.ts'];

describe('architecture', () => {
  const domainFiles = files('src').filter((f) => f.includes('/domain/'));

  it('has domain files to check', () => {
    expect(domainFiles.length).toBeGreaterThan(3);
  });

  it.each(domainFiles)('%s imports nothing but the domain and shared calendar/errors', (file) => {
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
// contracts (`contract.ts`), pure domain code and the calendar module, and every type in its API client
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
        target.endsWith('/contract.ts') || target.includes('/domain/') || WEB_MAY_IMPORT.includes(target),
        `${file} imports ${target}`,
      ).toBe(true);
    }
  });

  it('the API client declares no type of its own that mirrors a server answer', () => {
    const apiFiles = readdirSync('web/src')
      .filter((f) => /^api(-[a-z]+)?\.ts$/.test(f))
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
