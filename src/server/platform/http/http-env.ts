import type { Principal } from '../../auth/principal.ts';
import type { Logger } from '../logger.ts';

export interface Authentication {
  principal: Principal;
  via: 'session' | 'token';
  csrfToken?: string;
}

/** What every request carries through Hono's context. */
export interface HttpEnv {
  Variables: {
    requestId: string;
    log: Logger;
    auth: Authentication | undefined;
  };
}
