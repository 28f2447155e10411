import {
  createLogMasker,
  type RedactionOptions,
  readRedactionOptions,
} from '@tofui/report';
import fs from 'node:fs/promises';
import { CliError, ExitCode } from './exitCodes';

/**
 * `--redaction-config <file.json>`: the second redaction layer's options,
 * in the shape of the backend's `tofui.redaction` (`enabled`, `rules`,
 * `allow`), so that the CLI and the backend mask alike. Its regexes are
 * checked here, before anything is read or sent.
 */
export async function readRedactionConfig(
  file: string | undefined,
): Promise<RedactionOptions | undefined> {
  if (!file) return undefined;
  try {
    const options = readRedactionOptions(
      JSON.parse(await fs.readFile(file, 'utf8')),
    );
    createLogMasker([], { redaction: options });
    return options;
  } catch (error) {
    throw new CliError(
      `--redaction-config ${file}: ${(error as Error).message}`,
      ExitCode.Usage,
    );
  }
}
