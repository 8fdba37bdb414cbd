import { SqliteEventStore } from '@sagsspor/event-store';
import { tempDataDir } from '../support/api-harness';
import { ensureBuilt, runCli } from '../support/built-cli';
import { CONTRACT_COMMANDS, recordCommands } from '../../libs/read-model/testing/scenario';

const BFU = 'børne og familieudvalget';
const JAI = 'job, arbejdsmarked og integration';

describe('CLI committees: list, merge, merges, split (child process, embedded store)', () => {
  let dataDir: string;

  const cli = (...args: string[]) => runCli(args, dataDir);
  const json = (...args: string[]) => {
    const res = cli(...args, '--json');
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 0, stderr: res.code === 0 ? res.stderr : '' });
    return JSON.parse(res.stdout);
  };
  const keys = () => json('committees', 'list', '--kommune', 'Lejre').items.map((c: { committeeKey: string }) => c.committeeKey);
  const sager = (committee: string) =>
    json('sager', '--kommune', 'Lejre', '--committee', committee).items.map((s: { sagsnummer: string }) => s.sagsnummer);

  beforeAll(async () => {
    ensureBuilt();
    dataDir = tempDataDir('sagsspor-committees-cli-');
    const store = new SqliteEventStore(dataDir);
    await recordCommands(store, CONTRACT_COMMANDS);
    await store.close();
  });

  it('merges a committee into another by name and abbreviation, lists it as one, and splits it again', () => {
    expect(keys()).toEqual(expect.arrayContaining([BFU, JAI]));
    expect(sager('JAI')).toEqual(['23-002657']);

    expect(
      json('committees', 'merge', '--kommune', 'Lejre', '--alias', 'Børne- og Familieudvalget', '--into', 'JAI', '--reason', 'test'),
    ).toMatchObject({
      appended: 1,
      revision: 0,
    });
    expect(keys()).not.toContain(BFU);
    expect(sager('JAI')).toEqual(['23-002657', '24-000233']);
    expect(sager('Børne- og Familieudvalget')).toEqual(['23-002657', '24-000233']);
    expect(json('committees', 'merges', '--kommune', 'Lejre').items).toEqual([
      {
        alias: { committee: 'Børne- og Familieudvalget', committeeKey: BFU },
        into: { committee: 'Udvalget for Job, Arbejdsmarked og Integration', committeeKey: JAI },
      },
    ]);

    const self = cli('committees', 'merge', '--kommune', 'Lejre', '--alias', 'JAI', '--into', JAI);
    expect([self.code, self.stderr]).toEqual([1, expect.stringContaining('[committee.merge-self]')]);
    const unknown = cli('committees', 'merge', '--kommune', 'Lejre', '--alias', 'Fantasiudvalget', '--into', JAI);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('[committee.unknown]')]);

    expect(json('committees', 'split', '--kommune', 'Lejre', '--alias', BFU)).toMatchObject({ appended: 1, revision: 1 });
    expect(keys()).toEqual(expect.arrayContaining([BFU, JAI]));
    expect(sager('JAI')).toEqual(['23-002657']);
    const again = cli('committees', 'split', '--kommune', 'Lejre', '--alias', BFU);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('[committee.not-merged]')]);
    expect(cli('committees', 'frobnicate', '--kommune', 'Lejre').code).toBe(2);
    expect(cli('verify').code).toBe(0);
  });
});
