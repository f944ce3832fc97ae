// A scheduler process for the crash test: dispatches from the store named in the environment to
// the origin at ADSPLICE_TEST_CONTROL_URL until it is killed. It says `ready` once started and
// waits for a `start` line on stdin before it dispatches, so that the test can boot a replacement
// ahead of a kill.
import { createInterface } from 'node:readline';
import { openDatabase } from '@adsplice/store';
import { Dispatcher } from '../dispatcher.ts';
import { KyselyScheduleRepository } from '../adapters/kysely-schedule-repository.ts';
import { httpRequester, originChannelControl } from '../adapters/origin-channel-control.ts';

const env = process.env;
const database = await openDatabase(
  env.ADSPLICE_TEST_DB_KIND === 'postgres'
    ? { kind: 'postgres', url: env.ADSPLICE_TEST_DB_URL!, schema: env.ADSPLICE_TEST_DB_SCHEMA!, poolSize: 4 }
    : { kind: 'sqlite', file: env.ADSPLICE_TEST_DB_URL! },
);
const dispatcher = new Dispatcher(new KyselyScheduleRepository(database.db, database.dialect), originChannelControl(httpRequester(env.ADSPLICE_TEST_CONTROL_URL!)), { now: () => Date.now() }, {
  owner: env.ADSPLICE_TEST_OWNER!,
  dispatchLeadMs: Number(env.ADSPLICE_TEST_DISPATCH_LEAD_MS),
  leaseMs: Number(env.ADSPLICE_TEST_LEASE_MS),
  maxSleepMs: 200,
  log: { info() {}, warn() {}, error: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`) },
});
process.stdout.write('ready\n');
createInterface({ input: process.stdin }).once('line', () => dispatcher.start());
// Keep running until killed; the dispatcher's timers are unref'd.
setInterval(() => {}, 1 << 30);
