import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadConfig } from '@sagsspor/config';
import {
  ApiKeyAuthenticator,
  ApiKeyStore,
  Authenticator,
  DEFAULT_KEY_CACHE,
  JwtVerifier,
  loadAuthConfig,
  type AuthConfig,
} from '@sagsspor/access';
import { AuthGuard } from './auth.guard';
import { KeysController } from './keys.controller';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

class KeyStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ApiKeyStore) private readonly store: ApiKeyStore) {}
  onApplicationShutdown(): void {
    this.store.close();
  }
}

/** Authentication and the global access guard; configuration is read when the app is created. */
@Module({
  controllers: [KeysController],
  providers: [
    { provide: AUTH_CONFIG, useFactory: () => loadAuthConfig() },
    { provide: ApiKeyStore, useFactory: () => new ApiKeyStore(loadConfig().dataDir) },
    {
      provide: ApiKeyAuthenticator,
      inject: [ApiKeyStore, AUTH_CONFIG],
      useFactory: (store: ApiKeyStore, config: AuthConfig) =>
        new ApiKeyAuthenticator(store, { ...DEFAULT_KEY_CACHE, cacheMs: config.keyCacheMs }),
    },
    {
      provide: Authenticator,
      inject: [AUTH_CONFIG, ApiKeyAuthenticator],
      useFactory: async (config: AuthConfig, keys: ApiKeyAuthenticator) =>
        new Authenticator(config, config.methods.has('api-key') ? keys : null, config.jwt ? await JwtVerifier.create(config.jwt) : null),
    },
    KeyStoreLifecycle,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Authenticator, AUTH_CONFIG],
})
export class AuthModule {}
