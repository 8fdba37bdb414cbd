import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CliModule } from './cli.module';

/** Runs fn inside the same Nest wiring the API uses, then closes the store. */
export async function withApp<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Who records from the command line, and when: one command id, the user's name. */
export function cliRecordContext() {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    recordedAt: new Date().toISOString(),
    recordedBy: `cli:${os.userInfo().username}`,
  };
}
