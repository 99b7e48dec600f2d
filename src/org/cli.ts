import type { Config } from '../config.js';
import { openAndMigrate } from '../server.js';
import { generatePassword } from './passwords.js';
import { findUserByUsername, listUsers, updateUser } from './user-store.js';

export async function listUsersCommand(config: Config): Promise<void> {
  const database = await openAndMigrate(config);
  const rows = await listUsers(database.db, {}, 0, 10_000);
  console.table(
    rows.map((u) => ({
      id: u.id,
      username: u.username,
      name: u.name,
      role: u.role,
      trackId: u.trackId,
      active: u.active,
    })),
  );
  await database.close();
}

export async function resetPasswordCommand(config: Config, username: string): Promise<void> {
  const database = await openAndMigrate(config);
  try {
    const user = await findUserByUsername(database.db, username);
    if (!user) throw new Error(`No user named ${username}`);
    const password = generatePassword();
    await updateUser(database.db, user.id, { password }, 'system', new Date(), undefined);
    console.log(`New password for ${username} (change it at next sign-in): ${password}`);
  } finally {
    await database.close();
  }
}
