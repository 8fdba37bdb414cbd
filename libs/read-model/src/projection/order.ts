import { compareBusinessOrder } from '@sagsspor/sag';

/** libs/sag's business order (meeting date, item, lifecycle step — never arrival), on lite records. */
export const compareRecords = compareBusinessOrder;

export { statusOf } from '@sagsspor/sag';
