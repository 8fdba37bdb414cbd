import { ModulesContainer, Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { ApiKeyAuthenticator, ApiKeyStore, Authenticator, ForbiddenError, loadAuthConfig } from '@sagsspor/access';
import { ACCESS_RULE } from '../../apps/api/src/auth/allow.decorator';
import { AuthGuard } from '../../apps/api/src/auth/auth.guard';
import { startApi, tempDataDir } from '../support/api-harness';
import { bearer, createKeys } from './support/keys';

describe('access rules of routes', () => {
  it('names an explicit rule on every route of the API (the default, admin only, is a safety net, not a design)', async () => {
    const api = await startApi();
    try {
      const missing: string[] = [];
      const routes: string[] = [];
      for (const module of api.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
          if (!controller) continue;
          for (const name of Object.getOwnPropertyNames(controller.prototype)) {
            const handler = (controller.prototype as Record<string, unknown>)[name];
            if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata('path', handler) === undefined) continue;
            const rule = Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, controller);
            routes.push(`${controller.name}.${name}: ${rule ? JSON.stringify(rule) : 'MISSING'}`);
            if (!rule) missing.push(`${controller.name}.${name}`);
          }
        }
      }
      expect(routes.length).toBeGreaterThanOrEqual(10);
      expect(missing).toEqual([]);
    } finally {
      await api.stop();
    }
  });

  it('denies a route without a rule to everyone but admins', async () => {
    const dir = tempDataDir();
    const keys = createKeys(dir);
    const store = new ApiKeyStore(dir);
    const guard = new AuthGuard(new Reflector(), new Authenticator(loadAuthConfig({}), new ApiKeyAuthenticator(store), null));
    class Unmarked {
      route(): void {}
    }
    const context = (headers: Record<string, string>): ExecutionContext => {
      const req = { headers };
      const res = { vary: () => res, setHeader: () => res };
      return {
        getType: () => 'http',
        getHandler: () => Unmarked.prototype.route,
        getClass: () => Unmarked,
        switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
      } as unknown as ExecutionContext;
    };
    try {
      for (const role of ['reader', 'clerk', 'auditor'] as const)
        await expect(guard.canActivate(context(bearer(keys[role])))).rejects.toThrow(ForbiddenError);
      await expect(guard.canActivate(context(bearer(keys.admin)))).resolves.toBe(true);
    } finally {
      store.close();
    }
  });
});
