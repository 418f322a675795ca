import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The GitHub Actions workflows cannot run here: this parses them and checks the steps the repository relies on, so
 * that an edit that drops one (the provenance permission, the changesets step, `.ci/run`) fails here instead of at
 * the next release. The release configuration itself is checked by `changeset status` in check-packages.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  steps: Step[];
  services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[] }>;
}
interface Workflow {
  on: Record<string, { branches?: string[] } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (name: string) =>
  parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8')) as Workflow;
const steps = (file: Workflow) => Object.values(file.jobs).flatMap((job) => job.steps);
const pinnedPnpm = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string }
).packageManager;

describe.each(['ci.yml', 'release.yml'])('%s', (name) => {
  it('pins every action to a version and runs pnpm at the version of packageManager', () => {
    for (const step of steps(workflow(name))) {
      if (step.uses) expect(step.uses, name).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/);
      for (const command of [step.run, ...Object.values(step.with ?? {})])
        for (const pnpm of String(command ?? '').match(/pnpm@[\w.-]+/g) ?? [])
          expect(pnpm, `${name}: ${step.name ?? step.run}`).toBe(pinnedPnpm);
    }
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const [job] = Object.values(ci.jobs) as [Job];

  it('runs on every pull request and every push to main, with read-only permissions', () => {
    expect(ci.on.push?.branches).toEqual(['main']);
    expect(ci.on).toHaveProperty('pull_request');
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('runs .ci/run from the checkout, with the shared reference checked out beside it', () => {
    accessSync(join(root, '.ci', 'run'), constants.X_OK);
    const checkouts = job.steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    const project = checkouts.find((step) => !step.with?.repository);
    const shared = checkouts.find((step) => step.with?.repository);
    expect(project?.with?.path).toBe('main');
    // test/helpers/reference.ts reads ../shared/reference/anaplan-openapi/ beside the repository.
    expect(shared?.with?.path).toBe('shared');
    expect(job.steps.map((step) => step.run)).toContain('main/.ci/run');
  });

  it('gives the tests the PostgreSQL they expect: 127.0.0.1:5432, user postgres, database test, trust', () => {
    const postgres = Object.values(job.services ?? {}).find((service) =>
      service.image.startsWith('postgres:'),
    );
    expect(postgres?.env).toMatchObject({ POSTGRES_DB: 'test', POSTGRES_HOST_AUTH_METHOD: 'trust' });
    expect(postgres?.ports).toContain('5432:5432');
  });

  it('points the docs-site browser test at a Chromium', () => {
    const run = job.steps.find((step) => step.run === 'main/.ci/run');
    expect(run?.env?.CHROMIUM_PATH).toMatch(/^\//);
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');
  const [job] = Object.values(release.jobs) as [Job];
  const changesets = job.steps.find((step) => step.uses?.startsWith('changesets/action@'));

  it('runs on pushes to main, allowed to open the version pull request and to sign provenance', () => {
    expect(release.on).toEqual({ push: { branches: ['main'] } });
    expect(release.permissions).toMatchObject({
      contents: 'write',
      'pull-requests': 'write',
      'id-token': 'write',
    });
  });

  it('installs from the lockfile and builds before the changesets step', () => {
    const runs = job.steps.map((step) => step.run ?? step.uses ?? '');
    const install = runs.findIndex((run) => /pnpm@\S+ install --frozen-lockfile/.test(run));
    const build = runs.findIndex((run) => /pnpm@\S+ run build/.test(run));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(build).toBeGreaterThan(install);
    expect(job.steps.indexOf(changesets as Step)).toBeGreaterThan(build);
    const node = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(node?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it('versions with changeset version and publishes with changeset publish, with npm provenance', () => {
    expect(changesets?.with?.version).toMatch(/ changeset version$/);
    expect(changesets?.with?.publish).toMatch(/ changeset publish$/);
    expect(changesets?.env).toMatchObject({
      GITHUB_TOKEN: expect.any(String),
      NPM_CONFIG_PROVENANCE: 'true',
    });
  });
});
