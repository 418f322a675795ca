// Loaded with `node --import` by the child process of the kill test: lets Node run the packages' TypeScript sources
// directly, so the child runs exactly the code vitest tests (no build needed). `@anaplan-access/<name>` resolves to
// packages/<name>/src/index.ts, a relative `.js` import to its `.ts` file, and `.ts` files are transformed with
// Node's own TypeScript support (transform mode, which also handles parameter properties).
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
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
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/'))
      return nextLoad(url, context);
    const code = readFileSync(fileURLToPath(url), 'utf8');
    const source = stripTypeScriptTypes(code, { mode: 'transform', sourceUrl: url });
    return { format: 'module', source, shortCircuit: true };
  },
});
