import { createServer } from 'node:http';

/**
 * The limit for the summary: a bare node:http server answering the bytes Promwall's summary
 * answered once, with the same headers, and doing nothing else. Run as its own process:
 *     SOURCE_URL=http://127.0.0.1:8470/api/v1/summary PORT=8471 node --import tsx bench/bareSummary.ts
 */
const { SOURCE_URL: source, HOST: host = '127.0.0.1', PORT: port } = process.env;
if (!source || !port) {
  console.error('usage: SOURCE_URL=… PORT=… node --import tsx bench/bareSummary.ts');
  process.exit(2);
}
const response = await fetch(source);
const body = Buffer.from(await response.arrayBuffer());
const headers = {
  'Content-Type': response.headers.get('content-type') ?? 'application/json',
  'Content-Length': body.length,
};
const server = createServer((_req, res) => res.writeHead(200, headers).end(body)).listen(Number(port), host);
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
