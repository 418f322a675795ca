// Module resolve hook for the simulator child process: lets Node (with its built-in type stripping) load the
// testkit's TypeScript sources, whose imports use `.js` suffixes for `.ts` files.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(specifier, context.parentURL);
    if (!existsSync(fileURLToPath(url))) {
      const source = new URL(url.href.replace(/\.js$/, '.ts'));
      if (existsSync(fileURLToPath(source))) return nextResolve(source.href, context);
    }
  }
  return nextResolve(specifier, context);
}
