import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The features form a layered graph: a feature may build on another (through its index.ts), never in a
 * circle, so each can be understood — and changed — from the ones below it. This reads the imports of
 * every feature's own code (tests excluded, as they may reach anywhere) and looks for a cycle.
 */
const featuresDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../features');

function sourcesOf(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    if (statSync(full).isDirectory()) return sourcesOf(full);
    return /\.ts$/.test(name) && !/\.(test|fixtures)\.ts$/.test(name) ? [full] : [];
  });
}

function featureGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const feature of readdirSync(featuresDir)) {
    if (!statSync(path.join(featuresDir, feature)).isDirectory()) continue;
    const uses = new Set<string>();
    for (const file of sourcesOf(path.join(featuresDir, feature))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/from '\.\.\/([a-z-]+)\//g)) {
        if (match[1] !== feature) uses.add(match[1]!);
      }
    }
    graph.set(feature, uses);
  }
  return graph;
}

/** A cycle as the list of features around it, or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (feature: string): string[] | null => {
    if (state.get(feature) === 'done') return null;
    if (state.get(feature) === 'visiting') return [...stack.slice(stack.indexOf(feature)), feature];
    state.set(feature, 'visiting');
    stack.push(feature);
    for (const next of graph.get(feature) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(feature, 'done');
    return null;
  };
  for (const feature of graph.keys()) {
    const cycle = visit(feature);
    if (cycle) return cycle;
  }
  return null;
}

describe('the features’ dependencies', () => {
  it('form no cycle', () => {
    const graph = featureGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(findCycle(graph)).toBeNull();
  });

  it('would notice one', () => {
    const graph = new Map([
      ['cases', new Set(['arrears'])],
      ['arrears', new Set(['organizations'])],
      ['organizations', new Set(['cases'])],
    ]);
    expect(findCycle(graph)).toEqual(['cases', 'arrears', 'organizations', 'cases']);
  });
});
