/** The database cannot be opened for a reason the user can fix; the message says how. */
export class DatabaseSetupError extends Error {}
