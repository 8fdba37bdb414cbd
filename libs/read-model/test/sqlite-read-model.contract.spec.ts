import { SqliteReadModel } from '@sagsspor/read-model';
import { describeReadModelContract } from '../testing/read-model.contract';
import { tempDataDir } from '../testing/temp-models';

describeReadModelContract('sqlite', async () => {
  const dir = tempDataDir('sagsspor-rm-');
  const model = new SqliteReadModel(dir.path);
  return {
    model,
    cleanup: async () => {
      await model.close();
      dir.remove();
    },
  };
});
