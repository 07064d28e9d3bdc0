/** Why the server could not listen, as one line for the operator instead of a stack trace. */
export function describeListenError(error: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Claimdesk cannot start: port ${port} is already in use on ${host} (another Claimdesk, or another program, is listening there; stop it or set PORT) (EADDRINUSE)`;
    case 'EACCES':
      return `Claimdesk cannot start: listening on ${where} is not permitted for this user (ports below 1024 need privileges; set PORT) (EACCES)`;
    case 'EADDRNOTAVAIL':
      return `Claimdesk cannot start: ${host} is not an address of this machine (set HOST) (EADDRNOTAVAIL)`;
    default:
      return `Claimdesk cannot start: listening on ${where} failed: ${error.message}`;
  }
}
