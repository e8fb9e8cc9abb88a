// A paced load client for latency: sends one request every 1000/rate ms (catching up after timer
// jitter, never in bursts), each on a free keep-alive connection, and reports the latency of each
// from send to the last answer byte. Runs as its own process so that neither side's event loop
// or GC shows in the other's figures. Usage: node paced-client.mjs <url> <rate> <seconds> <body-file>
// [<unique>]: each occurrence of <unique> in the body is replaced by a 32-digit hex number of its
// own per request, so that each request is a distinct delivery.
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

const [url, rate, seconds, bodyFile, unique] = process.argv.slice(2);
const template = readFileSync(bodyFile, 'utf8');
const bodyOf = (n) => Buffer.from(unique ? template.replaceAll(unique, n.toString(16).padStart(32, '0')) : template);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const gap = 1000 / Number(rate);
const total = Math.round(Number(rate) * Number(seconds));
const latencies = [];
let errors = 0;
let sent = 0;
let done = 0;

function one() {
  const body = bodyOf(sent);
  const t = performance.now();
  const req = request(
    url,
    { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
    (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - t);
        else errors++;
        finish();
      });
    },
  );
  req.on('error', () => {
    errors++;
    finish();
  });
  req.end(body);
}

function finish() {
  if (++done < total) return;
  latencies.sort((a, b) => a - b);
  const at = (p) => +latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  process.stdout.write(JSON.stringify({ n: latencies.length, errors, p50: at(0.5), p99: at(0.99), max: +latencies.at(-1).toFixed(2) }));
  agent.destroy();
}

const start = performance.now();
function tick() {
  // Send what is due by now: timers run late, the schedule does not drift.
  const due = Math.min(total, Math.floor((performance.now() - start) / gap) + 1);
  while (sent < due) {
    sent++;
    one();
  }
  if (sent < total) setTimeout(tick, Math.max(0, start + sent * gap - performance.now()));
}
tick();
