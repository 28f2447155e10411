/** Documented exit codes of the `tofui` CLI. */
export const ExitCode = {
  /** Done. */
  Ok: 0,
  /** Something went wrong on this side (a file could not be read, …). */
  Failure: 1,
  /** Wrong flags or arguments. */
  Usage: 2,
  /** The server answered and refused the request (4xx). */
  Rejected: 3,
  /** The server could not be reached or kept failing (network, 429, 5xx). */
  Unreachable: 4,
} as const;

/** An error that ends the CLI with a given exit code and message. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliError';
  }
}
