export interface Config {
  tofui?: {
    /** Where report artifacts (HTML, redacted plan JSON, logs) are stored. */
    storage?: {
      /** Storage backend. Default: local. */
      backend?: 'local';
      local?: {
        /**
         * Directory for artifacts. Default: a directory under the OS temp
         * directory (not persistent; set this in any real installation).
         */
        basePath?: string;
      };
    };
    /** The REST API. */
    api?: {
      /** Largest accepted JSON request body, e.g. `10mb` (bigger answers 413). Default: 10mb. */
      maxBodySize?: string;
    };
    /**
     * Status types keyed by type (like the original dashboard's
     * `status_types`, with codes as a field since config keys cannot be
     * numbers). They override the built-in defaults of the same key; edits
     * made through the API override both.
     */
    statusTypes?: {
      [key: string]: {
        name?: string;
        mappings: Array<{
          code: number;
          label: string;
          emoji?: string;
          color: string;
          status: 'passing' | 'failing';
        }>;
      };
    };
    /** Cached summary and list responses. */
    cache?: {
      /** Time to live of cached responses, in seconds. Default: 300. */
      ttlSeconds?: number;
    };
    /**
     * Demo reports loaded (idempotently) at start-up: a JSON array of reports
     * in the original tofUI format. Their timestamps are shifted so that the
     * newest is a few minutes old. For the embedded demo setup only.
     */
    demoData?: {
      /** Path to the JSON file, relative to the backend's working directory. */
      file: string;
    };
  };
}
