import net from 'node:net';

/**
 * A port nothing listens on right now, for peers (varnishd, nginx) that need a port number
 * on their command line: the kernel picks it for a throw-away listener, which is closed
 * before the peer binds it.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
