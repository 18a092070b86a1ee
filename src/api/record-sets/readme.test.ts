/**
 * Conventions as tests (STYLE 3, 7): the README has its sections and its examples hold; the
 * module's files are kebab-case and import only what the README allows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rrTypeFromString } from '../../dns/index.ts';
import { ApiError, apiError } from '../errors.ts';
import { NAMESPACE, parseRequest } from '../xml.ts';
import { parseChangeBatch } from './parse-change-batch.ts';
import { formatChangeBatchErrors, planChangeBatch } from './plan-change-batch.ts';
import { r53NameFromStored, r53NameText, parseR53Name, storedNameFromR53 } from './r53-names.ts';
import { hexToR53Value, r53ValueToHex } from './r53-values.ts';
import { APEX, rowOf, rrset } from './testing.ts';

const here = new URL('./', import.meta.url);
const readme = readFileSync(new URL('README.md', here), 'utf8');

function block(lang: string): string[] {
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme);
  return (m?.[1] ?? '').split('\n').filter((l) => l.trim() !== '');
}

describe('README', () => {
  it('has the sections STYLE 3 asks for, in order', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Name', 'Description', 'May import / must not', 'Interface', 'Examples', 'Errors', 'Metrics & logs']);
  });

  it('uses only example.org, .net and .com names', () => {
    for (const m of readme.matchAll(/\b[a-z0-9-]+\.(org|net|com)\b/g)) expect(m[0]).toMatch(/^example\.(org|net|com)$/);
  });

  it('holds for every name example', () => {
    const lines = block('names');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const [input, listed, stored] = line.split(' => ');
      expect(r53NameText(parseR53Name(input!))).toBe(listed);
      expect(storedNameFromR53(input!)).toBe(stored);
      expect(r53NameFromStored(stored!)).toBe(listed);
    }
  });

  it('holds for every value example', () => {
    const lines = block('values');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const [input, listed] = line.split(' => ');
      const type = rrTypeFromString(input!.slice(0, input!.indexOf(' ')))!;
      expect(hexToR53Value(type, r53ValueToHex(type, input!.slice(input!.indexOf(' ') + 1)))).toBe(listed);
    }
  });

  it('runs the planning example', () => {
    const body = `<ChangeResourceRecordSetsRequest xmlns="${NAMESPACE}"><ChangeBatch><Changes><Change><Action>CREATE</Action>`
      + '<ResourceRecordSet><Name>www.example.com</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value>'
      + '</ResourceRecord></ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>';
    const run = (current: typeof APEX) => {
      const { comment, changes } = parseChangeBatch(parseRequest(body, 'ChangeResourceRecordSetsRequest'));
      const result = planChangeBatch({ id: 'Z1EXAMPLE', name: 'example.com.' }, current, changes, comment);
      if (!result.ok) throw apiError('InvalidChangeBatch', formatChangeBatchErrors(result.messages));
      return result.plan;
    };
    expect(readme).toContain("const result = planChangeBatch({ id: 'Z1EXAMPLE', name: 'example.com.' }, current, changes, comment);");
    expect(run(APEX).puts).toHaveLength(1);
    expect(() => run([...APEX, rowOf(rrset('www.example.com', 'A', ['192.0.2.1']))])).toThrow(
      new ApiError('InvalidChangeBatch', "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists]"));
  });
});

describe('conventions', () => {
  const files = readdirSync(here).filter((f) => f.endsWith('.ts'));
  const source = files.filter((f) => !f.endsWith('.test.ts') && f !== 'testing.ts');
  const allowed = /^(\.\/[a-z0-9-]+\.ts|\.\.\/\.\.\/dns\/.+\.ts|\.\.\/\.\.\/zone\/routing\.ts|\.\.\/\.\.\/geo\/index\.ts|\.\.\/\.\.\/store\/types\.ts|\.\.\/errors\.ts|\.\.\/xml\.ts)$/;

  it('names files in kebab-case', () => {
    for (const f of files) expect(f).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.ts$/);
  });

  it('imports only what the README allows', () => {
    expect(source.length).toBeGreaterThan(10);
    for (const f of source) {
      const text = readFileSync(new URL(f, here), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gm)) expect(m[1], `${f} imports ${m[1]}`).toMatch(allowed);
    }
  });
});
