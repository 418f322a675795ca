/** Any character outside ASCII: such names take the full path (normalization and Unicode case folding). */
const nonAscii = /[\u0080-\u{10ffff}]/u;

/**
 * The form in which two userNames (e-mail logins) are compared: equal keys are the same person's login. The key is
 * the name in Unicode NFC with each character case-folded (Unicode's simple case folding, CaseFolding.txt status C
 * and S), so `José@Example.com` typed with a precomposed `é` (NFC) and with `e` followed by a combining accent (NFD)
 * are one login, as are `ΟΔΥΣΣΕΥΣ`, `οδυσσευσ` and `οδυσσευς` (final sigma) or `ſam` and `sam`.
 *
 * Only spellings that are certainly the same login are merged; a false merge would give one person's access to
 * another. So the key deliberately does not:
 * - **trim**: surrounding spaces are the job of whoever reads the text (sources trim their cells, the plan's
 *   `protectedUsers` entries are trimmed); a userName holding spaces is not a valid e-mail and is refused where
 *   desired state is checked, not silently merged with another login here;
 * - **fold compatibility characters (NFKC)**: full-width `ａ` or a mathematical `𝐚` are not the letter `a`;
 * - **apply full case folding**: `straße` and `strasse` stay apart (mail servers and IDNA2008 keep them apart), as
 *   do the ligature `ﬀ` and `ff`;
 * - **fold by locale**: Turkish dotless `ı` stays distinct from `i`.
 * Spellings it keeps apart but that may be the same person (look-alike letters from another script, `ß` and `ss`,
 * accents, compatibility forms) are for a look-alike check to report — the reconcile engine's `lookalike-user`
 * finding — never to be merged silently.
 *
 * `String.prototype.toLowerCase` alone is not case folding: it leaves `ſ` (long s) and the Kelvin sign unfolded and
 * lower-cases `Σ` to `ς` or `σ` depending on its neighbours. Here each character is folded on its own: upper-cased
 * then lower-cased when that gives one character, lower-cased otherwise. For every character this equals the
 * simple case folding of Unicode's CaseFolding.txt except dotless `ı` (kept as it is, explicitly) and the Cherokee
 * letters (folded to the other case of the same pair: the same equivalence). Names in ASCII take a fast path (plain
 * lower-casing), so keying large tenants costs little more than `toLowerCase`.
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

/** Unicode simple case folding of one character (see {@link userNameKey}). */
function foldCharacter(character: string): string {
  if (character < '\u0080') return character.toLowerCase();
  // Dotless i has no default case folding; upper-casing it would turn it into I, and so into i.
  if (character === '\u0131') return character;
  const folded = character.toUpperCase().toLowerCase();
  if (isOneCodePoint(folded)) return folded;
  // A character whose upper case is longer (ß → SS, ŉ → ʼN) folds simply to its lower case (ẞ → ß), or to itself.
  const lower = character.toLowerCase();
  return isOneCodePoint(lower) ? lower : character;
}

function isOneCodePoint(text: string): boolean {
  return text.length === 1 || (text.length === 2 && (text.codePointAt(0) ?? 0) > 0xffff);
}
