// "Did you mean …": the known word nearest to a misspelt one, so that an editor mends a placeholder at once.

/** Edit distance (insertions, deletions, substitutions), ignoring case; both words are short (≤ 64). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitute = (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(substitute, (previous[j] as number) + 1, (row[j - 1] as number) + 1));
    }
    previous = row;
  }
  return previous[y.length] as number;
}

/**
 * ` (did you mean "parties"?)` for the nearest candidate within a third of the word's length (at least
 * one edit), the first in the list on a tie; '' when none is that near.
 */
export function closest(word: string, candidates: readonly string[]): string {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { candidate: string; d: number } | null = null;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d <= limit && (best === null || d < best.d)) best = { candidate, d };
  }
  return best ? ` (did you mean "${best.candidate}"?)` : '';
}
