import { promises as fs } from 'node:fs';

/** Below this much free space, writes are about to fail (or failing): health says so before users find out. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

export interface StorageStatus {
  readonly status: 'ok' | 'full' | 'unknown';
  readonly freeBytes: number | null;
}

/** Free space on the file system of the data directory (the embedded store, keys, webhooks). */
export async function storageStatus(dataDir: string): Promise<StorageStatus> {
  try {
    const stats = await fs.statfs(dataDir);
    const freeBytes = Number(stats.bavail) * Number(stats.bsize);
    return { status: freeBytes < MIN_FREE_BYTES ? 'full' : 'ok', freeBytes };
  } catch {
    return { status: 'unknown', freeBytes: null };
  }
}
