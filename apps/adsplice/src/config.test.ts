import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig, ROLES } from './config.ts';
import { AppError } from './errors.ts';

const cwd = '/srv/app';

test('defaults: port 8080, ./data, SQLite in the data dir, memory sessions, all roles, demo on', () => {
  assert.deepEqual(resolveConfig({}, {}, cwd), {
    port: 8080,
    host: '0.0.0.0',
    dataDir: '/srv/app/data',
    database: { kind: 'sqlite', file: '/srv/app/data/adsplice.db' },
    redisUrl: undefined,
    roles: [...ROLES],
    demo: true,
    logLevel: 'info',
    configFile: undefined,
    adminToken: undefined,
    retentionDays: 30,
  });
});

test('environment variables set every option, flags win over them', () => {
  const env = {
    ADSPLICE_PORT: '9000',
    ADSPLICE_HOST: '127.0.0.1',
    ADSPLICE_DATA_DIR: '/var/lib/adsplice',
    ADSPLICE_DATABASE_URL: 'postgres://u:secret@127.0.0.1:5432/test',
    ADSPLICE_REDIS_URL: 'redis://127.0.0.1:6379',
    ADSPLICE_ROLES: 'stitcher, ads',
    ADSPLICE_DEMO: 'false',
    ADSPLICE_LOG_LEVEL: 'warn',
    ADSPLICE_CONFIG: '/etc/adsplice.json',
    ADSPLICE_ADMIN_TOKEN: 'a-long-enough-admin-secret',
    ADSPLICE_RETENTION_DAYS: '7',
  };
  const fromEnv = resolveConfig({}, env, cwd);
  assert.deepEqual(fromEnv, {
    port: 9000,
    host: '127.0.0.1',
    dataDir: '/var/lib/adsplice',
    database: { kind: 'postgres', url: 'postgres://u:secret@127.0.0.1:5432/test' },
    redisUrl: 'redis://127.0.0.1:6379',
    roles: ['ads', 'stitcher'],
    demo: false,
    logLevel: 'warn',
    configFile: '/etc/adsplice.json',
    adminToken: 'a-long-enough-admin-secret',
    retentionDays: 7,
  });
  const flags = resolveConfig({ port: '8081', roles: 'origin', demo: true, databaseUrl: 'custom.db' }, env, cwd);
  assert.equal(flags.port, 8081);
  assert.deepEqual(flags.roles, ['origin']);
  assert.equal(flags.demo, true);
  assert.deepEqual(flags.database, { kind: 'sqlite', file: '/srv/app/custom.db' });
});

test('sqlite: URLs and empty environment values', () => {
  assert.deepEqual(resolveConfig({ databaseUrl: 'sqlite:///tmp/x.db' }, {}, cwd).database, { kind: 'sqlite', file: '/tmp/x.db' });
  assert.deepEqual(resolveConfig({ databaseUrl: 'sqlite:rel.db' }, {}, cwd).database, { kind: 'sqlite', file: '/srv/app/rel.db' });
  assert.equal(resolveConfig({}, { ADSPLICE_PORT: '' }, cwd).port, 8080);
});

test('bad values give CONFIG_INVALID naming the option', () => {
  const cases: [Parameters<typeof resolveConfig>[0], Record<string, string>, RegExp][] = [
    [{ port: 'eighty' }, {}, /--port: expected 0\.\.65535/],
    [{ port: '70000' }, {}, /--port/],
    [{ host: ' ' }, {}, /--host/],
    [{ databaseUrl: 'mysql://x' }, {}, /--database-url: expected a postgres:\/\//],
    [{ databaseUrl: 'postgres://[bad' }, {}, /--database-url: not a valid URL/],
    [{ databaseUrl: 'sqlite:' }, {}, /--database-url: sqlite: needs a file path/],
    [{ redisUrl: 'http://x' }, {}, /--redis-url: expected a redis:\/\//],
    [{ redisUrl: 'redis://[bad' }, {}, /--redis-url: not a valid URL/],
    [{ roles: 'stitcher,mixer' }, {}, /--roles: unknown role\(s\) "mixer"/],
    [{ roles: ',' }, {}, /--roles: unknown role\(s\) \(none given\)/],
    [{}, { ADSPLICE_DEMO: 'maybe' }, /--demo: expected true or false/],
    [{ logLevel: 'loud' }, {}, /--log-level/],
    [{ retentionDays: '0' }, {}, /--retention-days: expected whole days/],
    [{}, { ADSPLICE_RETENTION_DAYS: '1.5' }, /--retention-days: expected whole days/],
  ];
  for (const [input, env, message] of cases) {
    assert.throws(
      () => resolveConfig(input, env, cwd),
      (err: unknown) => err instanceof AppError && err.code === 'CONFIG_INVALID' && message.test(err.message),
      `${JSON.stringify(input)} ${JSON.stringify(env)}`,
    );
  }
});
