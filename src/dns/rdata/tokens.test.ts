import { describe, expect, it } from 'vitest';
import { TextError } from '../wire-error.ts';
import { tokenizeRdata } from './tokens.ts';

const t = (text: string, quoted = false) => ({ text, quoted });

describe('tokenizeRdata', () => {
  it('splits on any whitespace', () => {
    expect(tokenizeRdata(' 10\tmail.example.org. \n')).toEqual([t('10'), t('mail.example.org.')]);
    expect(tokenizeRdata('')).toEqual([]);
  });

  it('reads quoted strings without their quotes, escapes kept', () => {
    expect(tokenizeRdata('"a b" "" "q\\"x" c')).toEqual([t('a b', true), t('', true), t('q\\"x', true), t('c')]);
  });

  it('keeps an escaped space inside a token', () => {
    expect(tokenizeRdata('a\\ b c')).toEqual([t('a\\ b'), t('c')]);
  });

  it('keeps a quoted run inside an unquoted token', () => {
    expect(tokenizeRdata('1 . alpn="h2 h3" port=1')).toEqual([t('1'), t('.'), t('alpn="h2 h3"'), t('port=1')]);
  });

  it('rejects unterminated quotes and text glued to a closing quote', () => {
    expect(() => tokenizeRdata('"abc')).toThrow(TextError);
    expect(() => tokenizeRdata('alpn="abc')).toThrow(/unterminated quoted string/);
    expect(() => tokenizeRdata('"abc"def')).toThrow(/text right after a closing quote/);
  });
});
