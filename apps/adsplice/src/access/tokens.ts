// API tokens: bearer secrets with a role. Only a SHA-256 of each secret is stored; the secret is
// shown once, when it is created.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type AccessRole = (typeof ROLES)[number];
const RANK: Record<AccessRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function atLeast(role: AccessRole, needed: AccessRole): boolean {
  return RANK[role] >= RANK[needed];
}

export interface Token {
  id: string;
  name: string;
  role: AccessRole;
  createdAtMs: number;
  lastUsedAtMs: number | null;
}

interface Tables {
  access_tokens: { id: string; name: string; role: string; secret_sha256: string; created_at_ms: number; last_used_at_ms: number | null; revoked: number };
  access_audit: { id: string; at_ms: number; actor: string; method: string; path: string; status_code: number; request_id: string; summary: string };
}

export const accessMigrations: Record<string, Migration> = {
  'access-0001-tokens-audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('access_tokens')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('secret_sha256', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at_ms', 'bigint')
        .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('access_audit')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'varchar(128)', (c) => c.notNull())
        .addColumn('method', 'varchar(8)', (c) => c.notNull())
        .addColumn('path', 'varchar(512)', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('request_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_audit_at').on('access_audit').column('at_ms').execute();
    },
  },
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new secret: "ads_" + 32 random bytes, base64url. */
export function newSecret(): string {
  return `ads_${randomBytes(32).toString('base64url')}`;
}

export interface AuditEntry {
  atMs: number;
  actor: string;
  method: string;
  path: string;
  statusCode: number;
  requestId: string;
  summary: string;
}

export class TokenStore {
  private readonly db: Kysely<Tables>;
  /** Verified secrets, so a request costs no query (revocation clears it). */
  private readonly cache = new Map<string, Token>();

  constructor(db: Kysely<unknown>) {
    this.db = db as Kysely<Tables>;
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('access_tokens').select((eb) => eb.fn.countAll<number>().as('n')).where('revoked', '=', 0).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Stores a token for `secret` (generated when not given); returns it with its secret. */
  async create(name: string, role: AccessRole, nowMs: number, secret = newSecret()): Promise<{ token: Token; secret: string }> {
    const token: Token = { id: randomUUID(), name, role, createdAtMs: nowMs, lastUsedAtMs: null };
    await this.db.insertInto('access_tokens').values({ id: token.id, name, role, secret_sha256: sha256(secret), created_at_ms: nowMs, last_used_at_ms: null, revoked: 0 }).execute();
    return { token, secret };
  }

  /** Makes sure a token with this secret exists as an admin (ADSPLICE_ADMIN_TOKEN). */
  async ensureAdmin(secret: string, nowMs: number): Promise<void> {
    const found = await this.db.selectFrom('access_tokens').select('id').where('secret_sha256', '=', sha256(secret)).executeTakeFirst();
    if (!found) await this.create('admin (ADSPLICE_ADMIN_TOKEN)', 'admin', nowMs, secret);
  }

  async verify(secret: string, nowMs: number): Promise<Token | undefined> {
    const hit = this.cache.get(secret);
    if (hit) return hit;
    const digest = sha256(secret);
    const row = await this.db.selectFrom('access_tokens').selectAll().where('secret_sha256', '=', digest).where('revoked', '=', 0).executeTakeFirst();
    if (!row || !timingSafeEqual(Buffer.from(row.secret_sha256), Buffer.from(digest))) return undefined;
    await this.db.updateTable('access_tokens').set({ last_used_at_ms: nowMs }).where('id', '=', row.id).execute();
    const token: Token = { id: row.id, name: row.name, role: row.role as AccessRole, createdAtMs: Number(row.created_at_ms), lastUsedAtMs: nowMs };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(secret, token);
    return token;
  }

  async list(): Promise<Token[]> {
    const rows = await this.db.selectFrom('access_tokens').selectAll().where('revoked', '=', 0).orderBy('created_at_ms').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as AccessRole, createdAtMs: Number(r.created_at_ms), lastUsedAtMs: r.last_used_at_ms === null ? null : Number(r.last_used_at_ms) }));
  }

  async revoke(id: string): Promise<boolean> {
    const r = await this.db.updateTable('access_tokens').set({ revoked: 1 }).where('id', '=', id).where('revoked', '=', 0).executeTakeFirst();
    this.cache.clear();
    return Number(r.numUpdatedRows) === 1;
  }

  async audit(e: AuditEntry): Promise<void> {
    await this.db.insertInto('access_audit').values({ id: randomUUID(), at_ms: e.atMs, actor: e.actor, method: e.method, path: e.path.slice(0, 512), status_code: e.statusCode, request_id: e.requestId, summary: e.summary }).execute();
  }

  async auditLog(limit: number, beforeMs?: number): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('access_audit').selectAll().orderBy('at_ms', 'desc').limit(limit);
    if (beforeMs !== undefined) q = q.where('at_ms', '<', beforeMs);
    return (await q.execute()).map((r) => ({ atMs: Number(r.at_ms), actor: r.actor, method: r.method, path: r.path, statusCode: Number(r.status_code), requestId: r.request_id, summary: r.summary }));
  }
}
