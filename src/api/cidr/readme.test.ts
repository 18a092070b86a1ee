/** The README of api/cidr: STYLE 3's sections, and its example prints what it shows. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('README.md', import.meta.url), 'utf8');
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('api/cidr README', () => {
  it('has the sections STYLE 3 asks for, in order', () => {
    expect([...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Name', 'Description', 'May import / must not', 'Interface', 'Examples', 'Errors', 'Metrics & logs']);
  });

  it('the example prints its output', () => {
    const example = /```ts\n(import[\s\S]*?)```\n\n```output\n([\s\S]*?)```/.exec(readme);
    expect(example).not.toBeNull();
    const out = execFileSync(process.execPath, ['--input-type=module-typescript', '-'], { cwd: ROOT, input: example![1], encoding: 'utf8' });
    expect(out).toBe(example![2]);
  });
});
