import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gtp, gtpEmulate, type EmulatorProcess } from '../helpers/cli.js';
import { ROOT, WORLDS } from '../helpers/paths.js';
import { needs, SCRIPT } from '../helpers/system-tools.js';
import { onTerminal } from '../helpers/terminal.js';
import { scratchDir } from '../helpers/scratch.js';

/** What only a library would print: Node's warnings, deprecation notices, the metadata server lookup. */
const LIBRARY_OUTPUT = /\(node:\d+\)|Warning|deprecated|--trace-warnings|MetadataLookup/;

let emulator: EmulatorProcess;
let listeners: Server[] = [];
const dir = scratchDir('gtp-first-audit-');

/** An authorized_user credentials file, as `gcloud auth application-default login` writes it. */
function userCredentials(refreshToken: string, extra: Record<string, string> = {}): string {
  const file = join(dir, `user-${refreshToken}-${Object.keys(extra).length}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'authorized_user',
      client_id: '764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com',
      client_secret: 'not-a-secret',
      refresh_token: refreshToken,
      ...extra,
    }),
  );
  return file;
}

/** A local listener that answers every request alike: what stands between gtp and Google. */
async function listener(answer: (path: string) => [number, string, string]): Promise<string> {
  const server = createServer((req, res) => {
    const [status, type, body] = answer(req.url ?? '/');
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  listeners.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  emulator = await gtpEmulate(['--world', `${WORLDS}reference-stack.json`]);
});
afterAll(async () => {
  await emulator.stop();
  await Promise.all(listeners.map((l) => new Promise((resolve) => l.close(resolve))));
  listeners = [];
});

/** No metadata server, no gcloud login: only what the case gives. */
const offGoogleCloud = { METADATA_SERVER_DETECTION: 'none' };

describe('the first real audit: when every read fails for one reason, the screen leads with it and its fix', () => {
  const AUDIT = ['audit', '--project', 'acme-prod', '--repo', 'examples/demo-repo'];

  // On the person's screen: these need a pseudo-terminal (util-linux script).
  describe('on a terminal', () => {
    needs(SCRIPT);

    it.each([
      {
        name: 'no credentials',
        env: () => ({ ...offGoogleCloud, GTP_API_ENDPOINT: emulator.url }),
        said: 'no Google credentials were found',
        fix: 'gcloud auth application-default login',
      },
      {
        // gcp-metadata warns (MetadataLookupWarning) when the lookup answers with anything but a network failure.
        name: 'no credentials, and a metadata lookup answered 403 (the library warns)',
        env: async () => ({
          METADATA_SERVER_DETECTION: 'ping-only',
          GCE_METADATA_HOST: (await listener(() => [403, 'text/plain', 'Forbidden'])).replace('http://', ''),
          GTP_API_ENDPOINT: emulator.url,
        }),
        said: 'no Google credentials were found',
        fix: 'gcloud auth application-default login',
      },
      {
        name: 'credentials Google refuses (invalid_grant: expired or revoked)',
        env: () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: emulator.url,
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('revoked'),
        }),
        said: 'Google refused the credentials (expired or revoked)',
        fix: 'gcloud auth application-default login',
      },
      {
        name: 'a reauthentication Google requires (invalid_rapt)',
        env: () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: emulator.url,
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('reauth'),
        }),
        said: 'Google wants the user to sign in again (reauthentication)',
        fix: 'gcloud auth application-default login',
      },
      {
        name: 'user credentials without a quota project',
        env: () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: emulator.url,
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop'),
        }),
        said: 'the user credentials name no quota project',
        fix: 'gcloud auth application-default set-quota-project acme-prod',
      },
      {
        name: 'nothing listening where Google should be (connection refused)',
        env: async () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: await closedPort(),
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop'),
        }),
        said: "Google's APIs could not be reached",
        fix: 'check DNS, the firewall, and HTTPS_PROXY / NO_PROXY',
      },
      {
        name: "a proxy's own page where Google's answer should be",
        env: async () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: await listener(() => [
            502,
            'text/html',
            '<html><head><title>Access denied by corporate gateway</title></head><body></body></html>',
          ]),
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop'),
        }),
        said: "Google's APIs could not be reached",
        fix: 'check DNS, the firewall, and HTTPS_PROXY / NO_PROXY',
      },
      {
        name: 'every API answering the same 403 (a VPC Service Controls perimeter)',
        env: async () => ({
          ...offGoogleCloud,
          GTP_API_ENDPOINT: await listener((path) =>
            path === '/token'
              ? [
                  200,
                  'application/json',
                  JSON.stringify({ access_token: 'ya29.x', expires_in: 3599, token_type: 'Bearer' }),
                ]
              : [
                  403,
                  'application/json',
                  JSON.stringify({
                    error: {
                      code: 403,
                      message:
                        "Request is prohibited by organization's policy. vpcServiceControlsUniqueIdentifier: 4XkC",
                      status: 'PERMISSION_DENIED',
                    },
                  }),
                ],
          ),
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop', { quota_project_id: 'acme-prod' }),
        }),
        said: 'every API refused the caller with the same answer',
        fix: 'gtp doctor',
      },
    ])('$name: the cause and its fix in the first three lines at 80 columns', async ({ env, said, fix }) => {
      const { code, lines, raw } = await onTerminal(80, AUDIT, await env(), { stderr: true });
      expect(code).toBe(3);
      expect(lines[0]).toMatch(/^gtp audit · acme-prod · live · /);
      expect(lines[1]).toBe(`? Unverified (exit 3): ${said}`);
      expect(lines[2]).toBe(`  fix: ${fix}`);
      // Every control the cause explains points up at it instead of repeating it, and nothing passes.
      expect(lines.filter((l) => / unverified {2}see above$/.test(l)).length).toBeGreaterThan(10);
      expect(raw).not.toMatch(LIBRARY_OUTPUT);
      const next = lines.indexOf('Next');
      for (const line of lines.slice(0, next)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    });

    it('gtp doctor with user credentials: the quota project first, and no library notice on the screen', async () => {
      const { code, lines, raw } = await onTerminal(
        100,
        ['doctor', '--project', 'acme-prod'],
        {
          ...offGoogleCloud,
          GTP_API_ENDPOINT: emulator.url,
          GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop'),
        },
        { stderr: true },
      );
      expect(code).toBe(1);
      expect(lines[0]).toBe('# gtp doctor: acme-prod');
      expect(lines[2]).toMatch(
        /^\*\*First: the user credentials name no quota project, and [a-z]+\.googleapis\.com refused them for it\.\*\* Fix: `gcloud auth application-default set-quota-project acme-prod`$/,
      );
      expect(raw).not.toMatch(LIBRARY_OUTPUT);
    });
  });

  it('the JSON report carries the cause, the controls it explains and Google’s own words', async () => {
    const { code, stdout, stderr } = await gtp([...AUDIT, '--format', 'json'], {
      env: {
        ...offGoogleCloud,
        GTP_API_ENDPOINT: emulator.url,
        GOOGLE_APPLICATION_CREDENTIALS: userCredentials('revoked'),
      },
    });
    expect(code).toBe(3);
    const report = JSON.parse(stdout) as { cause: { kind: string; detail: string; controls: string[] } };
    expect(report.cause).toMatchObject({
      kind: 'credentials-rejected',
      detail: 'invalid_grant: Token has been expired or revoked.',
    });
    expect(report.cause.controls).toContain('sql.pitr');
    // stderr says it once too, not once per control.
    expect(stderr.match(/unverified for one reason/g)).toHaveLength(1);
    expect(stderr).not.toMatch(LIBRARY_OUTPUT);
  });

  it('a quota project set (GOOGLE_CLOUD_QUOTA_PROJECT) and the same credentials read everything', async () => {
    const { code, stdout } = await gtp([...AUDIT, '--format', 'json'], {
      env: {
        ...offGoogleCloud,
        GTP_API_ENDPOINT: emulator.url,
        GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop'),
        GOOGLE_CLOUD_QUOTA_PROJECT: 'acme-prod',
      },
    });
    const report = JSON.parse(stdout) as { cause?: unknown; checks: { outcome: string; error?: string }[] };
    expect(report.cause).toBeUndefined();
    expect(report.checks.filter((c) => c.outcome === 'error').map((c) => c.error)).toEqual([]);
    expect(code).not.toBe(3);
  });

  it('--verbose says what the libraries said, in gtp’s words', async () => {
    const { stderr } = await gtp([...AUDIT, '--format', 'json', '--verbose'], {
      env: {
        GTP_API_ENDPOINT: emulator.url,
        GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop', { quota_project_id: 'acme-prod' }),
      },
    });
    expect(stderr).toContain(
      'gtp: (library) google-auth-library read the credentials file through a method it deprecates',
    );
  });
});

describe('the project, found as gcloud finds it', () => {
  describe('on a terminal', () => {
    needs(SCRIPT);

    // The bundled register names no project.
    it('no --project, no project: in the register: the active gcloud configuration’s, and the screen says so', async () => {
      const { lines } = await onTerminal(
        100,
        ['audit', '--repo', 'examples/demo-repo'],
        { ...emulator.env, CLOUDSDK_CONFIG: join(ROOT, 'test/fixtures/gcloud/configured') },
        { stderr: true },
      );
      expect(lines[0]).toMatch(/^gtp audit · acme-prod \(from gcloud configuration work\) · live · /);
    });
  });

  it('nowhere to be found: exit 2, naming every place gtp looked', async () => {
    const { code, stderr } = await gtp(['audit'], { env: emulator.env });
    expect(code).toBe(2);
    expect(stderr).toContain('set GOOGLE_CLOUD_PROJECT, or run `gcloud config set project P`');
  });
});

describe("the README's walk from nothing to the first real audit", () => {
  it('runs each gtp command of "Against a real project", in order, with the files gcloud would have written', async () => {
    const { readFileSync, cpSync } = await import('node:fs');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Against a real project'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter((line) => line.startsWith('gtp '));
    expect(commands).toEqual(['gtp init', 'gtp doctor', 'gtp audit']);
    const repo = scratchDir('gtp-walk-');
    cpSync(join(ROOT, 'examples/demo-repo'), repo, { recursive: true });
    // What `gcloud auth application-default login` and `set-quota-project` write, and `gcloud config set project`.
    const env = {
      ...offGoogleCloud,
      GTP_API_ENDPOINT: emulator.url,
      GOOGLE_APPLICATION_CREDENTIALS: userCredentials('sre-laptop', { quota_project_id: 'acme-prod' }),
      CLOUDSDK_CONFIG: join(ROOT, 'test/fixtures/gcloud/configured'),
    };
    const codes: Record<string, number | null> = {};
    for (const command of commands) {
      const { code, stderr } = await gtp(
        [...command.split(' ').slice(1), ...(command === 'gtp audit' ? ['--format', 'json'] : [])],
        { env, cwd: repo },
      );
      codes[command] = code;
      expect(stderr).not.toMatch(LIBRARY_OUTPUT);
    }
    // The reference world is the seed's stack: the register init wrote from it passes the gate, with every
    // permission and API in place.
    expect(codes).toEqual({ 'gtp init': 0, 'gtp doctor': 0, 'gtp audit': 0 });
    expect(readFileSync(join(repo, 'risks.yaml'), 'utf8')).toContain('project: acme-prod\n');
  });
});
