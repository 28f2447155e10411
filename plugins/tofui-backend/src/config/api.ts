import type { Config } from '@backstage/config';
import bytes from 'bytes';

/** Size limits of requests (`tofui.api`). */
export interface ApiLimits {
  /** Largest JSON body, as body-parser reads it (e.g. `10mb`). */
  maxBodySize: string;
  /** Largest artifact, in bytes. */
  maxArtifactBytes: number;
}

/** Reads `tofui.api.maxBodySize` and `tofui.api.maxArtifactSize`, naming a bad key. */
export function readApiLimits(config: Config): ApiLimits {
  const read = (key: string, fallback: string) => {
    const value = config.getOptionalString(`tofui.api.${key}`) ?? fallback;
    const parsed = bytes.parse(value);
    if (parsed === null || !(parsed > 0)) {
      throw new Error(
        `Invalid config at tofui.api.${key}: '${value}' is not a size like 10mb`,
      );
    }
    return { value, parsed };
  };
  return {
    maxBodySize: read('maxBodySize', '10mb').value,
    maxArtifactBytes: read('maxArtifactSize', '100mb').parsed,
  };
}
