/**
 * Splits master-file text into entries (RFC 1035 5.1): one entry per line, except that
 * parentheses continue an entry across line ends.
 *
 * Shared contract:
 * - Tokens keep their escapes unresolved (`\.`, `\"`, `\DDD`): the name and rdata parsers in dns/
 *   resolve them. Quotes are stripped and the token is marked `quoted`.
 * - Outside quotes, `;` starts a comment and `(` `)` group; inside quotes both are literal.
 * - An entry whose first line starts with a space or tab has a blank owner.
 * - A quoted string must close on its own line (as in BIND); CR is whitespace, so CRLF works.
 */
import type { Token } from '../dns/index.ts';
import { MasterFileError } from './master-file-error.ts';

/** A token and the line it was read on. */
export type LexToken = Token & { line: number };

/** One logical entry: a directive or a record, possibly spanning lines. */
export type Entry = { line: number; blankOwner: boolean; tokens: LexToken[] };

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\r';
const ENDS_UNQUOTED = new Set([' ', '\t', '\r', '\n', ';', '(', ')', '"']);

/**
 * Yields the entries of a master file in order; throws MasterFileError on bad quoting or
 * parentheses. `onComment` gets each comment (the text after `;`) and its line.
 */
export function* readEntries(text: string, fileName: string, onComment?: (line: number, text: string) => void): Generator<Entry> {
  const fail = (line: number, reason: string): never => {
    throw new MasterFileError(fileName, line, reason);
  };
  let line = 1;
  let depth = 0;
  let openLine = 0;
  let atLineStart = true;
  let cur: Entry = { line: 1, blankOwner: false, tokens: [] };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the owner
  while (i < text.length) {
    const ch = text[i]!;
    if (atLineStart) {
      atLineStart = false;
      if (depth === 0) {
        if (cur.tokens.length > 0) yield cur;
        cur = { line, blankOwner: ch === ' ' || ch === '\t', tokens: [] };
      }
    }
    if (ch === '\n') {
      line++;
      atLineStart = true;
      i++;
    } else if (isSpace(ch)) {
      i++;
    } else if (ch === ';') {
      const start = i;
      while (i < text.length && text[i] !== '\n') i++;
      onComment?.(line, text.slice(start + 1, i).replace(/\r$/, ''));
    } else if (ch === '(') {
      if (depth === 0) openLine = line;
      depth++;
      i++;
    } else if (ch === ')') {
      if (depth === 0) fail(line, 'unbalanced parentheses: ")" without a matching "("');
      depth--;
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') {
        if (j >= text.length || text[j] === '\n') fail(line, 'unterminated quoted string');
        j += text[j] === '\\' && j + 1 < text.length && text[j + 1] !== '\n' ? 2 : 1;
      }
      cur.tokens.push({ text: text.slice(i + 1, j), quoted: true, line });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !ENDS_UNQUOTED.has(text[j]!)) {
        // An escaped character (`\;`, `\(`, `\ `) belongs to the token; a trailing `\` is left
        // for the name or rdata parser to reject.
        j += text[j] === '\\' && j + 1 < text.length && text[j + 1] !== '\n' ? 2 : 1;
      }
      cur.tokens.push({ text: text.slice(i, j), quoted: false, line });
      i = j;
    }
  }
  if (depth > 0) fail(openLine, 'unbalanced parentheses: "(" is never closed');
  if (cur.tokens.length > 0) yield cur;
}
