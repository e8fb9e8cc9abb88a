// A load client in its own process (so that killing the server cannot take it down with it): sends
// numbered bodies at a fixed rate and prints `ack <n>` for every delivery answered 200. The test can
// rebuild body n from `bodyFor(n)` and check it survived.
import { request, Agent } from 'node:http';
import { bodyFor } from './bodies.mjs';

const [url, countArg, rateArg] = process.argv.slice(2);
const count = Number(countArg);
const interval = 1000 / Number(rateArg);
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
let settled = 0;

function post(n) {
  const body = bodyFor(n);
  const req = request(
    url,
    { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) process.stdout.write(`ack ${n}\n`);
        done();
      });
    },
  );
  req.setTimeout(5000, () => req.destroy());
  req.on('error', done);
  req.end(body);
}

function done() {
  if (++settled === count) {
    agent.destroy();
    process.exit(0);
  }
}

const started = Date.now();
for (let n = 0; n < count; n++) setTimeout(() => post(n), started + n * interval - Date.now());
