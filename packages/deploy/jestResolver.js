/*
 * kubernetes-models and @kubernetes-models/* ship ES modules whose package
 * exports only name the "import" condition, which Jest's CommonJS resolver
 * does not ask for. Resolve those packages (and their ESM-only dependencies)
 * with "import" added; Backstage's Jest transform turns the files into
 * CommonJS as for any other module.
 *
 * package.json gives this package's Jest config its own `id`: Backstage
 * derives the id from the transform only, so every package shares one, and
 * Jest then resolved this package's modules without this resolver whenever
 * the whole repository's tests ran together.
 */
const ESM_ONLY = /^(kubernetes-models|@kubernetes-models\/|is-cidr|cidr-regex)/;

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    ESM_ONLY.test(request)
      ? { ...options, conditions: [...(options.conditions ?? []), 'import'] }
      : options,
  );
