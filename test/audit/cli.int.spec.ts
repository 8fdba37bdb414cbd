import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteEventStore } from '@sagsspor/event-store';
import { tempDataDir } from '../support/api-harness';
import { FULL, LEJRE_STREAM, rows, seed } from './support/seed';
import { tamper } from './support/tamper';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

describe('CLI history cuts and verify (child process, embedded store)', () => {
  let dataDir: string;

  function cli(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, SAGSSPOR_DATA_DIR: dataDir };
    delete env.EVENTSTORE_URL;
    const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 }); // a bound for a broken run
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }
  const json = (...args: string[]) => {
    const res = cli(...args, '--json');
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: '' });
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    dataDir = tempDataDir('sagsspor-audit-cli-');
    const store = new SqliteEventStore(dataDir);
    await seed(store);
    await store.close();
  });

  it('history --as-of: the treatments at meetings on or before the date', () => {
    const h = json('history', '23-002657', '--kommune', 'Lejre', '--as-of', '2024-02-06');
    expect(rows(h)).toEqual(FULL.slice(0, 2));
    expect(h).toMatchObject({ asOf: '2024-02-06', knownAt: null, revision: 6 });
  });

  it('history --known-at (instant): the reference recorded on the JAI day, not the later superseding record', () => {
    const h = json('history', '23-002657', '--kommune', 'Lejre', '--known-at', '2024-02-09T00:00:00+01:00');
    expect(rows(h)).toEqual([
      '2024-02-05 social proposed r0',
      '2024-02-05 social recommended r3',
      '2024-02-07 job proposed r1',
      '2024-02-07 job recommended r2',
    ]);
    expect(h).toMatchObject({ knownAt: '2024-02-08T23:00:00.000Z', revision: 3 });
  });

  it('history --known-at (position) --as-of together', () => {
    const h = json('history', '23-002657', '--kommune', 'Lejre', '--known-at', '7', '--as-of', '2024-02-06');
    expect(rows(h)).toEqual(['2024-02-05 social proposed r0', '2024-02-05 social recommended r3']);
    expect(h).toMatchObject({ knownAt: '7', asOf: '2024-02-06', revision: 5 });
    expect(rows(json('history', '23-002657', '--kommune', 'Lejre'))).toEqual(FULL);
  });

  it('names the cut in the text output', () => {
    const res = cli('history', '23-002657', '--kommune', 'Lejre', '--as-of=2024-02-06', '--known-at=4');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('revision 3 (as of 2024-02-06, as known at 4)');
  });

  it('refuses a time without a zone as a usage error (2), and nothing by then as not found (3)', () => {
    const bad = cli('history', '23-002657', '--kommune', 'Lejre', '--known-at', '2024-02-09T12:00:00');
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/--known-at: .*no time zone/);
    expect(cli('history', '23-002657', '--kommune', 'Lejre', '--as-of', '2024-02-30').code).toBe(2);
    const none = cli('history', '23-002657', '--kommune', 'Lejre', '--as-of', '2024-02-04', '--json');
    expect(none).toMatchObject({ code: 3, stdout: '' });
    expect(none.stderr).toContain('sag.not-found-at-cut');
  });

  it('verify: exit 0 while intact, exit 1 naming exactly the edited stream and revision', () => {
    expect(json('verify')).toEqual({ ok: true, streams: 2, events: 8, headPosition: '8', brokenCount: 0, broken: [] });
    tamper(dataDir, LEJRE_STREAM, 2, { data: `json_set(data, '$.recommendedTo', 'Byrådet')` });
    const res = cli('verify', '--json');
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ ok: false, streams: 2, events: 8, brokenCount: 1 });
    expect(report.broken.map((b: any) => [b.stream, b.revision, b.reason])).toEqual([[LEJRE_STREAM, 2, 'hash-mismatch']]);
    const text = cli('verify');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`BROKEN: 8 events in 2 streams`);
    expect(text.stdout).toContain(`${LEJRE_STREAM} revision 2: hash-mismatch`);
  });

  it('verify --json on a scribbled event names the stream, revision and position, and reads on', () => {
    tamper(dataDir, LEJRE_STREAM, 4, { metadata: `'{"hash": "scribbled'` });
    const res = cli('verify', '--json');
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report).toMatchObject({ ok: false, streams: 2, events: 8 });
    const unreadable = report.broken.filter((b: any) => b.reason === 'unreadable');
    expect(unreadable).toEqual([
      expect.objectContaining({ stream: LEJRE_STREAM, revision: 4, detail: expect.stringMatching(/position \d+/) }),
    ]);
  });

  it('verify on a file that is not a database reports it as JSON, exit 1', () => {
    const scribbled = tempDataDir('sagsspor-scribbled-');
    fs.writeFileSync(path.join(scribbled, 'events.sqlite'), Buffer.alloc(8192, 0x5a));
    const res = spawnSync(process.execPath, [CLI, 'verify', '--json'], {
      cwd: ROOT,
      env: { ...process.env, SAGSSPOR_DATA_DIR: scribbled, EVENTSTORE_URL: '', MONGODB_URL: '' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, error: expect.stringMatching(/not a database|malformed/) });
  });

  it('refuses a data directory that does not exist, creating nothing, unless asked to create it', () => {
    const missing = path.join(tempDataDir('sagsspor-parent-'), 'typo');
    const env = { ...process.env, SAGSSPOR_DATA_DIR: missing, EVENTSTORE_URL: '', MONGODB_URL: '' };
    for (const args of [['verify'], ['verify', '--json'], ['keys', 'list'], ['sager', '--kommune', 'Lejre'], ['rebuild']]) {
      const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8' });
      expect([args.join(' '), res.status, res.stderr]).toEqual([args.join(' '), 1, expect.stringContaining('does not exist')]);
      expect(fs.existsSync(missing)).toBe(false);
    }
    const created = spawnSync(process.execPath, [CLI, 'verify', '--json', '--create-data-dir'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(created.status).toBe(0);
    expect(fs.existsSync(missing)).toBe(true);
  });
});
