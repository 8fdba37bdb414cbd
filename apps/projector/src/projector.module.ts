import { Module } from '@nestjs/common';
import { ReadModelModule } from '@sagsspor/read-model';

/** The projector as a process of its own: it starts on bootstrap, whatever SAGSSPOR_PROJECTOR says. */
@Module({ imports: [ReadModelModule.forRoot({ projector: 'always' })] })
export class ProjectorAppModule {}

/** For `--once`: nothing starts by itself; main catches up and exits. */
@Module({ imports: [ReadModelModule.forRoot({ projector: 'never' })] })
export class ProjectorOnceModule {}
