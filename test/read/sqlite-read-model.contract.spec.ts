import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteReadModel } from '@sagsspor/read-model';
import { describeReadModelContract } from '../../libs/read-model/src/contract/read-model.contract';

describeReadModelContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sagsspor-rm-'));
  const model = new SqliteReadModel(dir);
  return {
    model,
    cleanup: async () => {
      await model.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
