/** "Did you mean" suggestions for unknown zone, country and region keys. */

/** Levenshtein edit distance (insert, delete, substitute; each costs 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[t.length];
}

/**
 * Up to `limit` candidates close to `wanted`: those sharing its prefix first, then by edit distance
 * (at most a third of the longer string, at least 2), ties alphabetically.
 */
export function closeMatches(wanted: string, candidates: Iterable<string>, limit = 5): string[] {
  const w = wanted.toLowerCase();
  const scored: { key: string; score: number }[] = [];
  for (const key of candidates) {
    const k = key.toLowerCase();
    const distance = editDistance(w, k);
    const prefix = w.length >= 2 && (k.startsWith(w) || w.startsWith(k));
    const maxDistance = Math.max(2, Math.floor(Math.max(w.length, k.length) / 3));
    if (prefix) scored.push({ key, score: distance / 100 });
    else if (distance <= maxDistance) scored.push({ key, score: distance });
  }
  scored.sort((x, y) => x.score - y.score || x.key.localeCompare(y.key));
  return scored.slice(0, limit).map((s) => s.key);
}

/** ` Close matches: A, B.` or ` No close match.` — appended to "unknown key" messages. */
export function closeMatchesSentence(wanted: string, candidates: Iterable<string>): string {
  const matches = closeMatches(wanted, candidates);
  return matches.length > 0 ? ` Close matches: ${matches.join(', ')}.` : ' No close match.';
}
