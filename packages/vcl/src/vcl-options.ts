/** Instance base URLs per backend, as in EDGE_BACKENDS. */
export type BackendInstances = Record<string, readonly string[]>;

export interface VclOptions {
  /** Client networks allowed to use the purge API on the admin listener, besides the bearer token (CIDR or address). */
  purgeAcl?: readonly string[];
  /** Environment variable whose value is the purge API's bearer token (read by varnishd at run time, never written into the VCL). */
  adminTokenEnv?: string;
  /**
   * Varnish has no least-connections director. Only when this is set does a
   * 'least-connections' backend compile, to the director named here, and the VCL says so.
   */
  leastConnectionsAs?: 'round-robin' | 'random';
}
