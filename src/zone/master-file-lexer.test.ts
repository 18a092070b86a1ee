import { describe, expect, it } from 'vitest';
import { readEntries } from './master-file-lexer.ts';

/** An entry as `[line, blankOwner, tokens]`, quoted tokens shown with their quotes. */
type Shown = [number, boolean, string[]];

const show = (text: string): Shown[] =>
  [...readEntries(text, 't')].map((e) => [e.line, e.blankOwner, e.tokens.map((t) => (t.quoted ? `"${t.text}"` : t.text))]);

const cases: { name: string; text: string; want: Shown[] }[] = [
  { name: 'one line', text: 'www 300 IN A 192.0.2.1', want: [[1, false, ['www', '300', 'IN', 'A', '192.0.2.1']]] },
  { name: 'blank owner', text: 'www A 192.0.2.1\n  A 192.0.2.2\n\tAAAA ::1\n', want: [[1, false, ['www', 'A', '192.0.2.1']], [2, true, ['A', '192.0.2.2']], [3, true, ['AAAA', '::1']]] },
  { name: 'blank and comment lines', text: '\n; note\n   ; indented note\n\nwww A 192.0.2.1 ; tail\n', want: [[5, false, ['www', 'A', '192.0.2.1']]] },
  { name: 'parentheses span lines', text: '@ SOA ns1 host (\n 1 ; serial\n 2 3 4\n 5 )\nwww A 192.0.2.1', want: [[1, false, ['@', 'SOA', 'ns1', 'host', '1', '2', '3', '4', '5']], [5, false, ['www', 'A', '192.0.2.1']]] },
  { name: 'parentheses glued to tokens', text: '@ SOA ns1 host (1 2\n3 4 5)', want: [[1, false, ['@', 'SOA', 'ns1', 'host', '1', '2', '3', '4', '5']]] },
  { name: 'continuation lines do not start a blank owner', text: 'www TXT (\n  "a"\n  "b" )', want: [[1, false, ['www', 'TXT', '"a"', '"b"']]] },
  { name: 'quotes keep ; and ( literally', text: 'www TXT "a;b(c)" ; comment', want: [[1, false, ['www', 'TXT', '"a;b(c)"']]] },
  { name: 'escapes stay unresolved', text: 'www TXT "say \\"hi\\"" "\\065\\\\"', want: [[1, false, ['www', 'TXT', '"say \\"hi\\""', '"\\065\\\\"']]] },
  { name: 'empty quoted string', text: 'www TXT ""', want: [[1, false, ['www', 'TXT', '""']]] },
  { name: 'escaped specials in a bare token', text: 'a\\;b\\(c\\ d A 192.0.2.1', want: [[1, false, ['a\\;b\\(c\\ d', 'A', '192.0.2.1']]] },
  { name: 'a quote ends a bare token', text: 'www TXT a"b c"', want: [[1, false, ['www', 'TXT', 'a', '"b c"']]] },
  { name: 'CRLF line ends', text: 'www A 192.0.2.1\r\n  A 192.0.2.2\r\n', want: [[1, false, ['www', 'A', '192.0.2.1']], [2, true, ['A', '192.0.2.2']]] },
  { name: 'byte-order mark', text: '\ufeffwww A 192.0.2.1', want: [[1, false, ['www', 'A', '192.0.2.1']]] },
  { name: 'directives are entries too', text: '$ORIGIN example.org.\n$TTL 1h', want: [[1, false, ['$ORIGIN', 'example.org.']], [2, false, ['$TTL', '1h']]] },
  { name: 'empty input', text: '', want: [] },
];

describe('readEntries', () => {
  it.each(cases)('$name', ({ text, want }) => {
    expect(show(text)).toEqual(want);
  });

  it('records the line of each token', () => {
    const [e] = [...readEntries('@ SOA ns1 host (\n 1 2\n 3 4 5 )', 't')];
    expect(e!.tokens.map((t) => t.line)).toEqual([1, 1, 1, 1, 2, 2, 3, 3, 3]);
  });
});
