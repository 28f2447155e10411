import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { TofuiMappingProcessor } from './TofuiMappingProcessor';

/**
 * A catalog module that announces changed tofUI annotations as events, so
 * the tofUI plugin re-syncs its repository and folder mapping at once
 * instead of at its next scheduled sync (every 30 minutes by default).
 *
 * @public
 */
export const catalogModuleTofuiMappings = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'tofui-mappings',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
        logger: coreServices.logger,
      },
      async init({ processing, events, logger }) {
        processing.addProcessor(new TofuiMappingProcessor(events, logger));
      },
    });
  },
});
