import type { Config } from '@backstage/config';
import {
  createLogMasker,
  type RedactionOptions,
  readRedactionOptions,
} from '@tofui/report';

/**
 * Reads `tofui.redaction` (the second redaction layer: extra rules,
 * allow-list), compiling its regexes once so that a bad one fails start-up
 * naming the key rather than the first publish.
 */
export function readRedactionConfig(config: Config): RedactionOptions {
  const key = 'tofui.redaction';
  try {
    const options = readRedactionOptions(config.getOptional(key));
    createLogMasker([], { redaction: options });
    return options;
  } catch (error) {
    throw new Error(`Invalid config at ${key}: ${(error as Error).message}`);
  }
}
