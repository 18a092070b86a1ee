/**
 * Conventions as tests (STYLE 3, 7 and 8; after CoreDNS test/presubmit_test.go):
 * - every folder directly under src/ has a README.md with STYLE 3's seven sections, its Examples
 *   use only example.org, .net and .com names, and its runnable examples hold (below);
 * - every .ts file under src/ is named in kebab-case;
 * - the layers import only what STYLE 1 allows. Only non-test code is checked: test code is the
 *   *.test.ts files and the helpers that import vitest (they may import anything), and non-test
 *   code must not import those helpers;
 * - no enum, no namespace, no class but Error subclasses, no console.log outside src/cli/.
 *
 * Runnable README examples: a ```ts block followed by an ```output block runs from the
 * repository root on this Node (which strips the types) and must print the output. A ```console
 * block is a transcript: `$ ` starts a command, `> ` lines continue it, the other lines are its
 * output (stdout and stderr together), and a last line `[N]` is a non-zero exit status. The
 * commands of one README run in order in one new directory with bin/ on PATH; a command that
 * prints `signpost ready` is stopped there with SIGTERM. In expected output `...` matches any
 * text, and a line of only `...` matches any number of lines.
 *
 * A rule that existing code breaks is kept, with that case marked it.fails and the file named.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../src/api/errors.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const SECTIONS = ['Name', 'Description', 'May import / must not', 'Interface', 'Examples', 'Errors', 'Metrics & logs'];
/** The core layers of STYLE 1 (geo/ and traffic/ once they exist); they do no I/O. */
const CORE = ['dns', 'zone', 'geo', 'answer', 'traffic'];
const EDGES = ['store', 'health', 'server', 'api', 'domains', 'cli', 'console'];
const IO_MODULES = ['fs', 'net', 'dgram', 'http', 'sqlite'];

const modules = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
/** Every .ts file under src/, relative to src/ with forward slashes. */
const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => f.split(sep).join('/')).sort();
const source = new Map(files.map((f) => [f, readFileSync(join(SRC, f), 'utf8')]));

// ---- imports -----------------------------------------------------------------------------------

/** One import or re-export; `target` is `src/<path>` for project files, else the specifier. */
type Import = { file: string; spec: string; target: string };

const importCache = new Map<string, Import[]>();
/** Returns the imports, re-exports and dynamic imports of `file` (type-only ones included). */
function importsOf(file: string): Import[] {
  let list = importCache.get(file);
  if (!list) {
    list = ts.preProcessFile(source.get(file)!, true, true).importedFiles.map(({ fileName: spec }) => ({
      file, spec, target: spec.startsWith('.') ? posix.join('src', posix.dirname(file), spec) : spec,
    }));
    importCache.set(file, list);
  }
  return list;
}

const isTestCode = (file: string) => file.endsWith('.test.ts') || importsOf(file).some((i) => i.spec === 'vitest');
const production = files.filter((f) => !isTestCode(f));
const inModules = (...mods: string[]) => (i: Import) => mods.some((m) => i.target.startsWith(`src/${m}/`));
const ioModule = (i: Import) => IO_MODULES.includes(i.spec.replace(/^node:/, '').split('/')[0]!);

/** Imports by non-test files of `module` that `allowed` refuses, as "src/file imports spec". */
function violations(module: string, allowed: (i: Import) => boolean): string[] {
  return production.filter((f) => f.startsWith(`${module}/`)).flatMap(importsOf).filter((i) => !allowed(i))
    .map((i) => `src/${i.file} imports ${i.spec}`);
}

describe('imports follow the layers (STYLE 1)', () => {
  it('finds the code it checks', () => {
    expect(production.length).toBeGreaterThan(60);
    expect(importsOf('answer/lookup.ts').map((i) => i.target)).toContain('src/dns/index.ts');
    expect(production).not.toContain('store/store-suite.ts');
  });

  it('dns/ imports nothing outside dns/', () => {
    expect(violations('dns', inModules('dns'))).toEqual([]);
  });

  it('zone/ imports only dns/ and zone/', () => {
    expect(violations('zone', inModules('dns', 'zone'))).toEqual([]);
  });

  it('answer/ imports only dns/, zone/ and answer/ (and geo/)', () => {
    expect(violations('answer', inModules('dns', 'zone', 'geo', 'answer'))).toEqual([]);
  });

  for (const m of CORE.filter((c) => modules.includes(c))) {
    it(`${m}/ (core) imports no node:fs, net, dgram, http or sqlite and no edge`, () => {
      expect(violations(m, (i) => !ioModule(i) && !inModules(...EDGES)(i))).toEqual([]);
    });
  }

  it('store/ imports no server/, api/ or cli/', () => {
    expect(violations('store', (i) => !inModules('server', 'api', 'cli')(i))).toEqual([]);
  });

  it('non-test code imports no test helper', () => {
    const helpers = new Set(files.filter(isTestCode).map((f) => `src/${f}`));
    expect(production.flatMap(importsOf).filter((i) => helpers.has(i.target)).map((i) => `src/${i.file} imports ${i.spec}`)).toEqual([]);
  });
});

// ---- names and TypeScript ----------------------------------------------------------------------

describe('file names (STYLE 4)', () => {
  it('every .ts file under src/ is kebab-case', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.test|\.gen)?\.ts$/.test(posix.basename(f)))).toEqual([]);
  });
});

type Finding = { kind: 'enum' | 'namespace' | 'class' | 'console.log'; where: string; name: string; base: string | undefined };

/** Enums, namespaces, classes (with what they extend) and console.log uses in every file under src/. */
const findings: Finding[] = files.flatMap((file) => {
  const sf = ts.createSourceFile(file, source.get(file)!, ts.ScriptTarget.Latest, true);
  const out: Finding[] = [];
  const add = (kind: Finding['kind'], node: ts.Node, name = '', base?: string) =>
    out.push({ kind, where: `src/${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`, name, base });
  const visit = (node: ts.Node): void => {
    if (ts.isEnumDeclaration(node)) add('enum', node, node.name.text);
    // `declare module 'x'` augments a package and `declare global` the globals: not namespaces.
    if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name) && !(node.flags & ts.NodeFlags.GlobalAugmentation)) add('namespace', node, node.name.text);
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression.getText(sf);
      add('class', node, node.name?.text ?? '(anonymous)', base);
    }
    if (ts.isPropertyAccessExpression(node) && node.expression.getText(sf) === 'console' && node.name.text === 'log') add('console.log', node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
});

describe('TypeScript (STYLE 8)', () => {
  const where = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).map((f) => `${f.where} ${f.name}`.trim());

  it('declares no enum', () => expect(where('enum')).toEqual([]));

  it('declares no namespace', () => expect(where('namespace')).toEqual([]));

  it('declares no class but Error subclasses', () => {
    const errors = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'AggregateError']);
    const classes = findings.filter((f) => f.kind === 'class');
    expect(classes.length).toBeGreaterThan(3);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of classes) if (c.base && errors.has(c.base) && !errors.has(c.name)) { errors.add(c.name); grew = true; }
    }
    expect(classes.filter((c) => !c.base || !errors.has(c.base)).map((c) => `${c.where} class ${c.name} extends ${c.base ?? 'nothing'}`)).toEqual([]);
  });

  it('uses console.log only in src/cli/', () => {
    expect(findings.some((f) => f.kind === 'console.log' && f.where.startsWith('src/cli/'))).toBe(true);
    expect(where('console.log').filter((w) => !w.startsWith('src/cli/'))).toEqual([]);
  });
});

// ---- READMEs -----------------------------------------------------------------------------------

type Block = { lang: string; body: string[]; line: number };

/** Returns the fenced blocks of a markdown text, with the line each opens on. */
function blocksOf(md: string): Block[] {
  const lines = md.split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)$/.exec(lines[i]!);
    if (!open) continue;
    const line = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    out.push({ lang: open[1]!, body, line });
  }
  return out;
}

/** Returns the text of the `## name` section. */
function sectionOf(md: string, name: string): string {
  const start = md.search(new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  if (start < 0) return '';
  const next = md.slice(start + 3).search(/^## /m);
  return next < 0 ? md.slice(start) : md.slice(start, start + 3 + next);
}

const readmes = new Map(modules.filter((m) => existsSync(join(SRC, m, 'README.md'))).map((m) => [m, readFileSync(join(SRC, m, 'README.md'), 'utf8')]));

describe('every module has a README (STYLE 3)', () => {
  for (const m of modules) {
    it(`src/${m}/README.md has the seven sections, in order`, () => {
      const headings = [...(readmes.get(m) ?? '').matchAll(/^## (.+)$/gm)].map((h) => h[1]);
      expect(headings.filter((h) => SECTIONS.includes(h!))).toEqual(SECTIONS);
    });

    it(`src/${m}/README.md examples use only example.org, .net and .com names`, () => {
      const examples = sectionOf(readmes.get(m) ?? '', 'Examples');
      for (const d of examples.matchAll(/\b[a-z0-9-]+\.(org|net|com)\b/gi)) expect(d[0].toLowerCase()).toMatch(/^example\.(org|net|com)$/);
    });
  }

  it('src/api/README.md lists every error code of the catalogue', () => {
    const errors = sectionOf(readmes.get('api') ?? '', 'Errors');
    expect(Object.keys(ERRORS).filter((code) => !errors.includes(`| \`${code}\` | ${ERRORS[code as keyof typeof ERRORS].status} |`))).toEqual([]);
  });
});

// ---- runnable README examples ------------------------------------------------------------------

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineMatches = (actual: string, expected: string) => new RegExp(`^${expected.split('...').map(escapeRegExp).join('.*')}$`).test(actual);

/** True when `actual` matches `expected`, where `...` matches any text and a line `...` any lines. */
function matches(actual: string[], expected: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected as [string, ...string[]];
  if (first === '...') return actual.some((_, i) => matches(actual.slice(i), rest)) || matches([], rest);
  return actual.length > 0 && lineMatches(actual[0]!, first) && matches(actual.slice(1), rest);
}

function expectOutput(actual: string, expected: string[], what: string): void {
  const lines = actual.replace(/\n$/, '').split('\n');
  if (!matches(lines, expected)) expect(lines.join('\n'), what).toBe(expected.join('\n'));
}

/** The environment of examples: no SIGNPOST_* settings of whoever runs the tests, bin/ on PATH. */
function exampleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SIGNPOST_')) env[k] = v;
  return { ...env, PATH: `${join(ROOT, 'bin')}:${process.env.PATH ?? ''}` };
}

type Ran = { code: number | null; out: string; err: string };

/** Runs a program to its end, or until it prints `stopAt` (then SIGTERM to its process group; code 0). */
function runProgram(file: string, args: string[], cwd: string, input: string | undefined, stopAt?: string): Promise<Ran> {
  const child = spawn(file, args, { cwd, env: exampleEnv(), detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let stopped = false;
  const kill = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* already gone */ } };
  const timer = setTimeout(() => kill('SIGKILL'), 40_000);
  child.stdout!.on('data', (d: Buffer) => {
    if (stopped) return; // what it prints while stopping is not part of the example
    out += d.toString();
    const at = stopAt === undefined ? -1 : out.indexOf(stopAt);
    if (at >= 0) {
      stopped = true;
      out = out.slice(0, at + stopAt!.length);
      kill('SIGTERM');
    }
  });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  if (input !== undefined) child.stdin!.on('error', () => { /* a program that exits early closes its stdin */ }).end(input);
  return new Promise((resolve) => child.once('close', (code) => {
    clearTimeout(timer);
    resolve({ code: stopped ? 0 : code, out, err });
  }));
}

type Command = { command: string; expected: string[]; code: number };

/** Reads the commands of a ```console transcript. */
function transcript(block: Block): Command[] {
  const out: Command[] = [];
  for (const line of block.body) {
    const last = out.at(-1);
    if (line.startsWith('$ ')) out.push({ command: line.slice(2), expected: [], code: 0 });
    else if (line.startsWith('> ') && last && last.expected.length === 0) last.command += `\n${line.slice(2)}`;
    else if (last) last.expected.push(line);
    else throw new Error(`line ${block.line}: output before the first command`);
  }
  for (const c of out) {
    const status = /^\[(\d+)\]$/.exec(c.expected.at(-1) ?? '');
    if (status) {
      c.code = Number(status[1]);
      c.expected.pop();
    }
  }
  return out;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

for (const [m, md] of readmes) {
  const blocks = blocksOf(md);
  const code = blocks.flatMap((b, i) => (b.lang === 'ts' && blocks[i + 1]?.lang === 'output' ? [{ code: b, output: blocks[i + 1]! }] : []));
  const sessions = blocks.filter((b) => b.lang === 'console');
  if (code.length === 0 && sessions.length === 0) continue;

  describe(`src/${m}/README.md examples run`, () => {
    for (const { code: b, output } of code) {
      it(`the ts example at line ${b.line} prints its output`, async () => {
        const r = await runProgram(process.execPath, ['--input-type=module-typescript', '-'], ROOT, b.body.join('\n'));
        expect(r.err, 'stderr').toBe('');
        expect(r.code).toBe(0);
        expectOutput(r.out, output.body, `output of the example at line ${b.line}`);
      }, 60_000);
    }

    if (sessions.length > 0) {
      it('the console sessions print what they show', async () => {
        const dir = mkdtempSync(join(tmpdir(), `signpost-readme-${m}-`));
        scratch.push(dir);
        for (const c of sessions.flatMap(transcript)) {
          const r = await runProgram('sh', ['-c', `exec 2>&1\n${c.command}`], dir, undefined, c.command.startsWith('signpost start') ? 'signpost ready\n' : undefined);
          expectOutput(r.out, c.expected, `$ ${c.command}`);
          expect(r.code, `exit status of $ ${c.command}\n${r.out}`).toBe(c.code);
        }
      }, 180_000);
    }
  });
}
