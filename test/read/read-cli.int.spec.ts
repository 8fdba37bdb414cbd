import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@sagsspor/event-store';
import { http, startApi, tempDataDir } from '../support/api-harness';
import { CONTRACT_COMMANDS, recordCommands } from '../../libs/read-model/testing/scenario';
import { exitOf, holdAfterCounted, killAfterCounted, until } from '../support/built-cli';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

describe('CLI sager and rebuild (child process, embedded store)', () => {
  let dataDir: string;
  let head: bigint;

  function cli(...args: string[]) {
    const env = embeddedEnv(dataDir);
    const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 }); // a bound for a broken run
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }
  const json = (...args: string[]) => {
    const res = cli(...args, '--json');
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: res.code === 0 ? res.stderr : '' });
    return JSON.parse(res.stdout);
  };

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    dataDir = tempDataDir('sagsspor-read-cli-');
    const store = new SqliteEventStore(dataDir);
    await recordCommands(store, CONTRACT_COMMANDS);
    head = await store.headPosition();
    await store.close();
  });

  it('sager --json: catches the embedded read model up with the log first, then lists', () => {
    const page = json('sager', '--kommune', 'lejre kommune');
    expect(page.items.map((s: { sagsnummer: string }) => s.sagsnummer)).toEqual(['19/3742', '23-002657', '24-000233']);
    expect(page.nextCursor).toBeNull();
    expect(json('sager', '--kommune', 'Lejre', '--committee', 'Økonomiudvalget', '--status', 'recommended').items).toEqual([
      expect.objectContaining({ sagsnummer: '19/3742', recommendedTo: 'Byrådet', access: 'closed' }),
    ]);
    const first = json('sager', '--kommune', 'Lejre', '--limit', '2');
    const rest = json('sager', '--kommune', 'Lejre', '--limit', '2', '--cursor', first.nextCursor);
    expect(rest.items.map((s: { sagsnummer: string }) => s.sagsnummer)).toEqual(['24-000233']);
  });

  it('sager without --json prints one line pair per sag', () => {
    const res = cli('sager', '--kommune', 'Slagelse');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('330-2019-57265');
    expect(res.stdout).toContain('Lokalplan 1234');
  });

  it.each([
    [['sager'], /--kommune <value> is required/],
    [['sager', '--kommune', 'Lejre', '--limit', '501'], /limit must be a whole number from 1 to 500/],
    [['sager', '--kommune', 'Lejre', '--status', 'closed'], /status must be one of/],
    [['sager', '--kommune', 'Lejre', '--cursor', 'nope!'], /cursor/i],
    [['sager', '--kommune', 'Lejre', '--sort', 'x'], /unknown option --sort/],
  ])('refuses %j with exit code 2', (args, message) => {
    const res = cli(...args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('rebuild --json: a new generation from position 0, live when caught up, the same answers', () => {
    const before = json('sager', '--kommune', 'Lejre');
    const report = json('rebuild');
    expect(report).toMatchObject({
      replaced: expect.any(Number),
      events: Number(head),
      checkpoint: head.toString(),
      droppedGenerations: 1,
    });
    expect(report.generation).toBeGreaterThan(report.replaced);
    expect(json('sager', '--kommune', 'Lejre')).toEqual(before);
  });

  it('npm run -s cli -- rebuild runs the rebuild in a bounded child process, and refuses a bad bound', () => {
    const env = embeddedEnv(dataDir);
    const viaScript = (extra: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [path.join(ROOT, 'scripts/cli.js'), 'rebuild', '--json'], {
        cwd: ROOT,
        env: { ...env, ...extra },
        encoding: 'utf8',
        timeout: 240_000,
      });
    const ok = viaScript({ SAGSSPOR_REBUILD_HEAP_MB: '96' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ events: Number(head), checkpoint: head.toString() });
    const bad = viaScript({ SAGSSPOR_REBUILD_HEAP_MB: 'lots' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('SAGSSPOR_REBUILD_HEAP_MB must be a whole number');
    expect(bad.stdout).toBe('');
  });

  it('a rebuild whose npm run -s cli process is killed (SIGKILL) stops too, leaving nothing live', async () => {
    const smallDir = tempDataDir('sagsspor-read-cli-orphan-');
    execFileSync(process.execPath, [path.join(ROOT, 'dist/bench/rebuild/generate-log.js'), smallDir, '5000'], { stdio: 'ignore' });
    // The rebuild holds still after its first batch (counted work, not a moment): its starter is killed while it is surely half-way.
    const held = holdAfterCounted('rebuild-batch', 1);
    const env = { ...embeddedEnv(smallDir), ...held.env };
    try {
      const starter = spawn(process.execPath, [path.join(ROOT, 'scripts/cli.js'), 'rebuild', '--json'], {
        cwd: ROOT,
        env,
        stdio: 'ignore',
      });
      const ended = exitOf(starter);
      const report = await until(() => {
        if (starter.exitCode !== null) throw new Error(`the rebuild ended (${starter.exitCode}) before it reached its first batch`);
        return held.report();
      }, 'the rebuild to reach its first batch');
      expect(report).toMatchObject({ point: 'rebuild-batch', count: 1, events: 1000 });
      const pid = report.pid as number;
      expect(childrenOf(starter.pid as number)).toEqual([pid]);
      starter.kill('SIGKILL');
      await ended;
      // The rebuild hears its starter go on the IPC channel: no clock decides this, the bound only stops a broken run.
      await until(() => !running(pid) || null, 'the orphaned rebuild to stop');
      const db = new Database(path.join(smallDir, 'read-models.sqlite'), { readonly: true });
      const states = db.prepare('SELECT state FROM generations').pluck().all();
      db.close();
      // Stopped half-way: the generation it was building was never made live.
      expect(states).toEqual(['building']);
    } finally {
      fs.rmSync(smallDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('a rebuild that died half-way is reported in /health as abandoned, not as a build in progress; the next rebuild clears it', async () => {
    const dir = tempDataDir('sagsspor-read-cli-abandoned-');
    execFileSync(process.execPath, [path.join(ROOT, 'dist/bench/rebuild/generate-log.js'), dir, '3000'], { stdio: 'ignore' });
    const rebuildIn = (extra: Record<string, string> = {}) =>
      spawnSync(process.execPath, [CLI, 'rebuild', '--json'], { cwd: ROOT, env: { ...embeddedEnv(dir), ...extra }, encoding: 'utf8' });
    const live = JSON.parse(rebuildIn().stdout) as { generation: number };
    const kill = killAfterCounted('rebuild-batch', 1);
    const killed = rebuildIn(kill.env);
    expect([killed.signal, kill.report()?.count]).toEqual(['SIGKILL', 1]);
    const stoppedAt = String(kill.report()?.checkpoint);
    const api = await startApi(dir);
    try {
      const health = await http(`${api.url}/health`);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      const readModel = health.body.projections['sag-read-model'];
      expect(readModel).toMatchObject({
        status: 'live',
        generation: live.generation,
        building: null,
        health: 'rebuild-abandoned',
        abandoned: [{ generation: live.generation + 1, checkpoint: stoppedAt, builder: { pid: kill.report()?.pid } }],
      });
      expect(readModel.detail).toContain(`stopped at position ${stoppedAt} without finishing`);
      expect(readModel.detail).toContain('npm run -s cli -- rebuild');

      const again = rebuildIn();
      expect(again.status).toBe(0);
      const after = (await http(`${api.url}/health`)).body;
      expect(after.status).toBe('ok');
      expect(after.projections['sag-read-model']).toMatchObject({ health: 'ok', building: null, abandoned: [] });
    } finally {
      await api.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The environment of a CLI child on the embedded store in `dataDir`, whatever server URLs this process has. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SAGSSPOR_DATA_DIR: dataDir };
  delete env['EVENTSTORE_URL'];
  delete env['MONGODB_URL'];
  return env;
}

/** The pids of a process's children (Linux). */
function childrenOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** Alive, and not a zombie nobody has reaped yet. */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
