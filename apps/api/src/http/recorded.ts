import type { Response } from 'express';
import type { ProjectorService } from '@sagsspor/read-model';
import type { RecordResult } from '@sagsspor/recording';
import { etagOf } from './etag';

/**
 * A write's answer: 201 when something was recorded, 200 when it already
 * was (an identical repeat), the stream's revision as ETag. Waits (briefly)
 * for the projector, so the writer reads its write; when it is behind, the
 * header `Read-Model: behind` says the read routes do not show it yet.
 */
export async function recordedResponse(result: RecordResult, res: Response, projector: ProjectorService | undefined) {
  const shown = result.position === null || !projector || (await projector.waitForPosition(result.position, 2000));
  if (!shown) res.setHeader('Read-Model', 'behind');
  res.status(result.appended > 0 ? 201 : 200).setHeader('ETag', etagOf(result.revision));
  return { revision: result.revision, appended: result.appended, eventIds: result.eventIds };
}
