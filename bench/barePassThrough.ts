import http from 'node:http';

/**
 * The limit for the pass-through: a bare node:http proxy with a keep-alive agent, forwarding each
 * request as it came and piping the answer back, with no checks at all. Run as its own process:
 *     UPSTREAM_URL=http://127.0.0.1:9090 PORT=8472 node --import tsx bench/barePassThrough.ts
 */
const { UPSTREAM_URL: upstream, HOST: host = '127.0.0.1', PORT: port } = process.env;
if (!upstream || !port) {
  console.error('usage: UPSTREAM_URL=… PORT=… node --import tsx bench/barePassThrough.ts');
  process.exit(2);
}
const target = new URL(upstream);
const agent = new http.Agent({ keepAlive: true });
const server = http
  .createServer((req, res) => {
    const forwarded = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  })
  .listen(Number(port), host);
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
