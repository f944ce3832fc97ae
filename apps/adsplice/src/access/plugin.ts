// Bearer-token access to /api/, the audit log of every change, and the token and audit routes.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../errors.ts';
import { requiredRole } from './policy.ts';
import { atLeast, ROLES, type AccessRole, type Token, type TokenStore } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The token's name, for history and audit ('anonymous' on public paths). */
    actor: string;
    accessRole: AccessRole | undefined;
  }
}

export interface AccessOptions {
  store: TokenStore;
  now: () => number;
  /** A secret that in-process callers (the scheduler dispatching to the origin) present; never stored. */
  internalSecret: string;
  log?: { error(o: object, msg: string): void };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Installs the access hooks on the root instance (so they cover every route) and the access routes. */
export function installAccess(app: FastifyInstance, opts: AccessOptions): void {
  app.decorateRequest('actor', 'anonymous');
  app.decorateRequest('accessRole', undefined);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const needed = requiredRole(request.method, request.url);
    if (!needed) return;
    const header = request.headers.authorization;
    const secret = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!secret) throw new AppError('UNAUTHORIZED', 'This path needs "Authorization: Bearer <token>".');
    let token: Pick<Token, 'name' | 'role'> | undefined;
    if (same(secret, opts.internalSecret)) token = { name: 'internal', role: 'admin' };
    else token = await opts.store.verify(secret, opts.now());
    if (!token) throw new AppError('UNAUTHORIZED', 'The token is not valid (unknown or revoked).');
    request.actor = token.name;
    request.accessRole = token.role;
    if (!atLeast(token.role, needed)) throw new AppError('FORBIDDEN', `${request.method} ${request.url.split('?')[0]} needs the ${needed} role; token "${token.name}" is ${token.role}.`);
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!MUTATING.has(request.method) || !request.url.startsWith('/api/') || request.accessRole === undefined) return;
    await opts.store
      .audit({ atMs: opts.now(), actor: request.actor, method: request.method, path: request.url, statusCode: reply.statusCode, requestId: String(request.id), summary: request.routeOptions.url ?? '' })
      .catch((err: unknown) => opts.log?.error({ err }, 'audit write failed'));
  });

  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['access'];
  const TokenOut = Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), createdAt: Type.String(), lastUsedAt: Type.Union([Type.String(), Type.Null()]) });
  const json = (t: Token) => ({ id: t.id, name: t.name, role: t.role, createdAt: new Date(t.createdAtMs).toISOString(), lastUsedAt: t.lastUsedAtMs === null ? null : new Date(t.lastUsedAtMs).toISOString() });

  typed.post(
    '/api/tokens',
    {
      schema: {
        tags,
        summary: 'Create a token (its secret is shown once)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 128 }), role: Type.Union(ROLES.map((r) => Type.Literal(r)) as [ReturnType<typeof Type.Literal<'viewer'>>]) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([TokenOut, Type.Object({ token: Type.String() })]) },
      },
    },
    async (request, reply) => {
      const { token, secret } = await opts.store.create(request.body.name, request.body.role as AccessRole, opts.now());
      void reply.code(201);
      return { ...json(token), token: secret };
    },
  );
  typed.get('/api/tokens', { schema: { tags, summary: 'List tokens (no secrets)', response: { 200: Type.Object({ tokens: Type.Array(TokenOut) }) } } }, async () => ({ tokens: (await opts.store.list()).map(json) }));
  typed.delete('/api/tokens/:id', { schema: { tags, summary: 'Revoke a token', params: Type.Object({ id: Type.String() }) } }, async (request, reply) => {
    if (!(await opts.store.revoke(request.params.id))) throw new AppError('NOT_FOUND', `no token "${request.params.id}"`);
    void reply.code(204);
  });
  typed.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })), before: Type.Optional(Type.String({ format: 'date-time' })) }),
      },
    },
    async (request) => ({
      entries: (await opts.store.auditLog(request.query.limit ?? 100, request.query.before ? Date.parse(request.query.before) : undefined)).map((e) => ({ ...e, at: new Date(e.atMs).toISOString() })),
    }),
  );
}
