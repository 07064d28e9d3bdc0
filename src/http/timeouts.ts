/**
 * How long a client may take to send a request, for Node's HTTP server. Node waits up to 300 s
 * for a slow body by default, and checks its timeouts only every 30 s: a few slow clients could
 * hold connections for minutes. The largest body we accept is 1 MB, so the defaults (10 s for the
 * headers, 30 s for the whole request) still fit a slow mobile upload.
 */
import type { ServerOptions } from 'node:http';
import type { Config } from '../config.js';

export function serverTimeouts(http: Config['http']): ServerOptions {
  return {
    requestTimeout: http.requestTimeoutMs,
    headersTimeout: http.headersTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    // A timeout is only noticed when Node next checks its connections: often enough to be near the limit.
    connectionsCheckingInterval: Math.max(100, Math.min(1000, http.headersTimeoutMs / 4)),
  };
}
