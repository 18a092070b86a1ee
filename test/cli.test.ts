/**
 * The real `bin/signpost` command: zone import/export round trips, bad files that change nothing,
 * status, configuration sources and errors, help, and the demo zone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameFromText, nameToText, lowerName } from '../src/dns/index.ts';
import { parseMasterFile } from '../src/zone/master-file.ts';
import { digSections } from './helpers/dns-case.ts';
import { BIN, dig, startSignpost } from './helpers/signpost.ts';

const root = mkdtempSync(join(tmpdir(), 'signpost-cli-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** Returns a new path under the test directory (not created). */
const fresh = (what: string) => join(root, `${what}-${++n}`);
/** Writes `text` to a new file and returns its path. */
function file(text: string, ext = 'zone'): string {
  const f = `${fresh('file')}.${ext}`;
  writeFileSync(f, text);
  return f;
}

/** The environment without SIGNPOST_* settings of whoever runs the tests, plus `env`. */
function cleanEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SIGNPOST_')) out[k] = v;
  return { ...out, ...env };
}

type Result = { code: number; stdout: string; stderr: string };

/** Runs `signpost ARGS` to completion, whatever its exit code. */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(BIN, args, { env: cleanEnv(env), timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command that must succeed; returns its stdout. */
async function ok(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await run(args, env);
  expect(r, `signpost ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
  return r.stdout;
}

/**
 * Runs `signpost start ARGS` until it prints `signpost ready`, then sends SIGTERM; resolves with
 * everything it printed and how it ended. (Whether that stop is graceful is racy today: see the
 * SIGTERM-at-ready bug below, so callers only look at the startup lines.)
 */
function startAndStop(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ output: string; code: number | null; signal: string | null }> {
  const child = spawn(BIN, ['start', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const collect = (d: Buffer) => {
    output += d.toString();
    if (output.includes('signpost ready\n') && child.exitCode === null) child.kill('SIGTERM');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.once('close', (code, signal) => {
    clearTimeout(timer);
    resolve({ output, code, signal });
  }));
}

/** Records of a master file as comparable strings: owner case-folded, TTL, type, rdata hex. */
function recordKeys(text: string, zone: string): string[] {
  return parseMasterFile(text, { origin: nameFromText(zone) })
    .map((r) => `${nameToText(lowerName(r.owner))} ${r.ttl} ${r.type} ${Buffer.from(r.rdata).toString('hex')}`)
    .sort();
}

const GOOD = `; a zone with a little of everything
$ORIGIN example.org.
$TTL 3600
@        IN SOA ns1 hostmaster (
                2024010101 ; serial
                7200 900 1209600 300 )
@        172800 IN NS ns1
@        172800 IN NS ns2.example.net.
ns1      IN A     192.0.2.53
@        IN A     192.0.2.1
@        IN AAAA  2001:db8::1
@        IN MX    10 mail
@        IN TXT   "v=spf1 -all" "second; string"
@        IN CAA   0 issue "letsencrypt.org"
Mail     IN A     192.0.2.25
www      300 IN CNAME @
api      60 IN A  192.0.2.20
api      60 IN A  192.0.2.21
_sip._tcp IN SRV  10 60 5060 sip
sip      IN A     192.0.2.30
*.apps   IN A     192.0.2.40
sub      IN NS    ns.sub
ns.sub   IN A     192.0.2.54
`;
const GOOD_RECORDS = 18;
const GOOD_SETS = 16;

describe('zone import and export', () => {
  const dataDir = fresh('data');
  const goodFile = file(GOOD);
  let zoneId = '';
  let exported = '';

  it('import of a new zone prints "created" with the record count and version 1', async () => {
    const out = await ok(['zone', 'import', 'example.org.', goodFile, '--data-dir', dataDir, '--keep-apex-records']);
    const m = /^created zone example\.org\. \(id (Z[A-Z0-9]{20})\): (\d+) records, version 1\n$/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![2])).toBe(GOOD_RECORDS);
    zoneId = m![1]!;
  });

  it('export prints a master file with the records that were imported', async () => {
    exported = await ok(['zone', 'export', 'example.org.', '--data-dir', dataDir]);
    expect(exported).toContain('\n$ORIGIN example.org.\nexample.org. 3600 IN SOA ns1.example.org. hostmaster.example.org. 2024010101 7200 900 1209600 300\n');
    expect(exported).toContain('www.example.org. 300 IN CNAME example.org.\n');
    expect(exported).toContain('example.org. 3600 IN TXT "v=spf1 -all" "second; string"\n');
    expect(recordKeys(exported, 'example.org.')).toEqual(recordKeys(GOOD, 'example.org.'));
    expect(recordKeys(exported, 'example.org.')).toHaveLength(GOOD_RECORDS);
  });

  it('the export re-imports over the zone as no change at all (version 1) and exports identically', async () => {
    const again = file(exported);
    const out = await ok(['zone', 'import', 'example.org.', again, '--data-dir', dataDir, '--keep-apex-records']);
    expect(out).toBe(`nothing to change in zone example.org. (id ${zoneId}): ${GOOD_RECORDS} records, version 1\n`);
    expect(await ok(['zone', 'export', 'example.org.', '--data-dir', dataDir])).toBe(exported);
  });

  it('the export imports into an empty store and exports identically', async () => {
    const other = fresh('data');
    await ok(['zone', 'import', 'example.org.', file(exported), '--data-dir', other, '--keep-apex-records']);
    expect(await ok(['zone', 'export', 'example.org.', '--data-dir', other])).toBe(exported);
  });

  it('zone names may omit the final dot and use any case', async () => {
    const out = await ok(['zone', 'import', 'EXAMPLE.org', goodFile, '--data-dir', dataDir, '--keep-apex-records']);
    expect(out).toBe(`nothing to change in zone example.org. (id ${zoneId}): ${GOOD_RECORDS} records, version 1\n`);
    expect(await ok(['zone', 'export', 'Example.Org', '--data-dir', dataDir])).toBe(exported);
  });

  it('SIGNPOST_DATA_DIR stands in for --data-dir', async () => {
    expect(await ok(['zone', 'export', 'example.org.'], { SIGNPOST_DATA_DIR: dataDir })).toBe(exported);
  });

  it('status lists the zone with its record set count and version, and no DNS nodes', async () => {
    expect(await ok(['status', '--data-dir', dataDir])).toBe([
      `store: sqlite ${join(dataDir, 'signpost.db')}`,
      'zones: 1',
      `  example.org.  id ${zoneId}  version 1  record sets ${GOOD_SETS}`,
      'dns nodes: 0',
      '',
    ].join('\n'));
  });

  it('export of a zone that does not exist fails with a message', async () => {
    expect(await run(['zone', 'export', 'nope.example.', '--data-dir', dataDir]))
      .toEqual({ code: 1, stdout: '', stderr: 'signpost: no hosted zone named nope.example.\n' });
  });
});

describe('a bad zone file is refused whole: FILE:LINE: reason, and the store does not change', () => {
  const HEAD = '$ORIGIN example.org.\n$TTL 300\n@ SOA ns1 host 1 7200 900 1209600 300\n@ NS ns1\n';
  /** Each bad file and the problems it must report; `@FILE` stands for the file's path. */
  const bad: { name: string; text: string; stderr: string }[] = [
    { name: 'syntax error: unclosed parenthesis', text: `${HEAD}ns1 A 192.0.2.53\nwww A 192.0.2.1 (\nftp A 192.0.2.2\n`, stderr: '@FILE:6: unbalanced parentheses: "(" is never closed' },
    { name: 'syntax error: bad address after good records', text: `${HEAD}ns1 A 192.0.2.53\nwww A 192.0.2.1\nftp A 192.0.2.256\n`, stderr: '@FILE:7: bad A record data: "192.0.2.256" is not an IPv4 address' },
    { name: 'a CNAME beside other data', text: `${HEAD}ns1 A 192.0.2.53\nwww CNAME ns1\nwww TXT "x"\n`, stderr: '@FILE:7: www.example.org. has a CNAME and TXT data; a CNAME must be alone (RFC 1034 3.6.2)' },
    { name: 'no SOA', text: '$ORIGIN example.org.\n$TTL 300\n@ NS ns1\nns1 A 192.0.2.53\n', stderr: '@FILE: the zone has no SOA record at its apex example.org.' },
    { name: 'owner outside the zone', text: `${HEAD}www.example.net. A 192.0.2.1\n`, stderr: '@FILE:5: owner www.example.net. is outside the zone example.org.' },
    { name: 'unknown type', text: `${HEAD}www FOO 1\n`, stderr: '@FILE:5: unknown type "FOO"' },
    { name: 'several zone problems, one per line', text: `${HEAD}@ CNAME www.example.net.\nwww 300 A 192.0.2.1\nwww 60 A 192.0.2.2\n`, stderr: [
      '@FILE:5: CNAME at the zone apex example.org. is not allowed (RFC 1912 2.4)',
      '@FILE:3: example.org. has a CNAME and SOA data; a CNAME must be alone (RFC 1034 3.6.2)',
      '@FILE:4: example.org. has a CNAME and NS data; a CNAME must be alone (RFC 1034 3.6.2)',
      '@FILE:7: records of www.example.org. A have different TTLs (300 and 60); an RRset has one TTL (RFC 2181 5.2)',
    ].join('\n') },
  ];

  const existing = fresh('data');
  const empty = fresh('data');
  /** What must not change: the export and the status (versions, counts). */
  const snapshot = async (dir: string) => [
    (await run(['zone', 'export', 'example.org.', '--data-dir', dir])).stdout,
    await ok(['status', '--data-dir', dir]),
  ];
  let before: string[] = [];

  it('(setup: a store holding example.org.)', async () => {
    await ok(['zone', 'import', 'example.org.', file(GOOD), '--data-dir', existing, '--keep-apex-records']);
    before = await snapshot(existing);
    expect(before[1]).toContain('version 1');
  });

  it.each(bad)('$name', async ({ text, stderr }) => {
    const f = file(text);
    const expected = { code: 1, stdout: '', stderr: `signpost: ${stderr.replaceAll('@FILE', f)}\n` };
    // Over an existing zone: its records and version stay as they were.
    expect(await run(['zone', 'import', 'example.org.', f, '--data-dir', existing, '--keep-apex-records'])).toEqual(expected);
    expect(await snapshot(existing)).toEqual(before);
    // Into an empty store: no zone is created.
    expect(await run(['zone', 'import', 'example.org.', f, '--data-dir', empty, '--keep-apex-records'])).toEqual(expected);
    expect(await ok(['status', '--data-dir', empty])).toContain('\nzones: 0\n');
  });

  // Bug: main.ts's top-level catch only knows UsageError, MasterFileError and ConfigError, and
  // importZone reads the file with readFileSync, so a missing or unreadable file is reported as
  // "internal error (this is a bug ...)" with a stack trace and exit code 70.
  it('a zone file that does not exist is an ordinary error, not an internal error', async () => {
    const missing = fresh('missing.zone');
    const r = await run(['zone', 'import', 'example.org.', missing, '--data-dir', existing, '--keep-apex-records']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain(missing);
  });
});

describe('status', () => {
  it('on an empty store: no zones and no DNS nodes', async () => {
    const dir = fresh('data');
    await ok(['keys', 'create', '--data-dir', dir]);
    expect(await ok(['status', '--data-dir', dir])).toBe(`store: sqlite ${join(dir, 'signpost.db')}\nzones: 0\ndns nodes: 0\n`);
  });

  // Run from the wrong directory, the reading commands once made an empty store there and
  // reported "zones: 0" as if the server had none.
  it('without a store in the data directory: says so, for every command that only reads or deletes, and creates nothing', async () => {
    const dir = fresh('data');
    for (const args of [['status'], ['explain', 'www.example.com', 'A'], ['zone', 'export', 'example.com'], ['keys', 'list'], ['keys', 'delete', 'AKIANONE'], ['vpc', 'list'], ['vpc', 'delete', 'vpc-0123456789abcdef0']]) {
      const r = await run([...args, '--data-dir', dir]);
      expect([r.code, r.stderr], args.join(' ')).toEqual([1, `signpost: no Signpost store in ${dir} (no ${join(dir, 'signpost.db')}): give the data directory signpost start uses, with --data-dir or SIGNPOST_DATA_DIR\n`]);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('shows a running server with its listener, follows a zone change, and forgets it when it stops', async () => {
    const dataDir = fresh('data');
    mkdirSync(dataDir);
    const sp = await startSignpost({ dataDir, zones: { 'example.org.': GOOD }, args: ['--workers', '0', '--dns-listen', '127.0.0.1:0', '--roles', 'dns'] });
    try {
      const pid = sp.process.pid!;
      const status = await ok(['status', '--data-dir', dataDir]);
      expect(status).toMatch(/\n {2}example\.org\. {2}id Z[A-Z0-9]{20} {2}version 1 {2}record sets 16\n/);
      expect(status).toContain(`\ndns nodes: 1\n  ${pid}-dns  pid ${pid}  up  listening on 127.0.0.1:${sp.dnsPort}  all zones current\n`);

      await ok(['zone', 'import', 'example.org.', file(`${GOOD}extra 300 IN A 192.0.2.99\n`), '--data-dir', dataDir, '--keep-apex-records']);
      // The node loads the new version and reports it; wait (bounded) until it has.
      let last = '';
      for (let i = 0; i < 100 && !/version 2 .*\n[\s\S]*all zones current/.test(last); i++) {
        await new Promise((r) => setTimeout(r, 100));
        last = await ok(['status', '--data-dir', dataDir]);
      }
      expect(last).toMatch(/version 2 /);
      expect(last).toContain(`listening on 127.0.0.1:${sp.dnsPort}  all zones current\n`);
    } finally {
      await sp.stop();
    }
    expect(await ok(['status', '--data-dir', dataDir])).toContain('\ndns nodes: 0\n');
  });
});

describe('start: configuration', () => {
  /** Each bad setting, how it is given, and what stderr must say. */
  const bad: { name: string; args?: string[]; env?: NodeJS.ProcessEnv; config?: string; stderr: string }[] = [
    { name: 'bad --dns-listen', args: ['--dns-listen', 'localhost:53'], stderr: 'signpost: bad configuration: dns-listen: listen address "localhost:53": "localhost" is not an IP address (from --dns-listen)' },
    { name: 'bad SIGNPOST_DNS_LISTEN', env: { SIGNPOST_DNS_LISTEN: '127.0.0.1:99999' }, stderr: 'signpost: bad configuration: dns-listen: listen address "127.0.0.1:99999": port out of range (from SIGNPOST_DNS_LISTEN)' },
    { name: 'unknown role', args: ['--roles', 'dns,web'], stderr: 'signpost: bad configuration: unknown role "web" (roles are api, dns, health) (from --roles)' },
    { name: 'bad --workers', args: ['--workers', 'many'], stderr: 'signpost: bad configuration: workers must be an integer from 0 to 64, not "many" (from --workers)' },
    { name: 'bad --log-level', args: ['--log-level', 'loud'], stderr: 'signpost: bad configuration: log level must be one of fatal, error, warn, info, debug, trace, silent (from --log-level)' },
    { name: 'bad --http-listen', args: ['--http-listen', '127.0.0.1'], stderr: 'signpost: bad configuration: http-listen: listen address "127.0.0.1" is not HOST:PORT or [IPV6]:PORT (from --http-listen)' },
    { name: 'unknown key in a --config file', config: '{"dnsListen": "127.0.0.1:0", "colour": "red"}', stderr: 'signpost: bad configuration: config file @CONFIG: unknown setting "colour"' },
    { name: 'bad value in a --config file', config: '{"workers": 100}', stderr: 'signpost: bad configuration: workers must be an integer from 0 to 64, not "100" (from config file @CONFIG)' },
  ];
  it.each(bad)('$name: exit 2, a message naming the setting, nothing created', async ({ args = [], env = {}, config, stderr }) => {
    const dataDir = fresh('never-created');
    const configArgs = config === undefined ? [] : ['--config', file(config, 'json')];
    const r = await run(['start', '--data-dir', dataDir, ...configArgs, ...args], env);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${stderr.replace('@CONFIG', configArgs[1] ?? '')}\n` });
    expect(existsSync(dataDir)).toBe(false);
  });

  describe('precedence: flag over SIGNPOST_* over config file, seen in the listener line', () => {
    const configFile = file(JSON.stringify({ dnsListen: ['127.0.0.2:0'], roles: ['dns'], workers: 0, logLevel: 'warn' }), 'json');
    const listener = (out: string) => /^dns listening on udp\+tcp (\S+):(\d+)$/m.exec(out);
    const cases: { name: string; args: string[]; env: NodeJS.ProcessEnv; host: string }[] = [
      { name: 'config file alone', args: ['--config', configFile], env: {}, host: '127.0.0.2' },
      { name: 'SIGNPOST_CONFIG names the file', args: [], env: { SIGNPOST_CONFIG: configFile }, host: '127.0.0.2' },
      { name: 'env beats the file', args: ['--config', configFile], env: { SIGNPOST_DNS_LISTEN: '127.0.0.3:0' }, host: '127.0.0.3' },
      { name: 'flag beats env and file', args: ['--config', configFile, '--dns-listen', '127.0.0.4:0'], env: { SIGNPOST_DNS_LISTEN: '127.0.0.3:0' }, host: '127.0.0.4' },
    ];
    it.each(cases)('$name', async ({ args, env, host }) => {
      const dataDir = fresh('data');
      const r = await startAndStop(['--data-dir', dataDir, ...args], env);
      const m = listener(r.output);
      expect(m, r.output).not.toBeNull();
      expect(m![1]).toBe(host);
      expect(Number(m![2])).toBeGreaterThan(0);
      // roles came from the file: no HTTP listener.
      expect(r.output).not.toContain('http listening');
      expect(r.output).toContain(`data directory ${dataDir} (SQLite ${join(dataDir, 'signpost.db')})\n`);
    });

    it('several --dns-listen flags give several listeners', async () => {
      const r = await startAndStop(['--data-dir', fresh('data'), '--config', configFile, '--dns-listen', '127.0.0.5:0', '--dns-listen', '127.0.0.6:0']);
      expect(r.output).toMatch(/^dns listening on udp\+tcp 127\.0\.0\.5:\d+, udp\+tcp 127\.0\.0\.6:\d+$/m);
    });
  });

  // Bug: main.ts prints `signpost ready` (inside start()) before it installs its SIGTERM and SIGINT
  // handlers, so a supervisor that stops the server right after the ready line can hit the
  // default disposition: the process dies by the signal without "SIGTERM: stopping", without
  // closing the store or removing its DNS node row (status then shows a stale node). Seen about
  // 1 in 4 times when SIGTERM is sent as soon as the line is read. To make the window
  // deterministic, a preloaded module sends the SIGTERM itself right after writing the line.
  it('a SIGTERM right after "signpost ready" stops the server gracefully', async () => {
    const preload = file(`const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const r = write(chunk, ...rest);
  if (String(chunk).includes('signpost ready')) process.kill(process.pid, 'SIGTERM');
  return r;
};
`, 'mjs');
    const dataDir = fresh('data');
    const child = spawn(BIN, ['start', '--data-dir', dataDir, '--workers', '0', '--roles', 'dns', '--dns-listen', '127.0.0.1:0'], {
      env: cleanEnv({ NODE_OPTIONS: `--import ${preload}` }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.once('close', (c, s) => r([c, s])));
    clearTimeout(timer);
    expect(output).toContain('signpost ready\n');
    expect({ code, signal, stopping: output.includes('SIGTERM: stopping') }).toEqual({ code: 0, signal: null, stopping: true });
    expect(await ok(['status', '--data-dir', dataDir])).toContain('\ndns nodes: 0\n');
  });

  it('signpost --help and signpost start --help print usage and exit 0', async () => {
    const top = await ok(['--help']);
    expect(top).toMatch(/^Usage: signpost \[options\] \[command\]/);
    for (const cmd of ['start', 'zone', 'status']) expect(top).toMatch(new RegExp(`^ {2}${cmd}\\b`, 'm'));
    const start = await ok(['start', '--help']);
    expect(start).toMatch(/^Usage: signpost start \[options\]/);
    for (const opt of ['--config', '--roles', '--dns-listen', '--http-listen', '--data-dir', '--log-level', '--workers', '--demo']) expect(start).toContain(opt);
    expect(await ok(['zone', '--help'])).toMatch(/import .*<name> <file>/);
  });

  it('an unknown command is refused with usage', async () => {
    const r = await run(['bogus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown command 'bogus'");
  });
});

describe('start --demo', () => {
  const dataDir = fresh('data');
  const args = ['--demo', '--workers', '0', '--dns-listen', '127.0.0.1:0', '--roles', 'dns'];

  it('on an empty store creates example.com., which answers www A with CNAME + A', async () => {
    const sp = await startSignpost({ dataDir, args });
    try {
      expect(sp.output()).toMatch(/^created the demo zone example\.com\. \(17 records, id Z[A-Z0-9]{20}\)$/m);
      const s = digSections(await dig(sp.dnsPort, ['www.example.com', 'A']));
      expect(s.rcode).toBe('NOERROR');
      expect(s.aa).toBe(true);
      expect(s.answer).toEqual(['www.example.com. 300 IN CNAME example.com.', 'example.com. 300 IN A 192.0.2.10']);
    } finally {
      await sp.stop();
    }
  });

  it('a second start on the same store does not create it again', async () => {
    const sp = await startSignpost({ dataDir, args });
    try {
      expect(sp.output()).not.toContain('created the demo zone');
      const status = await ok(['status', '--data-dir', dataDir]);
      expect(status).toContain('\nzones: 1\n');
      expect(status).toMatch(/ {2}example\.com\. {2}id Z[A-Z0-9]{20} {2}version 1 {2}record sets 15\n/);
    } finally {
      await sp.stop();
    }
  });
});
