/**
 * Splits one record's rdata text into tokens (RFC 1035 5.1), for callers that hold a single
 * value (API values, tests) rather than a master file.
 *
 * - Whitespace separates tokens; `\` keeps the next character in the token (`a\ b` is one token).
 * - A token that starts with `"` is quoted: it runs to the next unescaped `"` and may hold spaces.
 *   Its text excludes the quotes.
 * - A `"` inside an unquoted token opens a quoted run that stays part of the token, quotes
 *   included, so `alpn="h2 h3"` is one token (RFC 9460 2.1 `key="value"`).
 * - Escapes stay unresolved: field kinds resolve them, because each kind has its own rules.
 * - Parentheses, comments and `$` directives are master-file syntax, handled by zone/.
 */
import { TextError } from '../wire-error.ts';
import type { Token } from './fields.ts';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Returns the tokens of one record's presentation rdata. */
export function tokenizeRdata(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) { i++; continue; }
    if (text[i] === '"') {
      const end = closingQuote(text, i + 1);
      tokens.push({ text: text.slice(i + 1, end), quoted: true });
      i = end + 1;
      if (i < text.length && !isSpace(text[i])) throw new TextError(`text right after a closing quote in ${text}`);
      continue;
    }
    const start = i;
    while (i < text.length && !isSpace(text[i])) {
      if (text[i] === '\\') i += 2;
      else if (text[i] === '"') i = closingQuote(text, i + 1) + 1;
      else i++;
    }
    tokens.push({ text: text.slice(start, Math.min(i, text.length)), quoted: false });
  }
  return tokens;
}

/** Returns the index of the unescaped `"` that closes a quoted run starting at `from`. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  throw new TextError(`unterminated quoted string in ${text}`);
}
