// Configuration of `adsplice start`: command-line flags win over environment variables, which
// win over defaults. Every option is documented in docs/configuration.md.
import { resolve } from 'node:path';
import { AppError } from './errors.ts';

export const ROLES = ['origin', 'scheduler', 'ads', 'stitcher', 'analytics', 'web'] as const;
export type Role = (typeof ROLES)[number];

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** undefined: sessions, caches and locks in memory. */
  redisUrl: string | undefined;
  roles: Role[];
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** A JSON file declaring channels (and later other resources), applied at start. */
  configFile: string | undefined;
  /** ADSPLICE_ADMIN_TOKEN (environment only: a secret has no flag): the admin token to use instead of generating one. */
  adminToken: string | undefined;
  /** Analytics facts and stitcher events older than this many days are deleted (default 30). */
  retentionDays: number;
}

/** Raw option values, as the CLI parsed them (undefined when not given). */
export interface ConfigInput {
  port?: string | number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  roles?: string;
  demo?: boolean;
  logLevel?: string;
  config?: string;
  retentionDays?: string | number;
}

/** Option name → environment variable. */
export const ENV = {
  port: 'ADSPLICE_PORT',
  host: 'ADSPLICE_HOST',
  dataDir: 'ADSPLICE_DATA_DIR',
  databaseUrl: 'ADSPLICE_DATABASE_URL',
  redisUrl: 'ADSPLICE_REDIS_URL',
  roles: 'ADSPLICE_ROLES',
  demo: 'ADSPLICE_DEMO',
  logLevel: 'ADSPLICE_LOG_LEVEL',
  config: 'ADSPLICE_CONFIG',
  retentionDays: 'ADSPLICE_RETENTION_DAYS',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function invalid(option: string, message: string): AppError {
  return new AppError('CONFIG_INVALID', `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${message}`, { option });
}

function parseBool(option: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  throw invalid(option, `expected true or false, got "${text}"`);
}

/**
 * Resolves the configuration. `cwd` anchors relative paths; `env` is the environment to read.
 * Throws AppError CONFIG_INVALID with the option's name on a bad value.
 */
export function resolveConfig(input: ConfigInput, env: Record<string, string | undefined>, cwd: string): Config {
  const pick = <K extends keyof ConfigInput>(key: K): ConfigInput[K] | string | undefined => {
    const flag = input[key];
    if (flag !== undefined) return flag;
    const fromEnv = env[ENV[key]];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  };

  const portText = String(pick('port') ?? '8080');
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw invalid('port', `expected 0..65535, got "${portText}"`);
  const port = Number(portText);

  const host = String(pick('host') ?? '0.0.0.0');
  if (host.trim() === '') throw invalid('host', 'must not be empty');

  const dataDir = resolve(cwd, String(pick('dataDir') ?? './data'));

  const dbText = pick('databaseUrl');
  let database: DatabaseConfig;
  if (dbText === undefined) {
    database = { kind: 'sqlite', file: resolve(dataDir, 'adsplice.db') };
  } else {
    const url = String(dbText);
    if (/^postgres(ql)?:\/\//i.test(url)) {
      try {
        new URL(url);
      } catch {
        throw invalid('databaseUrl', `not a valid URL: "${url}"`);
      }
      database = { kind: 'postgres', url };
    } else if (/^sqlite:/i.test(url)) {
      const file = url.replace(/^sqlite:(\/\/)?/i, '');
      if (file === '') throw invalid('databaseUrl', 'sqlite: needs a file path');
      database = { kind: 'sqlite', file: resolve(cwd, file) };
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      throw invalid('databaseUrl', `expected a postgres:// URL, a sqlite: URL or a file path, got "${url}"`);
    } else {
      database = { kind: 'sqlite', file: resolve(cwd, url) };
    }
  }

  const redisText = pick('redisUrl');
  let redisUrl: string | undefined;
  if (redisText !== undefined) {
    redisUrl = String(redisText);
    if (!/^rediss?:\/\//i.test(redisUrl)) throw invalid('redisUrl', `expected a redis:// or rediss:// URL, got "${redisUrl}"`);
    try {
      new URL(redisUrl);
    } catch {
      throw invalid('redisUrl', `not a valid URL: "${redisUrl}"`);
    }
  }

  const rolesText = String(pick('roles') ?? 'all').trim();
  let roles: Role[];
  if (rolesText === 'all') {
    roles = [...ROLES];
  } else {
    const names = rolesText.split(',').map((r) => r.trim()).filter((r) => r !== '');
    const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (names.length === 0 || unknown.length > 0) {
      throw invalid('roles', `unknown role(s) ${unknown.map((u) => `"${u}"`).join(', ') || '(none given)'}; expected "all" or a list of ${ROLES.join(', ')}`);
    }
    roles = ROLES.filter((r) => names.includes(r));
  }

  const demoValue = pick('demo');
  const demo = demoValue === undefined ? true : typeof demoValue === 'boolean' ? demoValue : parseBool('demo', demoValue);

  const level = String(pick('logLevel') ?? 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw invalid('logLevel', `expected one of ${LOG_LEVELS.join(', ')}, got "${level}"`);

  const configText = pick('config');
  const configFile = configText === undefined ? undefined : resolve(cwd, String(configText));

  const adminToken = env.ADSPLICE_ADMIN_TOKEN === undefined || env.ADSPLICE_ADMIN_TOKEN === '' ? undefined : env.ADSPLICE_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken.length < 16) throw invalid('adminToken', 'ADSPLICE_ADMIN_TOKEN must be at least 16 characters');

  const retentionText = String(pick('retentionDays') ?? '30');
  const retentionDays = Number(retentionText);
  if (!/^\d+$/.test(retentionText) || retentionDays < 1 || retentionDays > 3650) throw invalid('retentionDays', `expected whole days from 1 to 3650, got "${retentionText}"`);

  return { port, host, dataDir, database, redisUrl, roles, demo, logLevel: level as Config['logLevel'], configFile, adminToken, retentionDays };
}

/** The configuration with secrets in URLs masked, for logs and /readyz. */
export function describeConfig(config: Config): Record<string, unknown> {
  const mask = (url: string): string => {
    try {
      const u = new URL(url);
      if (u.password) u.password = '***';
      return u.toString();
    } catch {
      return url;
    }
  };
  return {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    database: config.database.kind === 'sqlite' ? { kind: 'sqlite', file: config.database.file } : { kind: 'postgres', url: mask(config.database.url) },
    redis: config.redisUrl ? mask(config.redisUrl) : 'memory',
    roles: config.roles,
    demo: config.demo,
    configFile: config.configFile ?? null,
    adminToken: config.adminToken ? 'set' : 'generated on first start',
    retentionDays: config.retentionDays,
  };
}
