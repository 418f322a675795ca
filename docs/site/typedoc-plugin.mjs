// The docs site's TypeDoc plugin (typedoc.json `plugin`). Links in the guides and READMEs are written for GitHub
// and npm; on the site:
// - a relative link to a file that is not a page of the site (an example, a test, a source file) goes to that file
//   in the repository (`repository` of package.json, at the `gitRevision`), instead of a copy of it under media/;
// - a link to the repository's copy of a page the site has (a package README on npm links to a guide that way) goes
//   to the site's page; docs/README.md, the guides' index on GitHub, is the site's landing page;
// - a guide is named in the navigation by its title (its first heading, up to a colon), not by its file name;
// - a package's page does not repeat the package name: the `# name` its README opens with (for npm) goes;
// - the project's groups are "Guides" and "Packages", not TypeDoc's "Documents" and "Modules".
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReflectionKind, Renderer } from 'typedoc';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** `https://github.com/owner/name` from a package.json `repository` (`git+https://….git`). */
function repositoryUrl() {
  const { repository } = readJson('package.json');
  const url = typeof repository === 'string' ? repository : repository?.url;
  if (!url) throw new Error('typedoc-plugin: package.json has no repository');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Every comment, README and document of the project as lists of display parts, for rewriting in place. */
function* contentsOf(project) {
  for (const reflection of [project, ...Object.values(project.reflections)]) {
    if (reflection.readme) yield reflection.readme;
    if (reflection.content) yield reflection.content;
    if (reflection.comment) {
      yield reflection.comment.summary;
      for (const tag of reflection.comment.blockTags) yield tag.content;
    }
  }
}

/** Site pages for repository files: a package's README is its module's page, docs/README.md the landing page. */
function registerPackagePages(project) {
  const modules = new Map(
    project.getReflectionsByKind(ReflectionKind.Module).map((module) => [module.name, module]),
  );
  for (const dir of readdirSync(join(root, 'packages'))) {
    let name;
    try {
      name = readJson(`packages/${dir}/package.json`).name;
    } catch {
      continue;
    }
    const module = modules.get(name);
    if (module) project.files.registerReflectionPath(join(root, 'packages', dir, 'README.md'), module);
  }
  project.files.registerReflectionPath(join(root, 'docs', 'README.md'), project);
}

export function load(app) {
  app.renderer.on(
    Renderer.EVENT_BEGIN,
    ({ project }) => {
      const blob = `${repositoryUrl()}/blob/${app.options.getValue('gitRevision') || 'main'}/`;
      const { files } = project;
      registerPackagePages(project);
      /** The site's page of a repository path, when it has one. */
      const pageOf = (path) => {
        const { target } = files.registerAbsolute(join(root, path));
        return typeof files.resolve(target, project) === 'object' ? target : undefined;
      };
      const repositoryLink = new RegExp(
        `(\\]\\()${blob.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([^)#\\s]+)(?:#([^)\\s]*))?\\)`,
        'g',
      );

      for (const parts of contentsOf(project)) {
        const rewritten = parts.flatMap((part) => {
          if (part.kind === 'relative-link' && typeof part.target === 'number') {
            const resolved = files.resolve(part.target, project);
            if (typeof resolved !== 'string') return [part]; // a page of the site
            const path = relative(root, resolved).split(sep).join('/');
            return [
              { kind: 'text', text: `${blob}${path}${part.targetAnchor ? `#${part.targetAnchor}` : ''}` },
            ];
          }
          if (part.kind !== 'text') return [part];
          // `](https://github.com/…/blob/main/docs/x.md#anchor)` → a relative link to the site's page.
          const pieces = [];
          let last = 0;
          for (const match of part.text.matchAll(repositoryLink)) {
            const target = pageOf(match[2]);
            if (target === undefined) continue;
            const start = match.index + match[1].length;
            pieces.push({ kind: 'text', text: part.text.slice(last, start) });
            pieces.push({
              kind: 'relative-link',
              text: match[0].slice(match[1].length, -1),
              target,
              targetAnchor: match[3],
            });
            last = match.index + match[0].length - 1;
          }
          if (last === 0) return [part];
          pieces.push({ kind: 'text', text: part.text.slice(last) });
          return pieces;
        });
        parts.splice(0, parts.length, ...rewritten);
      }

      // The project's two groups, as a reader calls them.
      const groupTitles = { Documents: 'Guides', Modules: 'Packages' };
      for (const group of project.groups ?? []) group.title = groupTitles[group.title] ?? group.title;

      // A package's page has the package name as its title already: its README's own `# name` goes.
      for (const module of project.getReflectionsByKind(ReflectionKind.Module)) {
        const [first] = module.readme ?? [];
        if (first?.kind === 'text' && first.text.startsWith(`# ${module.name}\n`))
          first.text = first.text.slice(first.text.indexOf('\n') + 1).trimStart();
      }

      for (const document of project.getReflectionsByKind(ReflectionKind.Document)) {
        const heading = /^# +(.+)$/m.exec(document.content.map((part) => part.text).join(''));
        if (heading) document.name = heading[1].split(': ')[0].trim();
      }
    },
    100, // before the search index and the navigation are built from the names
  );
}
