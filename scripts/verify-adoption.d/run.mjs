#!/usr/bin/env node
/*
 * scripts/verify-adoption: installs tofUI into a Backstage app that never saw
 * this repository, as a platform team would, and checks that it works.
 *
 *  1. generates a new app with @backstage/create-app at the version the
 *     registry serves, and installs it;
 *  2. serves the tarballs of `make dist` as the @tofui scope's registry (the
 *     stand-in for npm once tofUI is published there);
 *  3. follows docs/install.md: runs its marked blocks verbatim, in order;
 *  4. checks that tofUI added no second version of any @backstage package,
 *     and that `backstage-cli config:check` validates `tofui.*`;
 *  5. type-checks and builds the app, starts its backend, publishes a plan
 *     with the packed CLI (installed with the machine's own Node and npm),
 *     and in Chromium sees the report on /tofui and on the annotated
 *     entity's tab (screenshots in docs/images/adoption-*.png).
 *
 * Options: --workdir DIR (default: a new temporary directory, removed on
 * success), --keep (keep the workdir), --reuse (DIR already holds an
 * installed app from an earlier run: skip generation and install).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { chromium } from 'playwright-core';

const repo = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const args = process.argv.slice(2);
const flag = name => args.includes(name);
const option = name => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const started = Date.now();
const timings = [];
const log = message => console.log(`\x1b[1;35m[adoption]\x1b[0m ${message}`);
async function step(name, fn) {
  const t0 = Date.now();
  log(`── ${name}`);
  const result = await fn();
  timings.push([name, (Date.now() - t0) / 1000]);
  return result;
}

/** Runs a command, streaming its output to a log file; throws on failure. */
function run(command, commandArgs, options = {}) {
  const { cwd, env, input, logFile, quiet } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = chunk => {
      output += chunk;
      if (logFile) fs.appendFileSync(logFile, chunk);
      if (!quiet && !logFile) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(
              `${command} ${commandArgs.join(
                ' ',
              )} exited with ${code}\n${output.slice(-4000)}`,
            ),
          ),
    );
  });
}

const sh = (script, options) =>
  run('bash', ['-euo', 'pipefail', '-c', script], options);

async function freePort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** `name@version` of every @backstage package a yarn.lock resolves. */
function backstageVersions(lockfile) {
  const text = fs.readFileSync(lockfile, 'utf8');
  const found = new Set();
  for (const m of text.matchAll(
    /^"?(@backstage\/[^@"]+)@[^\n]*\n {2}version: ([^\n]+)/gm,
  )) {
    found.add(`${m[1]}@${m[2]}`);
  }
  return found;
}

/**
 * Packages of which an app must hold one version: the backend and frontend
 * plugin APIs and the apps that implement them. tofUI must never add one.
 */
const CORE = [
  '@backstage/backend-plugin-api',
  '@backstage/backend-app-api',
  '@backstage/backend-defaults',
  '@backstage/core-plugin-api',
  '@backstage/core-app-api',
  '@backstage/frontend-plugin-api',
  '@backstage/frontend-app-api',
  '@backstage/version-bridge',
];

/** The blocks of docs/install.md marked `<!-- adoption: … -->`, in order. */
function installSteps() {
  const doc = fs.readFileSync(path.join(repo, 'docs/install.md'), 'utf8');
  const steps = [];
  const pattern = /<!-- adoption: (.+?) -->\n\s*```[a-z]*\n([\s\S]*?)```/g;
  for (const m of doc.matchAll(pattern)) {
    steps.push({ directive: m[1].trim(), body: m[2] });
  }
  if (steps.length === 0)
    throw new Error('docs/install.md has no adoption steps');
  return steps;
}

function deepMerge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key]
    ) {
      deepMerge(target[key], value);
    } else if (Array.isArray(value) && Array.isArray(target[key])) {
      target[key].push(...value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

async function applyStep({ directive, body }, app, env, logFile) {
  const [verb, file, ...rest] = directive.split(' ');
  if (verb === 'run') {
    await sh(body, { cwd: app, env, logFile });
  } else if (verb === 'insert') {
    const anchor = JSON.parse(rest.slice(1).join(' '));
    const target = path.join(app, file);
    const text = fs.readFileSync(target, 'utf8');
    if (!text.includes(anchor))
      throw new Error(`${file} has no line ${anchor}`);
    fs.writeFileSync(target, text.replace(anchor, `${body}\n${anchor}`));
  } else if (verb === 'append') {
    fs.appendFileSync(path.join(app, file), `\n${body}`);
  } else if (verb === 'merge') {
    const target = path.join(app, file);
    const document = YAML.parseDocument(fs.readFileSync(target, 'utf8'));
    const merged = deepMerge(document.toJS() ?? {}, YAML.parse(body));
    fs.writeFileSync(target, YAML.stringify(merged));
  } else {
    throw new Error(`unknown adoption step '${directive}'`);
  }
  log(`   docs/install.md: ${directive}`);
}

async function main() {
  const workdir =
    option('--workdir') ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'tofui-adoption-'));
  fs.mkdirSync(workdir, { recursive: true });
  const app = path.join(workdir, 'app');
  const logFile = path.join(workdir, 'adoption.log');
  const dist = path.join(repo, 'dist-packages');
  const images = path.join(repo, 'docs/images');
  const registryUrl = spawnSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  })
    .stdout.trim()
    .replace(/\/$/, '');
  const env = {
    YARN_NPM_REGISTRY_SERVER: registryUrl,
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: '0',
    CI: '',
  };
  log(`workdir ${workdir} (log: ${logFile})`);

  if (!fs.existsSync(dist) || fs.readdirSync(dist).length === 0) {
    throw new Error('dist-packages/ is empty: run make dist first');
  }

  // The @tofui registry: every other package comes from the real registry.
  const portFile = path.join(workdir, 'registry.port');
  fs.rmSync(portFile, { force: true });
  const registry = spawn(
    process.execPath,
    [path.join(repo, 'scripts/verify-adoption.d/registry.mjs'), dist, portFile],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await waitFor('the @tofui registry', () => fs.existsSync(portFile), 10_000);
  const tofuiRegistry = `http://127.0.0.1:${fs.readFileSync(portFile, 'utf8')}`;

  const children = [registry];
  // The backend runs in a process group of its own (yarn → backstage-cli →
  // node): stop the whole group.
  const stopAll = () =>
    children.forEach(child => {
      try {
        process.kill(
          child.spawnargs[0] === 'yarn' ? -child.pid : child.pid,
          'SIGTERM',
        );
      } catch {
        // already gone
      }
    });
  process.on('exit', stopAll);

  const createAppVersion = spawnSync(
    'npm',
    ['view', '@backstage/create-app', 'version'],
    {
      encoding: 'utf8',
    },
  ).stdout.trim();

  if (!flag('--reuse')) {
    await step(`create-app ${createAppVersion}`, async () => {
      fs.rmSync(app, { recursive: true, force: true });
      await run(
        'npx',
        [
          '-y',
          `@backstage/create-app@${createAppVersion}`,
          '--skip-install',
          '--path',
          app,
        ],
        { cwd: workdir, env, input: 'tofui-adopter\n', logFile },
      );
    });
    await step('install the new app (yarn install)', () =>
      run('yarn', ['install'], { cwd: app, env, logFile }),
    );
    // The requirement docs/install.md names: a coherent backend release.
    await step('bring the backend core up to date', () =>
      run(
        'yarn',
        [
          '--cwd',
          'packages/backend',
          'add',
          '@backstage/backend-defaults@latest',
        ],
        {
          cwd: app,
          env,
          logFile,
        },
      ),
    );
    fs.copyFileSync(
      path.join(app, 'yarn.lock'),
      path.join(workdir, 'yarn.lock.before-tofui'),
    );
    // The app as its team had it before tofUI: --reuse starts again from here.
    await sh(
      'git add -A && git -c user.name=adoption -c user.email=adoption@localhost commit -qm "before tofUI" && git tag -f before-tofui',
      { cwd: app, logFile },
    );
  } else {
    await step('reset the app to before tofUI', async () => {
      await sh(
        'git reset -q --hard before-tofui && git clean -fdq -e node_modules',
        { cwd: app, logFile },
      );
      await run('yarn', ['install'], { cwd: app, env, logFile });
    });
  }

  // Where tofUI would come from once published: the scope's registry.
  const yarnrc = path.join(app, '.yarnrc.yml');
  const rc = YAML.parse(fs.readFileSync(yarnrc, 'utf8'));
  rc.npmScopes = { tofui: { npmRegistryServer: tofuiRegistry } };
  rc.unsafeHttpWhitelist = ['127.0.0.1'];
  rc.npmPreapprovedPackages = [
    ...new Set([...(rc.npmPreapprovedPackages ?? []), '@tofui/*']),
  ];
  fs.writeFileSync(yarnrc, YAML.stringify(rc));

  await step('follow docs/install.md', async () => {
    for (const s of installSteps()) await applyStep(s, app, env, logFile);
  });

  const duplicates = await step(
    'no second copy of a Backstage core package',
    () => {
      const before = backstageVersions(
        path.join(workdir, 'yarn.lock.before-tofui'),
      );
      const after = backstageVersions(path.join(app, 'yarn.lock'));
      const added = [...after].filter(v => !before.has(v));
      const coreAdded = added.filter(v =>
        CORE.some(name => v.startsWith(`${name}@`)),
      );
      if (coreAdded.length > 0) {
        throw new Error(
          `tofUI brought a second copy of: ${coreAdded.join(', ')}`,
        );
      }
      // Plugin libraries of 0.x versions (e.g. plugin-events-node) may have
      // moved past the caret range of the release tofUI is built on; a second
      // copy of those is how Backstage plugins coexist, and is reported.
      if (added.length > 0)
        log(`   other @backstage versions tofUI added: ${added.join(', ')}`);
      const single = CORE.filter(
        name =>
          name.startsWith('@backstage/backend') ||
          name === '@backstage/core-plugin-api',
      );
      return single.map(name => {
        const versions = [...after].filter(v => v.startsWith(`${name}@`));
        if (versions.length !== 1) {
          throw new Error(
            `${name}: ${versions.length} copies (${versions.join(', ')})`,
          );
        }
        return versions[0];
      });
    },
  );
  log(`   core packages, one copy each: ${duplicates.join(', ')}`);

  await step('backstage-cli config:check validates tofui.*', async () => {
    const valid = path.join(workdir, 'tofui-valid.yaml');
    const invalid = path.join(workdir, 'tofui-invalid.yaml');
    fs.writeFileSync(
      valid,
      YAML.stringify({
        tofui: {
          storage: { backend: 'database', database: { maxSizeMb: 20 } },
          retention: { keepPerFolderAndType: 10 },
          api: { maxArtifactSize: '50mb' },
        },
      }),
    );
    fs.writeFileSync(
      invalid,
      YAML.stringify({
        tofui: { retention: { keepPerFolderAndType: 'many' } },
      }),
    );
    const check = file =>
      run(
        'yarn',
        [
          'backstage-cli',
          'config:check',
          '--lax',
          '--strict',
          '--config',
          'app-config.yaml',
          '--config',
          file,
        ],
        {
          cwd: app,
          env,
          logFile,
        },
      );
    await check(valid);
    const refused = await check(invalid).then(
      () => false,
      error => /keepPerFolderAndType/.test(String(error)),
    );
    if (!refused)
      throw new Error(
        'config:check accepted tofui.retention.keepPerFolderAndType: many',
      );
  });

  await step('type check (yarn tsc)', () =>
    run('yarn', ['tsc'], { cwd: app, env, logFile }),
  );
  await step('build the app and the backend bundle', async () => {
    await run('yarn', ['workspace', 'app', 'build'], {
      cwd: app,
      env,
      logFile,
    });
    await run('yarn', ['workspace', 'backend', 'build'], {
      cwd: app,
      env,
      logFile,
    });
  });

  const port = await freePort();
  const base = `http://localhost:${port}`;
  const token = `adoption-${Date.now()}`;
  // Where this run serves the app (the template's own app-config.local.yaml
  // slot, which the backend loads after app-config.yaml).
  fs.writeFileSync(
    path.join(app, 'app-config.local.yaml'),
    YAML.stringify({
      app: { baseUrl: base },
      backend: { baseUrl: base, listen: { port }, cors: { origin: base } },
    }),
  );
  const backendLog = path.join(workdir, 'backend.log');
  await step('start the backend (serving the app)', async () => {
    // As `yarn start` runs it, serving the app built above.
    const backend = spawn('yarn', ['workspace', 'backend', 'start'], {
      cwd: app,
      env: { ...process.env, ...env, TOFUI_CI_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.push(backend);
    const out = fs.createWriteStream(backendLog);
    backend.stdout.pipe(out);
    backend.stderr.pipe(out);
    let exited;
    backend.on('exit', code => (exited = code));
    await waitFor(
      'the backend',
      async () => {
        if (exited !== undefined)
          throw new Error(
            `backend exited with ${exited}:\n${fs
              .readFileSync(backendLog, 'utf8')
              .slice(-4000)}`,
          );
        const res = await fetch(`${base}/api/tofui/v1/health`);
        return res.ok;
      },
      180_000,
    ).catch(error => {
      throw new Error(
        `${error.message}\n${fs.readFileSync(backendLog, 'utf8').slice(-4000)}`,
      );
    });
  });
  const startupLog = fs.readFileSync(backendLog, 'utf8');
  const tofuiLines = startupLog
    .split('\n')
    .filter(line => /tofui/i.test(line) && /warn|error/i.test(line));
  log(`   tofui warnings/errors at start-up: ${tofuiLines.length}`);
  tofuiLines.forEach(line => log(`     ${line.slice(0, 300)}`));

  const cliDir = path.join(workdir, 'cli');
  const systemPath = process.env.PATH.split(':')
    .filter(p => !p.startsWith(repo))
    .join(':');
  const cliEnv = {
    PATH: systemPath,
    TOFUI_TOKEN: token,
    TOFUI_CI_TOKEN: token,
  };
  const reportUrl = await step(
    'publish a plan with the packed CLI (system Node and npm)',
    async () => {
      fs.mkdirSync(cliDir, { recursive: true });
      const tarball = fs
        .readdirSync(dist)
        .find(f => /^tofui-cli-.*\.tgz$/.test(f));
      await run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          `--@tofui:registry=${tofuiRegistry}`,
          path.join(dist, tarball),
        ],
        {
          cwd: cliDir,
          env: cliEnv,
          logFile,
        },
      );
      const nodeVersion = (
        await run('node', ['--version'], { env: cliEnv, quiet: true })
      ).trim();
      log(`   CLI installed with Node ${nodeVersion}`);
      const plan = path.join(
        repo,
        'plugins/tofui-report/src/__fixtures__/mixed-plan.json',
      );
      const output = await run(
        path.join(cliDir, 'node_modules/.bin/tofui'),
        [
          'publish',
          '--server',
          base,
          '--repo',
          'acme/infrastructure',
          '--folder',
          'aws_us_east_1',
          '--type',
          'test',
          '--build-name',
          'plan #1',
          '--no-ci-detect',
          '--plan',
          plan,
        ],
        { env: cliEnv, logFile },
      );
      return output.match(/https?:\/\/\S+/)?.[0];
    },
  );
  log(`   published: ${reportUrl ?? '(no URL printed)'}`);

  // A plan over tofui.processing.inlineMaxSize (256 kB) is processed and
  // rendered in a task process, whose entry point the packed package must
  // ship (dist/processingWorker): publish one and wait for its HTML report.
  await step(
    'publish a large plan: processed and rendered in a task process',
    async () => {
      const large = path.join(workdir, 'large-plan.json');
      // The plan on stdout only (the generator's set-up talks on stderr).
      fs.writeFileSync(
        large,
        execFileSync(
          path.join(repo, 'scripts/make-plan'),
          ['--resources', '1500', '--seed', '16'],
          { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 },
        ),
      );
      log(`   ${(fs.statSync(large).size / 1024).toFixed(0)} KiB plan`);
      const output = await run(
        path.join(cliDir, 'node_modules/.bin/tofui'),
        [
          'publish',
          '--server',
          base,
          '--repo',
          'acme/infrastructure',
          '--folder',
          'aws_eu_west_1',
          '--type',
          'test',
          '--build-name',
          'plan #2',
          '--no-ci-detect',
          '--plan',
          large,
        ],
        { env: cliEnv, logFile },
      );
      const id = output.match(
        /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      )?.[0];
      if (!id) throw new Error(`no report id in the CLI's output: ${output}`);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const res = await fetch(`${base}/api/tofui/v1/reports/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const report = await res.json();
        if (!res.ok)
          throw new Error(
            `GET report ${id}: ${res.status} ${JSON.stringify(report)}`,
          );
        if (report.renderStatus === 'rendered') break;
        if (report.renderStatus === 'failed')
          throw new Error(`render failed: ${report.renderError}`);
        if (Date.now() > deadline)
          throw new Error(`still ${report.renderStatus} after 120 s`);
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
      log(`   report ${id} rendered`);
    },
  );

  await step('see the report in Chromium', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      await page.goto(base);
      // The new app's sign-in page: the guest provider of its template.
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.waitFor({ timeout: 60_000 });
      await enter.click();
      await page.getByText('Catalog').first().waitFor({ timeout: 60_000 });
      await page.goto(`${base}/tofui`);
      await page
        .getByText('aws_us_east_1')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.getByText('acme/infrastructure').first().waitFor();
      await page.screenshot({ path: path.join(images, 'adoption-tofui.png') });
      await page.goto(`${base}/catalog/default/component/network/tofui`);
      await page
        .getByText('aws_us_east_1')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: path.join(images, 'adoption-entity-tab.png'),
      });
      await page
        .getByRole('link', { name: /plan #1/ })
        .first()
        .click();
      await page.getByText('plan #1').first().waitFor({ timeout: 30_000 });
      // The plan explorer reads the redacted plan from the backend: its
      // resources show once that worked in the adopter's app too.
      await page
        .getByText('aws_s3_bucket.logs')
        .first()
        .waitFor({ timeout: 60_000 });
      await page.screenshot({ path: path.join(images, 'adoption-report.png') });
    } finally {
      await browser.close();
    }
  });

  stopAll();
  console.log('\nverify-adoption: PASSED');
  console.log(
    `  app: @backstage/create-app ${createAppVersion}; ${duplicates.join(
      ', ',
    )}`,
  );
  for (const [name, seconds] of timings)
    console.log(`  ${seconds.toFixed(0).padStart(5)} s  ${name}`);
  console.log(
    `  ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  in all`,
  );
  if (!flag('--keep') && !option('--workdir'))
    fs.rmSync(workdir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(`\nverify-adoption: FAILED\n${error.stack ?? error}`);
  process.exit(1);
});
