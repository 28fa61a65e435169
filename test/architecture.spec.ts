import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIBS = join(__dirname, '..', 'libs');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Which libs each lib's production code imports (`@app/<lib>`). */
function libGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const lib of readdirSync(LIBS)) {
    const deps = new Set<string>();
    for (const file of sources(join(LIBS, lib, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '@app\/([a-z-]+)'/g)) {
        if (match[1] !== lib) deps.add(match[1]);
      }
    }
    graph.set(lib, deps);
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const dep of graph.get(node) ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('library layering', () => {
  it('has no import cycle between libs (a cycle makes module load order decide correctness)', () => {
    expect(findCycle(libGraph())).toBeUndefined();
  });

  it('keeps the test harness out of production libs', () => {
    const offenders = [...libGraph().entries()].filter(
      ([lib, deps]) => lib !== 'testing' && deps.has('testing'),
    );
    expect(offenders).toEqual([]);
  });
});
