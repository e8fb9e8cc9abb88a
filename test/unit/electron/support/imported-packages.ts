// Which npm packages a set of source files loads when it runs, read with TypeScript's own parser:
// relative imports are followed (so main/ brings in the shared/ files it uses, and only those), and
// type-only imports are left out, since the compiler erases them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const repoRoot = resolve(import.meta.dirname, '../../../..');

/** Every .ts/.tsx/.js file under `dir` (absolute), skipping `except` (absolute paths of files or folders). */
export function sourceFiles(dir: string, except: string[] = []): string[] {
  if (except.some((e) => dir === e || dir.startsWith(e + '/'))) return [];
  if (statSync(dir).isFile()) return /\.(ts|tsx|js|mjs)$/.test(dir) ? [dir] : [];
  return readdirSync(dir).flatMap((name) => sourceFiles(join(dir, name), except));
}

/** Package name → the files (relative to the repository) that load it, for `roots` and every file they reach. */
export function importedPackages(roots: string[]): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeSpecifiers(file)) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(dirname(file), specifier);
        if (target) queue.push(target);
        continue;
      }
      const name = packageName(specifier);
      if (!name) continue;
      packages.set(name, [...(packages.get(name) ?? []), relative(repoRoot, file)]);
    }
  }
  return packages;
}

/** The module specifiers `file` loads at run time: imports, re-exports, import() and require() with a literal. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !typeOnlyImport(node)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !typeOnlyExport(node)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push(node.arguments[0].text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function typeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'`: loaded for its side effects
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

function typeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** A relative import as written for NodeNext (`./x.js` for x.ts) or for Vite (`./x.ts`, `./x`); null for assets (CSS). */
function resolveRelative(dir: string, specifier: string): string | null {
  const base = resolve(dir, specifier.replace(/\?.*$/, ''));
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.js$/, '.tsx'),
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
  ];
  const file = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  return file && /\.(ts|tsx|js|mjs)$/.test(file) ? file : null;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for Node's built-ins. */
function packageName(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
