import { describe, expect, it } from 'vitest';
import { FatalProblem } from './fatal-problem.ts';
import { keyFromStored, parseR53Name, r53NameFromStored, r53NameText, storedNameFromR53 } from './r53-names.ts';

describe('Route 53 names', () => {
  const cases: { input: string; out: string; stored: string }[] = [
    { input: 'www.example.com', out: 'www.example.com.', stored: 'www.example.com.' },
    { input: 'www.example.com.', out: 'www.example.com.', stored: 'www.example.com.' },
    { input: 'WWW.Example.COM', out: 'www.example.com.', stored: 'www.example.com.' },
    { input: '*.example.com', out: '\\052.example.com.', stored: '*.example.com.' },
    { input: '\\052.example.com.', out: '\\052.example.com.', stored: '*.example.com.' },
    { input: 'prod.*.example.org', out: 'prod.\\052.example.org.', stored: 'prod.*.example.org.' },
    { input: '_sip._tcp.example.net', out: '_sip._tcp.example.net.', stored: '_sip._tcp.example.net.' },
    { input: 'a-b.example.net', out: 'a-b.example.net.', stored: 'a-b.example.net.' },
    { input: 'a\\056b.example.com', out: 'a\\056b.example.com.', stored: 'a\\.b.example.com.' },
    { input: 'a\\.b.example.com', out: 'a\\056b.example.com.', stored: 'a\\.b.example.com.' },
    { input: 'sp\\040ace.example.com', out: 'sp\\040ace.example.com.', stored: 'sp\\032ace.example.com.' },
    { input: 'ex\\344mple.example.com', out: 'ex\\344mple.example.com.', stored: 'ex\\228mple.example.com.' },
    { input: 'a@b.example.com', out: 'a\\100b.example.com.', stored: 'a\\@b.example.com.' },
    { input: 'A\\101.example.com', out: 'aa.example.com.', stored: 'aa.example.com.' },
    // Issue 9: `\ ` and `\ç` escapes, and characters beyond ASCII (stored as their UTF-8 bytes).
    { input: 'sp\\ ace.example.com', out: 'sp\\040ace.example.com.', stored: 'sp\\032ace.example.com.' },
    { input: 'b\\ücher.example.com', out: 'b\\303\\274cher.example.com.', stored: 'b\\195\\188cher.example.com.' },
    { input: 'bücher.example.com', out: 'b\\303\\274cher.example.com.', stored: 'b\\195\\188cher.example.com.' },
    { input: 'ça.example.com', out: '\\303\\247a.example.com.', stored: '\\195\\167a.example.com.' },
    { input: '.', out: '.', stored: '.' },
  ];

  it.each(cases)('$input -> $out, stored $stored', ({ input, out, stored }) => {
    expect(r53NameText(parseR53Name(input))).toBe(out);
    expect(storedNameFromR53(input)).toBe(stored);
    expect(r53NameFromStored(stored)).toBe(out);
    expect(storedNameFromR53(out)).toBe(stored);
    expect(r53NameText(keyFromStored(stored))).toBe(out);
  });

  const long63 = 'a'.repeat(63);
  const errors: { input: string; code: string }[] = [
    { input: '', code: 'DomainNameEmpty' },
    { input: '.sub.example.com', code: 'DomainLabelEmpty' },
    { input: 'a..example.com', code: 'DomainLabelEmpty' },
    { input: 'example.com..', code: 'DomainLabelEmpty' },
    { input: `${'a'.repeat(64)}.example.com`, code: 'DomainLabelTooLong' },
    { input: `${long63}.${long63}.${long63}.${long63}.example.com`, code: 'DomainNameTooLong' },
    { input: 'has space.example.com', code: 'UnsupportedCharacter' },
    { input: 'tab\t.example.com', code: 'UnsupportedCharacter' },
    { input: 'bad\\8.example.com', code: 'InvalidEscapeSequence' },
    { input: 'bad\\400.example.com', code: 'InvalidEscapeSequence' },
    { input: 'bad\\05.example.com', code: 'InvalidEscapeSequence' },
    { input: 'trailing\\', code: 'InvalidEscapeSequence' },
  ];

  it.each(errors)('refuses $input with $code', ({ input, code }) => {
    let err: unknown;
    try {
      parseR53Name(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FatalProblem);
    expect((err as FatalProblem).code).toBe(code);
    expect((err as FatalProblem).message).toMatch(new RegExp(`^FATAL problem: ${code} \\(.+\\) encountered with '`));
  });

  it('quotes only the space or tab it cannot take (issue 9)', () => {
    expect(() => parseR53Name('has space.example.com')).toThrow("FATAL problem: UnsupportedCharacter (Value contains unsupported characters) encountered with ' '");
    expect(() => parseR53Name('tab\t.example.com')).toThrow("FATAL problem: UnsupportedCharacter (Value contains unsupported characters) encountered with '\t'");
  });

  it('says what Route 53 says for an empty label', () => {
    expect(() => parseR53Name('.sub.example.com')).toThrow("FATAL problem: DomainLabelEmpty (Domain label is empty) encountered with '.sub.example.com'");
  });

  it('accepts a name of exactly 255 bytes', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(parseR53Name(name).length).toBe(255);
    expect(() => parseR53Name(`${name}e`)).toThrow(/DomainLabelTooLong|DomainNameTooLong/);
  });
});
