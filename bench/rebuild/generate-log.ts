import { writeSyntheticLog } from './synthetic-log';

/**
 * `node dist/bench/rebuild/generate-log.js <dataDir> <events> [seed]`: writes a
 * synthetic log into <dataDir>/events.sqlite and prints its report as JSON.
 * `<events>` written as `sager:<n>` plans n sager instead (for bench:query).
 * A process of its own, so the generator's memory never counts against the
 * rebuild's peak RSS.
 */
const [dataDir, events, seed] = process.argv.slice(2);
const sager = /^sager:(\d+)$/.exec(events ?? '');
if (!dataDir || !events || !(sager || /^\d+$/.test(events))) {
  console.error('usage: generate-log.js <dataDir> <events | sager:n> [seed]');
  process.exit(2);
}
const report = writeSyntheticLog(dataDir, {
  targetEvents: sager ? 0 : Number(events),
  ...(sager ? { targetSager: Number(sager[1]) } : {}),
  seed: seed ? Number(seed) : 1,
});
process.stdout.write(`${JSON.stringify(report)}\n`);
