/**
 * The one error the backup and restore tools show to the person running them: a mistake they can
 * fix or a refusal that protects data (a file that is not a Claimdesk database, a running app, a
 * backup that would be overwritten). The command-line tools print its message as one line and exit
 * with code 1; anything else is a bug and keeps its stack trace.
 */
export class OpsError extends Error {}
