import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadModel } from '../src/mongo-read-model';
import { describeReadModelContract } from '../../read-model/testing/read-model.contract';

const url = process.env['MONGODB_URL'];

if (url) {
  // A MONGODB_URL that points at nothing fails here, at once and saying so, not after every test's timeout.
  beforeAll(async () => {
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 3_000 });
    try {
      await client.db().command({ ping: 1 });
    } catch (error) {
      throw new Error(
        `MONGODB_URL is set (${url.replace(/\/\/[^@/]*@/, '//***@')}) but no MongoDB answers there: ${(error as Error).message}. ` +
          'Start it (docker compose up -d mongodb) or unset MONGODB_URL to skip this suite.',
      );
    } finally {
      await client.close();
    }
  }, 10_000);

  // A shared server: each test gets its own collection prefix and drops it afterwards.
  describeReadModelContract('mongodb', async () => {
    const prefix = `rmtest${randomBytes(4).toString('hex')}`;
    const model = new MongoReadModel(url, { prefix, retiredGraceMs: 0 });
    return {
      model,
      cleanup: async () => {
        await model.close();
        const client = new MongoClient(url);
        try {
          const db = client.db();
          for (const c of await db.listCollections({ name: { $regex: `^${prefix}` } }).toArray()) await db.dropCollection(c.name);
        } finally {
          await client.close();
        }
      },
    };
  });
} else {
  console.warn('MongoDB read-model contract suite skipped: MONGODB_URL is not set');
  describe.skip('ReadModel contract: mongodb (MONGODB_URL is not set)', () => {
    it('runs against a server given by MONGODB_URL', () => undefined);
  });
}
