import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { TofuiRbacPolicy } from './TofuiRbacPolicy';

/**
 * The permission backend's policy: tofUI roles from `tofui.rbac`, every
 * other plugin's permission allowed. It replaces the app's policy module
 * (e.g. the allow-all one): a backend has one policy.
 *
 * @public
 */
export const permissionModuleTofuiPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'tofui-rbac-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(TofuiRbacPolicy.fromConfig(config));
      },
    });
  },
});
