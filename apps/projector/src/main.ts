import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ProjectorService, READ_MODEL, type ReadModelStore } from '@sagsspor/read-model';
import { ProjectorAppModule, ProjectorOnceModule } from './projector.module';

/**
 * The projector on its own: for MongoDB deployments (servers then run none),
 * or beside a server on the embedded store (the two then take turns safely).
 * `--once` applies everything in the log and exits 0 when caught up.
 * SIGTERM/SIGINT stop it between batches.
 */
export async function runProjector(argv: readonly string[]): Promise<number> {
  const once = argv.includes('--once');
  const unknown = argv.filter((a) => a !== '--once');
  if (unknown.length) {
    console.error(`usage: node dist/apps/projector/src/main.js [--once]   (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  const logger = new Logger('Projector');
  const app = await NestFactory.createApplicationContext(once ? ProjectorOnceModule : ProjectorAppModule, {
    logger: ['log', 'warn', 'error'],
  });
  logger.log(`Projecting into ${app.get<ReadModelStore>(READ_MODEL).description}`);
  if (once) {
    try {
      const generation = await app.get(ProjectorService).catchUp();
      logger.log(`Caught up: generation ${generation.gen} is live at position ${generation.checkpoint}`);
      return 0;
    } finally {
      await app.close();
    }
  }
  return new Promise<number>((resolve) => {
    // The store's subscription polls with unref'd timers (so a CLI can exit): this process must stay.
    const alive = setInterval(() => undefined, 60_000);
    const stop = (signal: string) => {
      logger.log(`${signal}: stopping`);
      clearInterval(alive);
      void app.close().then(() => resolve(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

if (require.main === module) {
  runProjector(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
