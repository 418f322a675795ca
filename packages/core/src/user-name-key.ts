/** Any character outside ASCII: such names take the full path (normalization and Unicode case folding). */
const nonAscii = /[^\u0000-\u007f]/;

/**
 * The form in which two userNames (e-mail logins) are compared: equal keys are the same person's login. The key is
 * the name's Unicode canonical caseless form — NFC normalization and full Unicode case folding (the canonical
 * caseless match of Unicode §3.13, D145) — so `José@Example.com` typed with a precomposed `é` (NFC) and with `e`
 * followed by a combining accent (NFD) are the same login, as are `STRASSE@x.de`, `straße@x.de` and `Straße@x.de`.
 *
 * What it deliberately does not do:
 * - **No trimming.** Surrounding spaces are the job of whoever reads the text (sources trim their cells, the plan's
 *   `protectedUsers` entries are trimmed); a userName with spaces is not a valid e-mail and is refused where
 *   desired state is checked, rather than silently merged with another login here.
 * - **No compatibility folding (NFKC).** Full-width `ａ` or a mathematical `𝐚` are not the letter `a`: such
 *   names are look-alikes, reported as such by the reconcile engine, never merged with the real login.
 * - **No locale-specific folding.** Turkish dotless `ı` stays distinct from `i` (Unicode's default folding).
 *
 * `String.prototype.toLowerCase` alone is not case folding: it leaves `ß`, `ſ` (long s), `ς` (final sigma) and
 * ligatures such as `ﬀ` unfolded and applies the final-sigma rule by context. Each character is folded here on its
 * own as upper-case-then-lower-case, which matches Unicode's CaseFolding.txt (status C and F) for every character
 * except `ı` and `ẞ`, handled explicitly, and the Cherokee letters, which fold to the other case of the same pair
 * (the same equivalence). ASCII-only names take a fast path (plain lower-casing), so keying large tenants costs
 * little more than before.
 *
 * @param userName - a userName or e-mail exactly as received.
 * @returns the comparison key; not meant for display or for sending to a server.
 * @example
 * ```ts
 * userNameKey('Jane.Doe@Example.com') === userNameKey('jane.doe@example.com'); // true
 * userNameKey('jose\u0301@example.com') === userNameKey('jos\u00e9@example.com'); // true (NFD and NFC)
 * userNameKey('\u0430dmin@example.com') === userNameKey('admin@example.com'); // false (Cyrillic а: a look-alike)
 * ```
 */
export function userNameKey(userName: string): string {
  if (!nonAscii.test(userName)) return userName.toLowerCase();
  let folded = '';
  for (const character of userName.normalize('NFD')) folded += foldCharacter(character);
  return folded.normalize('NFC');
}

/** Unicode full case folding of one character (see {@link userNameKey}). */
function foldCharacter(character: string): string {
  if (character < '\u0080') return character.toLowerCase();
  // Dotless i has no default case folding; upper-casing it would turn it into I, and so into i.
  if (character === '\u0131') return character;
  // Capital sharp s folds to "ss" (as ß does), while lower-casing it gives ß.
  if (character === '\u1e9e') return 'ss';
  return character.toUpperCase().toLowerCase();
}
