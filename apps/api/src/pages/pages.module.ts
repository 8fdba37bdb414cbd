import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommitteePageController } from './committee-page.controller';
import { ExportsController } from './export/exports.controller';
import { FeedsController } from './feeds/feeds.controller';
import { SagPageController } from './sag-page.controller';
import { SearchPageController } from './search.controller';
import { SessionStore } from './session/session-store';
import { SignInController } from './session/sign-in.controller';

/** The pages people use: search, a sag, a committee; sign-in; Atom feeds and CSV exports. Read-only. */
@Module({
  imports: [AuthModule],
  controllers: [SearchPageController, SagPageController, CommitteePageController, SignInController, FeedsController, ExportsController],
  providers: [{ provide: SessionStore, useFactory: () => new SessionStore() }],
  exports: [SessionStore],
})
export class PagesModule {}
