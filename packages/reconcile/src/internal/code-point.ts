// Tests: ../desired/email-address.test.ts, ../plan/internal/lookalikes.test.ts

/** A character as its code point, e.g. `U+200B`, for messages that must show what cannot be seen. */
export function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
