// The import rules that keep the layers honest: the core never learns which shell it runs in, the renderer
// sees only the contract's types, and nothing reaches into the renderer.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');

function files(dir: string, exts = /\.(ts|svelte|mjs|js)$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...files(p, exts));
    else if (exts.test(name)) out.push(p);
  }
  return out;
}

interface Import {
  spec: string;
  typeOnly: boolean;
  line: number;
}

/** Static imports, re-exports, dynamic imports and requires, with whether they are type-only. */
export function importsOf(source: string): Import[] {
  const out: Import[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) {
    const spec = m[4] ?? m[5] ?? m[6]!;
    const clause = m[3] ?? '';
    // Only `import type` is erased: with verbatimModuleSyntax `import { type A }` still loads the module.
    const typeOnly = Boolean(m[2]) && m[1] === 'import';
    void clause;
    out.push({ spec, typeOnly, line: source.slice(0, m.index).split('\n').length + (source[m.index] === '\n' ? 1 : 0) });
  }
  return out;
}

function resolvedImports(file: string): (Import & { target: string | null })[] {
  return importsOf(readFileSync(join(root, file), 'utf8')).map((imp) => ({
    ...imp,
    target: imp.spec.startsWith('.') ? relative(root, resolve(root, dirname(file), imp.spec)) : null,
  }));
}

describe('import rules', () => {
  it('parses import forms', () => {
    const imps = importsOf(`import type { A } from './a';\nimport { type B } from "./b";\nimport { c } from './c';\nexport * from './d';\nconst e = await import('./e');\nimport './f';`);
    expect(imps.map((i) => [i.spec, i.typeOnly])).toEqual([
      ['./a', true], ['./b', false], ['./c', false], ['./d', false], ['./e', false], ['./f', false],
    ]);
  });

  it('the core, API, bridge and CLI never import electron', () => {
    const offenders = files('main')
      .filter((f) => !f.startsWith('main/electron/'))
      .flatMap((f) => resolvedImports(f).filter((i) => i.spec === 'electron' || i.spec.startsWith('electron/')).map((i) => `${f}:${i.line}`));
    expect(offenders).toEqual([]);
  });

  it('the core does not depend on any shell (bridge, CLI, Electron)', () => {
    const offenders = files('main/core').flatMap((f) =>
      resolvedImports(f)
        .filter((i) => i.target && /^main\/(bridge|cli|electron)\//.test(i.target))
        .map((i) => `${f}:${i.line} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the renderer imports only types, and only from the contract', () => {
    expect(files('renderer/src').length).toBeGreaterThan(10);
    const offenders = files('renderer/src').flatMap((f) =>
      resolvedImports(f)
        .filter((i) => i.target && !i.target.startsWith('renderer/'))
        .filter((i) => !(i.typeOnly && i.target === 'main/api/contract'))
        .map((i) => `${f}:${i.line} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('shipped renderer code imports no packages but Svelte (tests may use vitest, fast-check and node:)', () => {
    const offenders = files('renderer/src').flatMap((f) =>
      resolvedImports(f)
        .filter((i) => !i.spec.startsWith('.') && i.spec !== 'svelte' && !i.spec.startsWith('svelte/'))
        .filter((i) => !(f.endsWith('.test.ts') && (i.spec === 'vitest' || i.spec === 'fast-check' || i.spec.startsWith('node:'))))
        .map((i) => `${f}:${i.line} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('nothing outside the renderer imports the renderer', () => {
    const outside = [...files('main'), ...files('e2e'), ...files('scripts')];
    const offenders = outside.flatMap((f) =>
      resolvedImports(f).filter((i) => i.target?.startsWith('renderer/')).map((i) => `${f}:${i.line} imports ${i.spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
