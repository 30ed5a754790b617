// @ts-check
import path from 'node:path';

/**
 * The modules in the order the data flows (ARCHITECTURE.md): a module may import only modules of
 * an earlier layer, and of those only `service.ts` and `contract.ts` (a `tables.ts` also another
 * module's `tables.ts`, for a foreign key). A module that is not listed here is an error, so that a
 * new module takes its place in the order on purpose.
 */
export const moduleLayers = [
  ['system', 'calendar', 'jobs'],
  ['divisions'],
  ['organisations', 'files', 'maps'],
  ['users'],
  ['audit', 'subjects'],
  ['care-levels', 'source-records', 'ability-assessments'],
  ['rosters'],
  ['emergencies'],
  ['visits'],
  ['export-requests'],
];

const layerOf = new Map(moduleLayers.flatMap((names, i) => names.map((n) => [n, i])));
const modulesDir = `${path.sep}server${path.sep}modules${path.sep}`;

/** `server/modules/<module>/<rest>` of an absolute path, or null. */
function moduleOf(file) {
  const at = file.lastIndexOf(modulesDir);
  if (at < 0) return null;
  const [name, ...rest] = file.slice(at + modulesDir.length).split(path.sep);
  return name ? { name, rest: rest.join('/') } : null;
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: "a module uses a lower module's service.ts and contract.ts only" },
    schema: [],
  },
  create(context) {
    const from = moduleOf(context.filename);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = moduleOf(path.resolve(path.dirname(context.filename), spec));
      if (!to || to.name === from.name) return;
      const [fromLayer, toLayer] = [layerOf.get(from.name), layerOf.get(to.name)];
      if (fromLayer === undefined || toLayer === undefined) {
        const name = fromLayer === undefined ? from.name : to.name;
        context.report({
          node,
          message: `module ${name} has no place in moduleLayers (eslint/module-boundaries.js)`,
        });
        return;
      }
      if (toLayer >= fromLayer) {
        context.report({
          node,
          message: `${from.name} may not import ${to.name}: a module imports only lower modules (eslint/module-boundaries.js)`,
        });
        return;
      }
      const allowed =
        to.rest === 'service.ts' ||
        to.rest === 'contract.ts' ||
        (from.rest === 'tables.ts' && to.rest === 'tables.ts');
      if (!allowed)
        context.report({
          node,
          message: `import ${to.name}/service.ts or ${to.name}/contract.ts, not ${to.name}/${to.rest} (a tables.ts may import another module's tables.ts for a foreign key)`,
        });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { boundaries } };
