/** Fails when the Drizzle schema has changes that no migration holds (run `npm run db:generate`). */
import { spawnSync } from 'node:child_process';

const run = spawnSync('npx', ['drizzle-kit', 'generate', '--name', 'freshness-check'], {
  encoding: 'utf8',
});
const output = `${run.stdout}${run.stderr}`;
if (run.status !== 0 || !output.includes('No schema changes')) {
  console.error(output);
  console.error(
    'The schema has changes without a migration: run `npm run db:generate` and commit it.',
  );
  process.exit(1);
}
console.log('migrations are up to date');
