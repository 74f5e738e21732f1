// The layout mirrors for Arabic because the style sheet and the inline styles speak of start and end
// (margin-inline-start, inset-inline-end, text-align: start), never of left and right: this test fails on
// any physical left/right property so a new rule cannot bring one back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const WEB_SRC = path.dirname(fileURLToPath(import.meta.url));

const PHYSICAL_CSS = [
  /(?:^|[\s;{])(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?\s*:/m,
  /(?:^|[\s;{])(?:left|right)\s*:/m,
  /(?:^|[\s;{])(?:text-align|float|clear)\s*:\s*(?:left|right)\b/m,
  /border-(?:top|bottom)-(?:left|right)-radius\s*:/m,
];

/** Physical properties as React writes them in a style object. */
const PHYSICAL_JSX =
  /\b(?:margin|padding|border)(?:Left|Right)\w*\s*:|\b(?:left|right)\s*:|\b(?:textAlign|float)\s*:\s*['"](?:left|right)['"]/;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(path.join(dir, e.name), ext)
      : e.name.endsWith(ext)
        ? [path.join(dir, e.name)]
        : [],
  );
}

function offending(css: string): string[] {
  // Comments may name the physical properties they replace.
  const rules = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return rules
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => PHYSICAL_CSS.some((re) => re.test(line)))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe('right-to-left layout', () => {
  it('the style sheets use logical properties, not left and right', () => {
    const found = files(WEB_SRC, '.css').flatMap((f) =>
      offending(readFileSync(f, 'utf8')).map((l) => `${path.relative(WEB_SRC, f)}:${l}`),
    );
    expect(found).toEqual([]);
  });

  it('the inline styles of the components use logical properties too', () => {
    const found: string[] = [];
    for (const f of files(WEB_SRC, '.tsx')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/style=\{\{([\s\S]*?)\}\}/g)) {
        if (PHYSICAL_JSX.test(m[1]!)) found.push(`${path.relative(WEB_SRC, f)}: style={{${m[1]}}}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('finds a physical property when there is one (the check can fail)', () => {
    expect(offending('.a {\n  margin-left: 1rem;\n}\n.b { right: 0; }\n.c { text-align: left; }')).toEqual([
      '2: margin-left: 1rem;',
      '4: .b { right: 0; }',
      '5: .c { text-align: left; }',
    ]);
    expect(
      offending('/* was margin-left */\n.a { margin-inline-start: 1rem; inset-inline-end: 0; }'),
    ).toEqual([]);
    expect(PHYSICAL_JSX.test(' marginLeft: 4 ')).toBe(true);
    expect(PHYSICAL_JSX.test(' marginInlineStart: 4 ')).toBe(false);
  });
});
