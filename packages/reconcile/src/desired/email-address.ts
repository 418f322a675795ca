import { codePoint } from '../internal/code-point.js';

const emailPattern = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]{2,}$/;

/**
 * Characters no e-mail login may hold: control, format (Unicode category Cf, such as U+200B ZERO WIDTH SPACE or the
 * bidirectional controls), surrogate, private-use and unassigned code points (all of category C), separators and
 * other white space (category Z, `\s`), and default-ignorable code points (variation selectors, the Hangul
 * fillers …). Each of them is invisible or renders as a space, so two logins that look the same could differ by one.
 */
const hiddenCharacter = /[\p{C}\p{Z}\s\p{Default_Ignorable_Code_Point}]/u;
const hiddenCharacters = new RegExp(hiddenCharacter.source, 'gu');

/**
 * Why `value` is not a usable e-mail login, in a sentence that shows any invisible character as its code point
 * (`jane<U+200B>@example.com`); undefined when it is one. A pragmatic check: one `@`, no spaces or specials, a dot
 * in the domain, at most 254 characters, and no invisible, control or space character anywhere.
 */
export function describeEmailProblem(value: string): string | undefined {
  if (hiddenCharacter.test(value)) {
    const found = [...new Set(value.match(hiddenCharacters))].map(codePoint);
    return `"${showHidden(value)}" is not an e-mail address: it contains ${found.join(', ')} (invisible, control or space characters)`;
  }
  if (value.length > 254 || !emailPattern.test(value)) return `"${value}" is not an e-mail address`;
  return undefined;
}

/**
 * The login a person sees in `value`: its invisible, control and space characters removed. A row whose e-mail is
 * refused for such a character still names this user, so that the user it was meant for is left as they are
 * rather than read as gone from the source.
 */
export function visibleEmail(value: string): string {
  return value.replace(hiddenCharacters, '');
}

function showHidden(value: string): string {
  return value.replace(hiddenCharacters, (character) => `<${codePoint(character)}>`);
}
