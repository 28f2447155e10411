// The seeded fleet's repositories (org-0001/infra …) and their folders
// (env_01 …), as generate_series inserts: shared by the API benchmark's
// seed and the change intelligence benchmark's, so both fleets have the
// names the load generators ask for.
export const INSERT_REPOSITORIES = `INSERT INTO repositories (id, slug, owner, name, display_name, created_at, updated_at)
     SELECT gen_random_uuid(), 'org-' || lpad(r::text, 4, '0') || '/infra', 'org-' || lpad(r::text, 4, '0'), 'infra',
            'Infrastructure ' || r, now(), now()
     FROM generate_series(1, ?::int) r`;

export const INSERT_FOLDERS = `INSERT INTO folders (id, repository_id, name, overall_status, created_at)
     SELECT gen_random_uuid(), repo.id, 'env_' || lpad(f::text, 2, '0'), 'unknown', now()
     FROM repositories repo CROSS JOIN generate_series(1, ?::int) f`;
