/** A job's task schedule, in Backstage's format (durations as objects or ISO strings). */
interface TaskScheduleConfig {
  frequency: { [unit: string]: number } | string;
  timeout: { [unit: string]: number } | string;
  initialDelay?: { [unit: string]: number } | string;
}

export interface Config {
  tofui?: {
    /**
     * The second redaction layer: secrets a plan does not mark sensitive
     * (credential formats, secret-named keys and env entries) are masked in
     * stored plans, logs and rendered reports; the CLI reads the same
     * options from `--redaction-config`. Each report counts what was masked
     * (per rule, with paths, never values).
     */
    redaction?: {
      /** false: only values the plan marks sensitive are masked in plans. Default: true. */
      enabled?: boolean;
      /** Secrets of one's own shape: everything a rule's regex (JavaScript, case-insensitive) matches is masked. */
      rules?: Array<{ name: string; pattern: string }>;
      /** Whole-value regexes of values never masked by this layer (known non-secrets). */
      allow?: string[];
    };
    /** The REST API. */
    api?: {
      /** Largest accepted JSON request body, e.g. `10mb` (bigger answers 413). Default: 10mb. */
      maxBodySize?: string;
      /** Largest artifact (HTML, plan, log) of a report, e.g. `100mb` (bigger answers 413). Default: 100mb. */
      maxArtifactSize?: string;
    };
    /**
     * Heavy work (a plan parsed, redacted and summarised on publish, a log
     * masked, a report rendered) runs in child processes, off the request
     * thread, each under a memory limit: work that would need more is
     * refused (publish: 413; render: `renderStatus: failed` with the reason)
     * instead of taking the replica down.
     */
    processing?: {
      /**
       * Memory for heavy work on this replica, in MB, shared by the
       * `concurrency` workers. Default: a third of the container's memory
       * limit (cgroup `memory.max`), or of the machine's memory, at most 1024.
       */
      memoryBudgetMb?: number;
      /** Heavy tasks run at once on this replica. Default: 1. */
      concurrency?: number;
      /**
       * Publishes waiting for a worker beyond those running; more are
       * answered 503 (the CLI retries). Background renders wait regardless.
       * Default: 8.
       */
      maxQueued?: number;
      /**
       * Artifacts up to this size are processed on the request thread
       * (starting a worker costs more than they do), e.g. `256kb`.
       * Default: 256kb.
       */
      inlineMaxSize?: string;
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
      /**
       * Longest wait for one cache operation, in milliseconds: a Redis that
       * is down can hold commands instead of failing them. Default: 250.
       */
      timeoutMs?: number;
      /**
       * While the cache is unavailable (requests skip it), how often it is
       * tried again, in milliseconds. Default: 5000.
       */
      retryIntervalMs?: number;
      /**
       * Responses about one repository are invalidated by writes to it
       * only; responses spanning repositories (the dashboard's fleet pages)
       * by every write, or, when this is set, at most once per this many
       * milliseconds under a stream of writes: they may then be that late,
       * and stay cached under heavy CI load. Default: 0 (never late).
       */
      fleetRefreshMs?: number;
      /**
       * Megabytes of compressed responses each replica also keeps in its own
       * memory (the ones it served last), so that a cached response costs no
       * read of its body from the shared cache and no compression. Writes
       * invalidate them as the shared ones. Default: 16; 0 keeps none.
       */
      localMemoryMb?: number;
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
    /**
     * CI identities (Backstage external access: static tokens, JWKS) and the
     * repositories they may publish to and read.
     */
    ci?: {
      /**
       * Limits by subject: a static token's `subject`, or a JWT's as
       * `<subjectPrefix>:<sub>` (e.g. `github:repo:acme/infra:*`); `*`
       * matches anything.
       */
      publishers?: Array<{
        subject: string;
        /** `owner/name` repositories */
        repositories: string[];
      }>;
      /**
       * Limit OIDC subjects that name a repository (GitHub Actions
       * `repo:owner/name:…`, GitLab CI `project_path:owner/name:…`) to that
       * repository. Default: true.
       */
      repositoryFromSubject?: boolean;
    };
    /**
     * Retention: the newest reports of every folder and report type are
     * kept; older ones are archived (artifacts moved to
     * `archives/{yyyy}/{mm}/…` with a JSON record of the report) and their
     * rows deleted. A folder's latest build and test are always kept.
     */
    retention?: {
      /** Default: true. */
      enabled?: boolean;
      /** Reports kept per folder and report type. Default: 30. */
      keepPerFolderAndType?: number;
      /** Also archive reports older than this many days. Default: none. */
      maxAgeDays?: number;
      /** Log what would be archived and change nothing. Default: false. */
      dryRun?: boolean;
      /** Task schedule. Default: hourly. */
      schedule?: TaskScheduleConfig;
    };
    /** Cross-region replication of artifacts (see docs/operations.md). */
    replication?: {
      /**
       * Replication verification: a job that checks that every artifact of
       * the reports written recently exists in the DR storage replica, and
       * exports the count missing and the oldest missing age as metrics.
       */
      verify?: {
        /** Default: false. */
        enabled?: boolean;
        /** The DR storage replica: declared by @tofui/backstage-plugin-tofui-node. */
        /** Reports written within this many hours are checked. Default: 24. */
        lookbackHours?: number;
        /** At most this many reports (the most recently written) per run. Default: 10000. */
        maxReports?: number;
        /** Artifacts checked at once. Default: 8. */
        concurrency?: number;
        /** Task schedule (every replica of the backend). Default: every 10 minutes. */
        schedule?: TaskScheduleConfig;
      };
    };
    /** The catalog sync that maps entities onto repositories and folders. */
    catalogSync?: {
      /**
       * Task schedule, e.g. `{ frequency: { minutes: 2 }, timeout: { minutes: 5 } }`.
       * Default: every 2 minutes.
       */
      schedule?: TaskScheduleConfig;
    };
  };
}
