// Loaded with `node --import` by the child process of the kill test: lets Node 24 (with its built-in type
// stripping) run the packages' TypeScript sources directly, so the child runs exactly the code vitest tests.
// `@anaplan-access/<name>` resolves to packages/<name>/src/index.ts; a relative `.js` import to its `.ts` file.
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const packages = new URL('../../packages/', import.meta.url);

registerHooks({
  resolve(specifier, context, nextResolve) {
    const scoped = /^@anaplan-access\/([a-z]+)$/.exec(specifier);
    if (scoped) {
      const source = new URL(`${scoped[1]}/src/index.ts`, packages);
      if (existsSync(fileURLToPath(source))) return nextResolve(source.href, context);
    }
    if (context.parentURL?.startsWith('file:') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
      const url = new URL(specifier, context.parentURL);
      if (!existsSync(fileURLToPath(url))) {
        const source = new URL(url.href.replace(/\.js$/, '.ts'));
        if (existsSync(fileURLToPath(source))) return nextResolve(source.href, context);
      }
    }
    return nextResolve(specifier, context);
  },
});
