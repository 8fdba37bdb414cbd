/** The jest globalSetup check: a server URL that is set but answers nothing stops the run at once, saying what to do. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module jest's globalSetup loads
const checkServers = require('../support/check-servers.js') as (env: Record<string, string | undefined>) => Promise<void>;

describe('npm test with a server URL that points at nothing', () => {
  it('given neither URL, then nothing is checked', async () => {
    await expect(checkServers({})).resolves.toBeUndefined();
  });

  it('given MONGODB_URL on a closed port, then a clear error naming the URL (password hidden) and what to do', async () => {
    await expect(checkServers({ MONGODB_URL: 'mongodb://user:secret@127.0.0.1:1/sagsspor' })).rejects.toThrow(
      /^MONGODB_URL is set \(mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/sagsspor\) but no MongoDB answers there.*unset MONGODB_URL/s,
    );
  });

  it('given EVENTSTORE_URL on a closed port, then a clear error and what to do', async () => {
    await expect(checkServers({ EVENTSTORE_URL: 'esdb://127.0.0.1:1?tls=false' })).rejects.toThrow(
      /^EVENTSTORE_URL is set \(esdb:\/\/127\.0\.0\.1:1\?tls=false\) but no EventStoreDB answers there.*unset EVENTSTORE_URL/s,
    );
  });
});
