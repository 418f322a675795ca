// Tests: ../model/action-resource.test.ts
/** Levenshtein distance between two strings (case-insensitive). */
function distance(left: string, right: string): number {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let row = 1; row <= a.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= b.length; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      current[column] = Math.min(
        (current[column - 1] ?? 0) + 1,
        (previous[column] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The names closest to `wanted`, best first: those containing it (or contained in it) and those within an edit
 * distance of a third of its length (at least 3).
 */
export function closeNames(wanted: string, names: readonly string[], limit = 5): string[] {
  const needle = wanted.trim().toLowerCase();
  const threshold = Math.max(3, Math.floor(needle.length / 3));
  return names
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = needle !== '' && (lower.includes(needle) || needle.includes(lower));
      return { name, score: contains ? 0 : distance(needle, lower) };
    })
    .filter((candidate) => candidate.score <= threshold)
    .sort((left, right) => left.score - right.score || left.name.localeCompare(right.name))
    .slice(0, limit)
    .map((candidate) => candidate.name);
}
