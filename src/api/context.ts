/**
 * What every route plugin of the service can reach: `app.sef` (the configuration, the engine with
 * its warm Chromium pool, and the issuance registry, opened on first use). Declared here so every
 * plugin sees the same type (the FastifyInstance augmentation).
 */
import type { Engine } from '../pipeline/engine.js';
import type { IssuanceStore } from '../issuance/store/types.js';
import type { AppConfig } from './config.js';

export interface SefContext {
  readonly config: AppConfig;
  readonly engine: Engine;
  /** The registry, opened on first call from config.databaseUrl (or the store given to buildApp); closed with the app. */
  readonly store: () => Promise<IssuanceStore>;
}

declare module 'fastify' {
  interface FastifyInstance {
    sef: SefContext;
  }
}
