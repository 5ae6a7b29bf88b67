// Lays out what a packaged Hubwatch.app contains, without a Mac: the files electron-builder.yml's `files` globs
// select, plus the production dependency closure (what `npm ci --omit=dev` installs) under node_modules. The
// result stands in for Contents/Resources/app.asar (asar: true keeps the same relative layout).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function walk(dir: string, base: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full, base) : [relative(base, full)];
  });
}

/** The subset of electron-builder's glob syntax our yml uses: `a/**`, exact paths, and `!` exclusions. */
function matches(pattern: string, file: string): boolean {
  if (pattern.endsWith('/**')) return file.startsWith(pattern.slice(0, -2));
  return file === pattern;
}

function selectAppFiles(root: string): string[] {
  const config = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
  const include = config.files.filter((f) => !f.startsWith('!'));
  const exclude = config.files.filter((f) => f.startsWith('!')).map((f) => f.slice(1));
  const candidates = include.flatMap((pattern) =>
    pattern.endsWith('/**') ? walk(join(root, pattern.slice(0, -3)), root) : [pattern],
  );
  return candidates.filter((file) => !exclude.some((pattern) => matches(pattern, file)));
}

/** Production dependencies, transitively, as found in the (hoisted) node_modules. */
function productionClosure(root: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    // Node resolution: nearest node_modules first (nested), then the hoisted top level.
    const nested = join(from, 'node_modules', name);
    const dir = existsSync(nested) ? nested : join(root, 'node_modules', name);
    const key = relative(root, dir);
    if (seen.has(key)) return;
    if (!existsSync(join(dir, 'package.json'))) throw new Error(`dependency ${name} is not installed`);
    seen.add(key);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {}))
      if (existsSync(join(root, 'node_modules', dep))) visit(dep, dir);
  };
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  for (const dep of Object.keys(own.dependencies ?? {})) visit(dep, root);
  return [...seen].sort();
}

/** Returns the app directory (…/Hubwatch.app/Contents/Resources/app) of a fresh package-shaped copy. */
export function layOutPackage(root: string): { appDir: string; files: string[]; modules: string[] } {
  const appDir = join(mkdtempSync(join(tmpdir(), 'hubwatch-pkg-')), 'Hubwatch.app/Contents/Resources/app');
  const files = selectAppFiles(root);
  for (const file of files) {
    mkdirSync(dirname(join(appDir, file)), { recursive: true });
    cpSync(join(root, file), join(appDir, file));
  }
  const modules = productionClosure(root);
  for (const dir of modules)
    cpSync(join(root, dir), join(appDir, dir), { recursive: true, dereference: true });
  return { appDir, files, modules };
}
