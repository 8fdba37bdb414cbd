import { Logger } from '@nestjs/common';
import { isAuthOff, loadAuthConfig } from '@sagsspor/access';
import { loadConfig } from '@sagsspor/config';
import { createApi } from './create-api';

/** Starts the API on the configured store (the embedded one in SAGSSPOR_DATA_DIR by default). */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const app = await createApi();
  await app.listen(config.port, config.host);
  const where = config.eventStoreUrl ? `EventStoreDB at ${redact(config.eventStoreUrl)}` : `embedded store in ${config.dataDir}`;
  new Logger('Sagsspor').log(`Listening on http://localhost:${config.port} (${where}); OpenAPI at /docs`);
  const auth = loadAuthConfig();
  if (isAuthOff(auth))
    new Logger('Sagsspor').warn(
      'Authentication is OFF (SAGSSPOR_AUTH=off): every request acts as a local admin. Development and benchmarks only.',
    );
  else new Logger('Sagsspor').log(`Authentication: ${[...auth.methods].join(', ')}; public read ${auth.publicRead ? 'on' : 'off'}`);
  // Last, so it is what a newcomer sees: where to open the pages.
  new Logger('Sagsspor').log(`Pages: http://localhost:${config.port}/ (search, sager, committees, feeds, CSV)`);
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

if (require.main === module) {
  serve().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
