/** The users module's use cases, one file per group, and what other modules may call. */
export { login, logout, me } from './service/sign-in.ts';
export { changePassword, resetPassword } from './service/passwords.ts';
export { createUser, revealUserPhone, updateUser } from './service/accounts.ts';
export { userNames, visitorsIn, type VisitorAccount } from './queries.ts';
