import { execFileSync, spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chainHash, publicKeyInfo } from '@sagsspor/audit';
import { SqliteEventStore, sqliteEventStoreFile } from '@sagsspor/event-store';
import { RecordTreatment, RecordTreatmentHandler } from '@sagsspor/recording';
import { tempDataDir } from '../support/api-harness';
import { SLAGELSE, seed } from './support/seed';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const SLAGELSE_STREAM = 'sag-slagelse:330-2019-57265';

/** An Ed25519 private key file, as `openssl genpkey -algorithm ed25519` writes one. */
function keyFile(dir: string, name: string): { file: string; privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'] } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, name);
  fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return { file, privateKey };
}

/** Deletes events straight in the embedded store's file, as someone with access to the disk could. */
function deletePositions(dataDir: string, positions: readonly number[]): void {
  const db = new Database(sqliteEventStoreFile(dataDir));
  try {
    for (const position of positions) {
      if (db.prepare('DELETE FROM events WHERE position = ?').run(position).changes !== 1) throw new Error(`no event at ${position}`);
    }
  } finally {
    db.close();
  }
}

describe('audit checkpoints: a cut-off log is caught (CLI, embedded store)', () => {
  let work: string;
  let original: string;
  let signingKey: string;
  let saved: string;

  function cli(dataDir: string, args: string[], env: Record<string, string> = {}) {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, SAGSSPOR_DATA_DIR: dataDir, SAGSSPOR_AUDIT_SIGNING_KEY_FILE: signingKey, ...env };
    delete childEnv.EVENTSTORE_URL;
    const res = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: 240_000 }); // a bound for a broken run
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  }
  function json(dataDir: string, args: string[], env: Record<string, string> = {}) {
    const res = cli(dataDir, [...args, '--json'], env);
    expect(res.stderr).toBe('');
    return { code: res.code, body: JSON.parse(res.stdout) };
  }
  /** A copy of the log as it was when the checkpoint was saved, to tamper with. */
  function copy(name: string): string {
    const dir = path.join(work, name);
    fs.cpSync(original, dir, { recursive: true });
    return dir;
  }

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    work = tempDataDir('sagsspor-checkpoints-');
    original = path.join(work, 'original');
    signingKey = keyFile(work, 'audit-key.pem').file;
    const store = new SqliteEventStore(original);
    await seed(store);
    // One more event after Lejre's newest, so deleting Lejre's newest events leaves the log's tail in place.
    await new RecordTreatmentHandler(store).execute(
      new RecordTreatment(
        {
          type: 'DecideSag',
          data: {
            sag: SLAGELSE,
            treatment: { committee: 'Byrådet', meetingDate: '2019-09-02', item: 3 },
            outcome: 'approved',
            text: 'Godkendt',
          },
        },
        {
          commandId: 'c',
          correlationId: 'c',
          causationId: 'c',
          recordedAt: '2024-03-01T10:00:00.000Z',
          recordedBy: 'test',
          source: { kind: 'api' },
        },
      ),
    );
    await store.close();
    const { code, body } = json(original, ['audit', 'checkpoint']);
    expect(code).toBe(0);
    saved = path.join(work, 'checkpoint.json');
    fs.writeFileSync(saved, JSON.stringify(body));
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('audit checkpoint: a signed checkpoint of the whole log, which the log extends', () => {
    const checkpoint = JSON.parse(fs.readFileSync(saved, 'utf8'));
    expect(checkpoint).toMatchObject({
      position: '9',
      count: 9,
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    const { code, body } = json(original, ['verify', '--against', saved]);
    expect(code).toBe(0);
    expect(body).toMatchObject({ ok: true, events: 9, against: { ok: true, findingCount: 0, checkpoint: { signatureStatus: 'valid' } } });
  });

  it("a stream's newest events deleted: verify says ok, verify --against names their positions", () => {
    const dir = copy('stream-tail');
    // Lejre's revisions 5 and 6, at positions 7 and 8; Slagelse's event at 9 stays.
    deletePositions(dir, [7, 8]);
    expect(json(dir, ['verify'])).toMatchObject({ code: 0, body: { ok: true, brokenCount: 0 } });

    const { code, body } = json(dir, ['verify', '--against', saved]);
    expect(code).toBe(1);
    expect(body.ok).toBe(false);
    expect(body.against.findings).toEqual([
      { kind: 'missing', position: '7', detail: expect.stringContaining('position 7') },
      { kind: 'missing', position: '8', detail: expect.stringContaining('position 8') },
    ]);
    expect(body.against.log).toMatchObject({ count: 7, headPosition: '9' });
    const text = cli(dir, ['verify', '--against', saved]);
    expect(text.stdout).toContain('the log does NOT extend it');
    expect(text.stdout).toContain('missing at position 7');
  });

  it("the log's tail deleted: verify says ok, verify --against says where the log ends and what the checkpoint vouches for", () => {
    const dir = copy('log-tail');
    deletePositions(dir, [8, 9]);
    expect(json(dir, ['verify'])).toMatchObject({ code: 0, body: { ok: true, brokenCount: 0 } });

    const { code, body } = json(dir, ['verify', '--against', saved]);
    expect(code).toBe(1);
    expect(body.against.findings).toEqual([
      { kind: 'truncated', position: '7', detail: 'the log ends at position 7; the checkpoint vouches for events through position 9' },
      { kind: 'missing', position: '8', detail: expect.any(String) },
      { kind: 'missing', position: '9', detail: expect.any(String) },
    ]);
  });

  it("a stream's newest event rewritten with its hash recomputed: verify says ok, verify --against names it", () => {
    const dir = copy('rewritten');
    const db = new Database(sqliteEventStoreFile(dir));
    try {
      const row = db.prepare('SELECT stream_name, revision, type, data, metadata FROM events WHERE position = 9').get() as Record<
        string,
        string
      >;
      const data = { ...JSON.parse(row.data as string), text: 'Forkastet' };
      const metadata = JSON.parse(row.metadata as string);
      const streamName = row.stream_name as string;
      const revision = Number(row.revision);
      metadata.hash = chainHash(metadata.prevHash, { streamName, revision, type: row.type as string, data, metadata });
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = 9').run(JSON.stringify(data), JSON.stringify(metadata));
    } finally {
      db.close();
    }
    expect(json(dir, ['verify'])).toMatchObject({ code: 0, body: { ok: true, brokenCount: 0 } });
    const { code, body } = json(dir, ['verify', '--against', saved]);
    expect(code).toBe(1);
    expect(body.against.findings).toEqual([
      { kind: 'changed', position: '9', detail: `the event at position 9 (${SLAGELSE_STREAM} revision 1) differs from the checkpoint` },
    ]);
  });

  it('a checkpoint signed with another key is refused, and so is one altered after signing', () => {
    const checkpoint = JSON.parse(fs.readFileSync(saved, 'utf8'));
    const other = keyFile(work, 'other-key.pem');
    const otherId = publicKeyInfo(createPublicKey(other.privateKey)).keyId;
    const root = 'f'.repeat(64);
    const text = `sagsspor-checkpoint/v1\n${checkpoint.position}\n${checkpoint.count}\n${root}\n`;
    const forged = { ...checkpoint, root, keyId: otherId, signature: sign(null, Buffer.from(text), other.privateKey).toString('base64') };
    const forgedFile = path.join(work, 'forged.json');
    fs.writeFileSync(forgedFile, JSON.stringify(forged));
    const refused = cli(original, ['verify', '--against', forgedFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`signed by key ${otherId}, which is not a key of this log`);
    expect(refused.stderr).toContain('[audit.invalid-checkpoint]');

    const altered = path.join(work, 'altered.json');
    fs.writeFileSync(altered, JSON.stringify({ ...checkpoint, count: checkpoint.count - 2 }));
    const res = cli(original, ['verify', '--against', altered]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/signature does not verify with key [0-9a-f]{16}: it was forged or altered/);

    const unsigned = path.join(work, 'unsigned.json');
    fs.writeFileSync(unsigned, JSON.stringify({ ...checkpoint, keyId: null, signature: null }));
    expect(cli(original, ['verify', '--against', unsigned]).stderr).toContain('not signed, but this log signs its checkpoints');
  });

  it('rebuilding the checkpoints from zero gives the same roots', () => {
    const every = { SAGSSPOR_AUDIT_CHECKPOINT_EVERY: '4' };
    const first = copy('rebuild');
    fs.rmSync(path.join(first, 'audit.sqlite'));
    expect(json(first, ['audit', 'checkpoint'], every).body).toEqual(JSON.parse(fs.readFileSync(saved, 'utf8')));
    const listed = (dir: string) =>
      new Database(path.join(dir, 'audit.sqlite'), { readonly: true })
        .prepare('SELECT position, count, root, key_id, signature FROM audit_checkpoints ORDER BY position')
        .all();
    const before = listed(first);
    expect(before.map((row) => (row as { position: number }).position)).toEqual([4, 8, 9]);
    fs.rmSync(path.join(first, 'audit.sqlite'));
    json(first, ['audit', 'checkpoint'], every);
    expect(listed(first)).toEqual(before);
  });
});
