import { execFileSync, spawn } from 'node:child_process';
import {
  createReadStream,
  mkdirSync,
  utimesSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { baseEnv, gtp } from '../helpers/cli.js';
import { BIN, REGISTER, ROOT } from '../helpers/paths.js';
import { scratchDir } from '../helpers/scratch.js';

const register = readFileSync(REGISTER, 'utf8');
const tmp = () => scratchDir('gtp-e2e-');

function writeRegister(dir: string, text: string): string {
  const file = join(dir, 'risks.yaml');
  writeFileSync(file, text);
  return file;
}

describe('output paths are written through, never replaced', () => {
  it('a symbolic link stays a link to the file it names, and a file keeps its mode', async () => {
    const dir = scratchDir('gtp-out-');
    writeFileSync(join(dir, 'real.md'), 'old\n', { mode: 0o600 });
    symlinkSync('real.md', join(dir, 'link.md'));
    const { code, stderr } = await gtp(['report', '-r', REGISTER, '-o', join(dir, 'link.md')]);
    expect(code, stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.md'), 'utf8')).toContain('## Reliability & Security Plan');
    expect(statSync(join(dir, 'real.md')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'real.md']);
  });

  it('a link to a file not there yet stays a link, and the file is made where it points (through a chain of links)', async () => {
    const dir = scratchDir('gtp-dangling-');
    mkdirSync(join(dir, 'reports'));
    symlinkSync('reports/real.md', join(dir, 'middle.md'));
    symlinkSync('middle.md', join(dir, 'link.md'));
    const { code, stderr } = await gtp(['report', '-r', REGISTER, '-o', join(dir, 'link.md')]);
    expect(code, stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'middle.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports/real.md'), 'utf8')).toContain('## Reliability & Security Plan');
    expect(readdirSync(dir).sort()).toEqual(['link.md', 'middle.md', 'reports']);
  });

  it('a temporary left by a killed run is removed on the next write; a fresh one (a concurrent write) is not', async () => {
    const dir = scratchDir('gtp-stale-');
    const stale = join(dir, '.report.md.0123456789ab.tmp');
    const fresh = join(dir, '.report.md.ba9876543210.tmp');
    writeFileSync(stale, 'half');
    writeFileSync(fresh, 'in progress');
    // An hour before the fresh one, on the file system's clock (the process clock may be moved in CI).
    const hourAgo = new Date(statSync(fresh).mtimeMs - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    const { code, stderr } = await gtp(['report', '-r', REGISTER, '-o', join(dir, 'report.md')]);
    expect(code, stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.report.md.ba9876543210.tmp', 'report.md']);
  });

  it('--formats writes a set: when one file cannot be written, none of the others is replaced', async () => {
    const dir = scratchDir('gtp-set-');
    writeFileSync(join(dir, 'audit.md'), 'the previous report\n');
    mkdirSync(join(dir, 'audit.sarif'));
    const { code, stderr } = await gtp(['audit', '--demo', '--formats', 'md,json,sarif', '--output-dir', dir]);
    expect(code, stderr).toBe(73);
    expect(stderr).toContain('audit.sarif: it is a directory');
    expect(readFileSync(join(dir, 'audit.md'), 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir).sort()).toEqual(['audit.md', 'audit.sarif']);
  });

  it('a FIFO is written to, not replaced by a regular file', async () => {
    const dir = scratchDir('gtp-fifo-');
    const fifo = join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve(text));
    });
    const { code, stderr } = await gtp(['report', '-r', REGISTER, '-o', fifo]);
    expect(code, stderr).toBe(0);
    expect(await reader).toContain('## Reliability & Security Plan');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a directory, or a path through a file, is exit 73 naming the path, with nothing written', async () => {
    const dir = scratchDir('gtp-bad-out-');
    writeFileSync(join(dir, 'file'), 'x');
    for (const [output, reason] of [
      [dir, 'it is a directory'],
      [join(dir, 'file', 'report.md'), 'not a directory'],
    ] as const) {
      const { code, stderr } = await gtp(['report', '-r', REGISTER, '-o', output]);
      expect(code, stderr).toBe(73);
      expect(stderr).toContain(`gtp: cannot write ${output}: `);
      expect(stderr).toContain(reason);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('gtp (subprocess)', () => {
  it('on a Node.js older than 22: one plain sentence and exit 2, before anything else loads', async () => {
    // The launcher reads process.versions.node; a preload makes this Node report an old line, as Node 20 would.
    const asNode20 = `data:text/javascript,${encodeURIComponent(
      "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });",
    )}`;
    for (const args of [['--version'], ['audit', '--demo']]) {
      const run = await gtp(args, { nodeArgs: ['--import', asNode20] });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('gtp needs Node.js 22 or newer; this is v20.20.2\n');
      expect(run.stdout).toBe('');
    }
  });

  it('emulate: a port out of range or in use is bad input, not a crash', async () => {
    const range = await gtp(['emulate', '--world', join(ROOT, 'examples/worlds/bare.json'), '--port', '99999']);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('must be a port number from 0 to 65535');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const busy = await gtp(['emulate', '--world', join(ROOT, 'examples/worlds/bare.json'), '--port', String(port)]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toBe(`gtp: --port ${port}: the port is in use\n`);
    } finally {
      taken.close();
    }
  });

  it('attest takes calendar dates only, not dated in the future, and changes nothing otherwise', async () => {
    const dir = scratchDir('gtp-attest-dates-');
    const register = join(dir, 'risks.yaml');
    writeFileSync(register, readFileSync(REGISTER, 'utf8'));
    const base = [
      'attest',
      'sensitive-data-leakage',
      '--by',
      'platform lead',
      '--evidence',
      'https://wiki.example/x',
      '--register',
      register,
    ];
    for (const [args, message] of [
      [['--expires', '2099-02-31'], '--expires must be a calendar date as YYYY-MM-DD, got "2099-02-31"'],
      [['--expires', '2099-13-01'], '--expires must be a calendar date'],
      [['--expires', '2999-12-31', '--date', '2998-01-01'], '--date 2998-01-01 is in the future'],
      [['--expires', '2000-01-01'], '--expires 2000-01-01 is already past'],
    ] as const) {
      const { code, stderr } = await gtp([...base, ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(message);
    }
    expect(readFileSync(register, 'utf8')).toBe(readFileSync(REGISTER, 'utf8'));
  });

  it('--version is the package version', async () => {
    const { code, stdout } = await gtp(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('terraform fix --from checks what each failing resource carries against its check: an edited report is exit 2, nothing written', async () => {
    const dir = scratchDir('gtp-from-');
    const report = join(dir, 'audit.json');
    const audit = await gtp(['audit', '--demo', '--format', 'json', '-o', report]);
    expect(audit.code, audit.stderr).toBe(0);
    const fixed = await gtp(['terraform', 'fix', '--from', report, '-o', join(dir, 'ok')]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readdirSync(join(dir, 'ok'))).toContain('sql.deletion-protection.tf');

    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      checks: { id: string; resources: { verdict: string; data?: Record<string, unknown> }[] }[];
    };
    const pitr = json.checks
      .find((c) => c.id === 'sql.deletion-protection')!
      .resources.find((r) => r.verdict === 'fail' && r.data)!;
    pitr.data!.settings = { tier: 7 };
    writeFileSync(report, JSON.stringify(json));
    const { code, stderr } = await gtp(['terraform', 'fix', '--from', report, '-o', join(dir, 'edited')]);
    expect(code).toBe(2);
    expect(stderr).toContain('sql.deletion-protection: the failing resource');
    expect(stderr).toContain('settings.tier');
    expect(readdirSync(join(dir, 'edited'))).toEqual([]);
  });

  it('concurrent attests of one register all land; a lock left by a killed run is named, not ignored', async () => {
    const dir = scratchDir('gtp-attest-race-');
    const register = join(dir, 'risks.yaml');
    writeFileSync(register, readFileSync(REGISTER, 'utf8'));
    const risks = ['sensitive-data-leakage', 'cloud-provider-failure'];
    const attest = (risk: string) =>
      gtp([
        'attest',
        risk,
        '--by',
        'lead',
        '--evidence',
        `https://wiki.example/${risk}`,
        '--expires',
        '2099-12-31',
        '--register',
        register,
      ]);
    const runs = await Promise.all([...risks, ...risks].map(attest));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(register, 'utf8');
    for (const risk of risks) expect(text).toContain(`evidence: https://wiki.example/${risk}`);
    expect(text.match(/attestation:/g)).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['risks.yaml']);

    // A holder that no longer runs (a finished child's pid) left its lock: say so, change nothing.
    const gone = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(join(dir, '.risks.yaml.lock'), JSON.stringify({ pid: Number(gone), host: hostname() }));
    const blocked = await attest('sensitive-data-leakage');
    expect(blocked.code).toBe(73);
    expect(blocked.stderr).toContain(`locked by process ${gone}`);
    expect(blocked.stderr).toContain('no longer running: remove');
    expect(readFileSync(register, 'utf8')).toBe(text);
  });

  it('an alias bomb in the register is bad input at its line, not a crash', async () => {
    const dir = scratchDir('gtp-bomb-');
    const file = join(dir, 'risks.yaml');
    const bomb = [
      'x1: &a [x, x, x, x, x, x, x, x, x]',
      'x2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'x3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'x4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'x5: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    writeFileSync(file, `version: 1\n${bomb}\n`);
    const { code, stderr } = await gtp(['validate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:3:`);
    expect(stderr).toContain('aliases expand to more than 1000 nodes');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("a reader that stops early (gtp audit | head -1) ends nothing with a stack trace: the exit code is the gate's", async () => {
    // A report far larger than a pipe's buffer, so that writes go on after the reader has gone.
    const world = JSON.parse(readFileSync(join(ROOT, 'examples/worlds/reference-stack.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const key = 'sqladmin.googleapis.com/v1/projects/acme-prod/instances';
    const first = (world[key] as object[])[0]!;
    world[key] = [
      ...(world[key] as object[]),
      ...Array.from({ length: 3000 }, (_, i) => ({ ...first, name: `db-${i}` })),
    ];
    const snapshot = join(scratchDir('gtp-big-'), 'big.json');
    writeFileSync(snapshot, JSON.stringify(world));
    const child = spawn(process.execPath, [BIN, 'audit', '--snapshot', snapshot, '--format', 'json'], {
      cwd: ROOT,
      env: baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code, stderr).toBe((await gtp(['audit', '--snapshot', snapshot, '--format', 'json'])).code);
  });

  it('--help lists the working commands and exits 0', async () => {
    const { code, stdout } = await gtp(['--help']);
    expect(code).toBe(0);
    for (const command of ['audit', 'report', 'validate', 'snapshot', 'emulate']) expect(stdout).toContain(command);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const { code, stderr } = await gtp(['report', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--colour'");
  });

  it('validate: a one-line summary for the bundled register', async () => {
    const { code, stdout } = await gtp(['validate']);
    expect(code).toBe(0);
    expect(stdout).toBe('risks.yaml: valid: 18 risks in 3 tables, 3 milestones, 34 checks referenced\n');
  });

  it.each([
    [
      'a syntax error',
      'title: Reliability, Security, and Roadmap',
      'title: [Reliability',
      /risks\.yaml:\d+:\d+: YAML /,
    ],
    [
      'a misspelt key',
      '    category: Self-Imposed\n',
      '    categroy: Self-Imposed\n',
      /risks\.yaml:\d+:5: risks\.0\.categroy: unknown key "categroy"/,
    ],
    [
      'impact: banana',
      '    impact: 3\n',
      '    impact: banana\n',
      /risks\.yaml:\d+:13: risks\.0\.impact: must be one of .* got "banana"/,
    ],
    [
      'probability: 7',
      '    probability: 3\n',
      '    probability: 7\n',
      /risks\.yaml:\d+:18: risks\.0\.probability: must be one of .* got 7/,
    ],
    [
      'a duplicate id',
      '  - id: manual-config-drift',
      '  - id: bad-deployment',
      /risks\.yaml:\d+:9: risks\.1\.id: duplicate risk id "bad-deployment"/,
    ],
  ])(
    'validate and report reject %s with exit 2 and FILE:LINE:COL, writing nothing',
    async (_name, from, to, message) => {
      const dir = tmp();
      const file = writeRegister(dir, register.replace(from, to));
      const validate = await gtp(['validate', file]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toMatch(
        new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/${message.source}`, 'm'),
      );
      const report = await gtp(['report', '--register', file, '--output', join(dir, 'report.md')]);
      expect(report.code).toBe(2);
      expect(readdirSync(dir)).toEqual(['risks.yaml']);
    },
  );

  it('colours stderr only where allowed: NO_COLOR wins over FORCE_COLOR', async () => {
    const coloured = await gtp(['validate', 'no/such/risks.yaml'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(coloured.stderr).toContain('\u001b[');
    const plain = await gtp(['validate', 'no/such/risks.yaml'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stderr).not.toContain('\u001b[');
  });

  it('a missing register names its path', async () => {
    const { code, stderr } = await gtp(['validate', 'no/such/risks.yaml']);
    expect(code).toBe(2);
    expect(stderr).toBe('no/such/risks.yaml:1:1: cannot read register: no such file\n');
  });

  it("report: the seed's tables on stdout, nothing else", async () => {
    const { code, stdout, stderr } = await gtp(['report']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const seed = readFileSync(`${ROOT}test/fixtures/seed.md`, 'utf8');
    const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| '));
    expect(rows(stdout)).toEqual(rows(seed.slice(0, seed.indexOf('### Detailed Mitigation Plan'))));
  });

  it('report --format json --output: a whole file that follows the schema, and no temporary file left', async () => {
    const dir = tmp();
    const out = join(dir, 'report.json');
    const { code, stdout } = await gtp(['report', '--format', 'json', '--output', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['report.json']);
    const schema = JSON.parse(readFileSync(`${ROOT}schema/report.schema.json`, 'utf8'));
    const validate = new Ajv2020.default({ strict: false }).compile(schema);
    expect(validate(JSON.parse(readFileSync(out, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([['report'], ['validate'], ['--help']])('`gtp %s` loads no Google client library', async (command) => {
    const log = join(tmp(), 'loads.txt');
    const { code } = await gtp([command], {
      env: { GTP_LOAD_LOG: log },
      nodeArgs: ['--import', `${ROOT}test/helpers/record-loads.mjs`],
    });
    expect(code).toBe(0);
    expect(googleCodeLoaded(log)).toEqual([]);
  });

  it('the recorder does see Google client libraries when an audit loads them', async () => {
    const log = join(tmp(), 'loads.txt');
    await gtp(['audit', '--demo'], {
      env: { GTP_LOAD_LOG: log },
      nodeArgs: ['--import', `${ROOT}test/helpers/record-loads.mjs`],
    });
    const google = googleCodeLoaded(log).join('\n');
    expect(google).toMatch(/@google-cloud\/sql/);
    expect(google).toMatch(/google-gax/);
  });
});

/**
 * The Google libraries among the modules a process loaded: by path when loaded from node_modules, and inside gtp's
 * bundled chunks by the package paths esbuild keeps as the names of the CommonJS modules it wraps.
 */
function googleCodeLoaded(log: string): string[] {
  const google = /@google-cloud\/[\w-]+|google-gax|google-auth-library/g;
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((loaded) => {
      const path = loaded.startsWith('file:') ? fileURLToPath(loaded) : loaded;
      if (path.includes('node_modules')) return path.match(google) ? [path] : [];
      if (!path.startsWith(`${ROOT}dist/`)) return [];
      const wrapped = readFileSync(path, 'utf8').match(/"node_modules\/[^"]+"/g) ?? [];
      return wrapped.filter((name) => name.match(google));
    });
}

describe('bad input is named, never replayed', () => {
  it('non-UTF-8 bytes, .nan and .inf, and a file that is not JSON: file, line and a short reason', async () => {
    const dir = scratchDir('gtp-bad-input-');
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(
      latin1,
      Buffer.concat([Buffer.from('version: 1\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const a = await gtp(['validate', latin1]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(`${latin1}:2:11: register: byte 0xe9 at offset 21 is not UTF-8`);

    const nan = join(dir, 'nan.yaml');
    writeFileSync(nan, 'version: 1\ntitle: t\nsettings:\n  sccGracePeriodDays: .nan\n  drillWindowDays: .inf\n');
    const b = await gtp(['validate', nan]);
    expect(b.stderr).toContain('settings.sccGracePeriodDays: expected number, got .nan (not a number)');
    expect(b.stderr).toContain('.inf (infinite)');

    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    for (const args of [
      ['audit', '--demo', '--baseline', secret],
      ['terraform', 'fix', '--from', secret, '-o', join(dir, 'tf')],
    ]) {
      const c = await gtp(args);
      expect(c.code).toBe(2);
      expect(c.stderr).not.toContain('root:x');
    }
    expect((await gtp(['terraform', 'fix', '--from', secret, '-o', join(dir, 'tf')])).stderr).toContain(
      '--from report: not JSON',
    );

    const long = join(dir, 'long.txt');
    writeFileSync(long, `${'word '.repeat(200)}\n`);
    const d = await gtp(['validate', long]);
    expect(d.code).toBe(2);
    expect(d.stderr.length).toBeLessThan(400);
  });
});

describe('--verbose: what gtp asks of the APIs, and never a secret', () => {
  // Secrets a CI job could hold beside gtp, and the token the (emulated) metadata server hands the clients.
  const SECRETS = {
    PGPASSWORD: 'pg-secret-4b1f',
    AWS_SECRET_ACCESS_KEY: 'aws-secret-9c2e',
    GTP_TEST_API_KEY: 'AIzaSyD-test-key-77d1',
  };
  const TOKEN = 'emulator-token';

  it('one line per request on stderr (method, URL, status, time); stdout is the report alone', async () => {
    const { code, stdout, stderr } = await gtp(['audit', '--demo', '--verbose', '--format', 'json'], { env: SECRETS });
    expect(code).toBe(0);
    // The report counts the requests per API; the log shows each of them.
    const report = JSON.parse(stdout) as { requests: { perApi: Record<string, { calls: number }> } };
    expect(report.requests.perApi['sqladmin.googleapis.com']!.calls).toBe(1);
    expect(report.requests.perApi['compute.googleapis.com']!.calls).toBe(2);
    expect(stderr.match(/\/compute\/v1\/projects\/acme-prod\/aggregated\/\S+ 200 \d+ ms$/gm)).toHaveLength(2);
    expect(stderr).toMatch(/^gtp: GET http:\/\/127\.0\.0\.1:\d+\/v1\/projects\/acme-prod\/instances\S* 200 \d+ ms$/m);
    expect(stderr).toMatch(
      /^gtp: GET \S+\/computeMetadata\/v1\/instance\/service-accounts\/default\/token 200 \d+ ms$/m,
    );
    const debug = await gtp(['audit', '--demo', '--format', 'json'], { env: { ...SECRETS, GTP_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/^gtp: GET \S+\/aggregated\/backendServices\S* 200 \d+ ms$/m);
  });

  it.each([[[]], [['--verbose']], [['--format', 'json', '--verbose']]])(
    'no secret from the environment and no token in any output (%j)',
    async (extra) => {
      const { stdout, stderr } = await gtp(['audit', '--demo', ...extra], { env: { ...SECRETS, GTP_DEBUG: '1' } });
      for (const secret of [...Object.values(SECRETS), TOKEN]) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    },
  );

  it('credential-like query values and user information are replaced in a logged URL', async () => {
    const { redact } = await import('../../src/cli/request-log.js');
    expect(redact('https://u:p@storage.googleapis.com/b/o?alt=media&X-Goog-Signature=abc&key=AIza&pageToken=t')).toBe(
      'https://storage.googleapis.com/b/o?alt=media&X-Goog-Signature=REDACTED&key=REDACTED&pageToken=REDACTED',
    );
    expect(redact('https://sqladmin.googleapis.com/v1/projects/p/instances?pageSize=10')).toBe(
      'https://sqladmin.googleapis.com/v1/projects/p/instances?pageSize=10',
    );
  });
});
