import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, ids, startAccessTenant, tenantSeed } from '../helpers/access-tenant.js';

// Every ```ts block after a `<!-- readme-test -->` marker in README.md runs here, as a module, against a fresh
// simulated tenant: the README's examples cannot drift from the real API.
const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/<!-- readme-test -->\s*```ts\n([\s\S]*?)```/g)].map(
  (match) => match[1] as string,
);
const scratch = fileURLToPath(new URL('./.tmp/', import.meta.url));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples', () => {
  it('has examples to run', () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  it.each(blocks.map((code, index) => [index + 1, code] as const))(
    'example %i runs against the simulator',
    async (index, code) => {
      const tenant = await startAccessTenant(
        tenantSeed([
          {
            userName: 'jane.doe@example.com',
            givenName: 'Jane',
            familyName: 'Doe',
            workspaces: [ids.finance],
          },
        ]),
      );
      try {
        const printed: unknown[][] = [];
        const imports = code.match(/^import [\s\S]*?;$/gm) ?? [];
        const body = code.replace(/^import [\s\S]*?;$/gm, '');
        const module = [
          ...imports,
          'export async function run(context: Record<string, any>) {',
          '  const { scimUrl, apiUrl, authUrl, username, password, workspaceId, modelId } = context;',
          '  const console = { log: (...values: unknown[]) => context.printed.push(values) };',
          body,
          '}',
        ].join('\n');
        mkdirSync(scratch, { recursive: true });
        const file = `${scratch}example-${index}.ts`;
        writeFileSync(file, module);
        const { run } = (await import(/* @vite-ignore */ file)) as {
          run: (context: Record<string, unknown>) => Promise<void>;
        };
        await run({
          scimUrl: tenant.sim.scimUrl,
          apiUrl: tenant.sim.apiUrl,
          authUrl: tenant.sim.authUrl,
          username: admin.userName,
          password: admin.password,
          workspaceId: ids.finance,
          modelId: ids.budget,
          printed,
        });
        expect(printed.length).toBeGreaterThan(0);
        expect(JSON.stringify(printed)).not.toContain(admin.password);
      } finally {
        await tenant.close();
      }
    },
  );
});
