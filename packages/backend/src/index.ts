/*
 * The tofUI host backend: the Backstage core plugins tofUI relies on (auth,
 * catalog, permissions, signals, notifications, user settings, serving the
 * app) and the tofUI backend plugin.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import {
  failOpenRateLimitHttpRouterServiceFactory,
  reconnectingCacheServiceFactory,
} from '@tofui/backstage-backend-redis-resilience';

const backend = createBackend();

// Optional hardening for Redis outages (production uses Redis for the cache
// and the rate limit): Backstage's cache service with Redis clients that
// reconnect, and its plugin HTTP router with a Redis rate-limit store that
// neither hangs nor stays disconnected when Redis goes away.
backend.add(reconnectingCacheServiceFactory);
backend.add(failOpenRateLimitHttpRouterServiceFactory);

// Serves the frontend bundle (packages/app/dist) and its runtime config.
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest on the embedded defaults; GitHub and OIDC in production
// (app-config.production.yaml). The guest module fails to start without
// auth.providers.guest, so it is only added when that is configured.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
backend.add(
  createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      if (config.has('auth.providers.guest')) {
        yield import('@backstage/plugin-auth-backend-module-guest-provider');
      }
    },
  }),
);

// The catalog maps repositories and folders onto entities.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Announces changed tofui.io annotations, so tofUI re-maps within seconds.
backend.add(import('@tofui/backstage-plugin-catalog-backend-module-tofui'));

backend.add(import('@backstage/plugin-permission-backend'));
// tofUI roles (admin, developer, viewer) from tofui.rbac; other plugins'
// permissions stay allowed.
backend.add(import('@tofui/backstage-plugin-permission-backend-module-tofui'));

// Event bus for catalog and signals events across plugins.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));

backend.add(import('@tofui/backstage-plugin-tofui-backend'));

backend.start();
