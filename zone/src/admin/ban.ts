/** banned_until of a permanent ban (`/ban <name> perm`): far enough that "until" never comes. */
export const PERMANENT_BAN_UNTIL = Date.UTC(9999, 11, 31, 23, 59, 59);
