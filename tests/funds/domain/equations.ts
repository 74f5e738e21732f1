// An independent oracle for the disclosure tests: which unknowns a system of linear equations determines,
// by exact elimination over the rationals (the attacker's own method), not by the graph reasoning the code
// uses (src/funds/domain/disclosure.ts).

/**
 * Each row is the set of unknowns it sums (coefficient 1). Reduced to row echelon form with integer rows
 * (kept small by their gcd), an unknown is determined when it is a pivot whose row holds no free unknown.
 */
export function determinedByEquations(rows: ReadonlyArray<readonly number[]>, columns: number): boolean[] {
  const m = rows
    .filter((r) => r.length > 0)
    .map((r) => {
      const row = new Array<bigint>(columns).fill(0n);
      for (const c of r) row[c] = 1n;
      return row;
    });
  const pivots: Array<[number, number]> = [];
  let next = 0;
  for (let c = 0; c < columns && next < m.length; c += 1) {
    const found = m.findIndex((row, i) => i >= next && row[c] !== 0n);
    if (found < 0) continue;
    [m[next], m[found]] = [m[found]!, m[next]!];
    const p = m[next]!;
    for (let i = 0; i < m.length; i += 1) {
      const row = m[i]!;
      if (i === next || row[c] === 0n) continue;
      const a = p[c]!;
      const b = row[c]!;
      m[i] = normalise(row.map((v, k) => v * a - p[k]! * b));
    }
    pivots.push([next, c]);
    next += 1;
  }
  const out = new Array<boolean>(columns).fill(false);
  for (const [r, c] of pivots) out[c] = m[r]!.every((v, k) => k === c || v === 0n);
  return out;
}

function normalise(row: bigint[]): bigint[] {
  let g = 0n;
  for (const v of row) g = gcd(g, v < 0n ? -v : v);
  return g > 1n ? row.map((v) => v / g) : row;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
