import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { TofuiRbacPolicy } from './TofuiRbacPolicy';

/** The permission backend's policy: tofUI roles from `tofui.rbac`. */
export default createBackendModule({
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
