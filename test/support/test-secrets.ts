/** The webhook secret key every test process uses: a fixed, public value, for tests only. */
export const TEST_WEBHOOK_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');
