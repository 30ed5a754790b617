/**
 * A child process for the durability test: opens the database the way the server does, then keeps
 * many writes in flight and prints the id of each one after its commit was acknowledged. The test
 * kills it with SIGKILL mid-stream and checks that every printed id survived.
 */
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from './client.ts';

const target = process.argv[2] ?? '';
const database = target.startsWith('postgres')
  ? await openDatabase({ url: target })
  : await openDatabase({ dataDir: target });
await migrateDatabase(database);
await database.db.execute(
  sql`create table if not exists durability_probe (id integer primary key, payload text not null)`,
);
process.stdout.write('ready\n');

let next = 0;
async function writer(): Promise<never> {
  for (;;) {
    const id = next++;
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into durability_probe (id, payload) values (${id}, ${'x'.repeat(200)})`,
      );
    });
    process.stdout.write(`${id}\n`);
  }
}
await Promise.all(Array.from({ length: 8 }, writer));
