import type { Config } from '@backstage/config';
import type {
  StatusMapping,
  StatusType,
} from '@tofui/backstage-plugin-tofui-common';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Reads `tofui.statusTypes`: status types keyed by type, each with a list of
 * code mappings (config keys cannot be numbers, so codes are a field):
 *
 *   tofui:
 *     statusTypes:
 *       checkov:
 *         name: Checkov
 *         mappings:
 *           - { code: 0, label: Passed, emoji: ✅, color: '#1a7f37', status: passing }
 *
 * A mistake fails start-up with a message naming the config key.
 */
export function readStatusTypesConfig(
  config: Config,
): Array<Omit<StatusType, 'source'>> {
  const root = config.getOptionalConfig('tofui.statusTypes');
  if (!root) {
    return [];
  }
  return root.keys().map(key => {
    const at = `tofui.statusTypes.${key}`;
    if (key.length > 50) {
      throw new Error(
        `Invalid config at ${at}: a status type key has at most 50 characters`,
      );
    }
    const type = root.getConfig(key);
    const mappings: Record<string, StatusMapping> = {};
    type.getConfigArray('mappings').forEach((m, i) => {
      const where = `${at}.mappings[${i}]`;
      const code = m.getNumber('code');
      if (!Number.isInteger(code) || code < 0) {
        throw new Error(
          `Invalid config at ${where}.code: must be a non-negative integer`,
        );
      }
      const status = m.getString('status');
      if (status !== 'passing' && status !== 'failing') {
        throw new Error(
          `Invalid config at ${where}.status: must be passing or failing`,
        );
      }
      const color = m.getString('color');
      if (!COLOR.test(color)) {
        throw new Error(
          `Invalid config at ${where}.color: must look like #1a7f37`,
        );
      }
      mappings[String(code)] = {
        label: m.getString('label'),
        emoji: m.getOptionalString('emoji') ?? '',
        color,
        status,
      };
    });
    return { key, name: type.getOptionalString('name') ?? key, mappings };
  });
}
