/**
 * Conventions as tests (STYLE 3, 7, 8): the README has its sections and its examples hold; dns/
 * uses no Buffer, imports nothing outside itself, and names its files in kebab-case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nameFromText } from './name.ts';
import { rdataFromText, rdataToText, tokenizeRdata } from './rdata/index.ts';
import { recordFromText } from './rdata/testing.ts';
import { RRType } from './constants.ts';
import { recordToText } from './text.ts';
import { TextError } from './wire-error.ts';

const here = new URL('./', import.meta.url);
const readme = readFileSync(new URL('README.md', here), 'utf8');

function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))]
    .flatMap((m) => m[1]!.split('\n')).filter((l) => l.trim() !== '');
}

describe('README', () => {
  // Sections and example domains are checked for every module README in test/conventions.test.ts.
  it('prints every record example back unchanged', () => {
    const lines = blocks('records');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(recordToText(recordFromText(line))).toBe(line);
  });

  it('accepts the non-canonical examples and prints their canonical form', () => {
    const lines = blocks('canonical');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [input, output] = line.split(' => ');
      expect(recordToText(recordFromText(input!))).toBe(output);
    }
  });

  it('runs the code example', () => {
    const origin = nameFromText('example.org.');
    const rdata = rdataFromText(RRType.MX, tokenizeRdata('10 mail'), origin);
    expect(rdataToText(RRType.MX, rdata)).toBe('10 mail.example.org.');
    expect(readme).toContain("rdataToText(RRType.MX, rdata); // '10 mail.example.org.'");
  });

  it('quotes error messages the code really produces', () => {
    expect(() => rdataFromText(RRType.MX, tokenizeRdata('65536 mail.example.org.'))).toThrow(new TextError('number 65536 is out of range (0-65535)'));
    expect(() => rdataFromText(RRType.SVCB, tokenizeRdata('1 . alpn'))).toThrow(new TextError('alpn: missing value'));
  });
});

describe('conventions', () => {
  const files = readdirSync(here, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = files.filter((f) => !f.endsWith('.test.ts') && !f.endsWith('testing.ts'));

  it('finds the files it checks', () => expect(source.length).toBeGreaterThan(15));

  it('names files in kebab-case', () => {
    for (const f of files) expect(f.split('/').at(-1)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.ts$/);
  });

  it('uses no Buffer and imports nothing outside dns/ in non-test code', () => {
    for (const f of source) {
      const text = readFileSync(new URL(f, here), 'utf8');
      expect(text, f).not.toMatch(/\bBuffer\b/);
      for (const m of text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gm)) {
        const spec = m[1]!;
        expect(spec.startsWith('.'), `${f} imports ${spec}`).toBe(true);
        const depth = f.split('/').length - 1;
        expect(spec.startsWith('../'.repeat(depth + 1)), `${f} imports ${spec}`).toBe(false);
        expect(spec.endsWith('.ts'), `${f} imports ${spec}`).toBe(true);
      }
    }
  });
});
