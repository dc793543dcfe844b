/**
 * Rough token count used in episode records (words, numbers and punctuation marks). It does not
 * match any model's tokenizer; it is stable and cheap, which is what per-turn length analyses need.
 * Trainers record their own tokenizer's counts beside it.
 */
export function countTokens(text: string): number {
  // A character loop rather than a global regex match: this runs on every step and the match
  // array allocation dominated the environment's step time.
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
    if (word) {
      if (!inWord) n++;
      inWord = true;
    } else {
      inWord = false;
      // Whitespace separates; every other symbol is a token of its own.
      if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0)) n++;
    }
  }
  return n;
}

/** Cut `text` to `max` characters, saying how much was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n…[${text.length - max} more characters cut]`;
}

/** Lower-case, strip accents and punctuation, collapse whitespace: the form labels are compared in. */
export function normalizeLabel(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
