/* global module, process, require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module of the jest globalSetup */
// Jest globalSetup, part 2: a server URL that is set must answer. EVENTSTORE_URL
// or MONGODB_URL pointing at nothing stops the whole run at once, saying so,
// instead of every server suite hanging on its own timeouts.
'use strict';

const WAIT_MS = 5_000;
const redact = (url) => url.replace(/\/\/[^@/]*@/, '//***@');

function unreachable(name, url, error, service) {
  return new Error(
    `${name} is set (${redact(url)}) but no ${service} answers there within ${WAIT_MS / 1000} s: ${error.message}. ` +
      `Start it (docker compose up -d) or unset ${name} to run the tests on the embedded store alone.`,
  );
}

async function checkMongo(url) {
  const { MongoClient } = require('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: WAIT_MS, connectTimeoutMS: WAIT_MS });
  try {
    await client.db().command({ ping: 1 });
  } catch (error) {
    throw unreachable('MONGODB_URL', url, error, 'MongoDB');
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function checkEventStore(url) {
  const { BACKWARDS, END, EventStoreDBClient } = require('@eventstore/db-client');
  let client;
  try {
    client = EventStoreDBClient.connectionString(url);
    // One event read backwards from the end of $all: cheap on any log, and it needs the server to answer.
    for await (const _event of client.readAll({ maxCount: 1, direction: BACKWARDS, fromPosition: END, deadline: WAIT_MS })) break;
  } catch (error) {
    throw unreachable('EVENTSTORE_URL', url, error, 'EventStoreDB');
  } finally {
    await client?.dispose().catch(() => undefined);
  }
}

module.exports = async function checkServers(env = process.env) {
  if (env.MONGODB_URL) await checkMongo(env.MONGODB_URL);
  if (env.EVENTSTORE_URL) await checkEventStore(env.EVENTSTORE_URL);
};
