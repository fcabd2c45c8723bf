// Lean load generator: rooms x clients, each client sending ops at a fixed rate; measures op-to-broadcast latency at
// the other clients of the room. No document per simulated client: ops carry "@<send time in µs>#<client>" and
// receivers only look for that marker. Speaks the studio protocol (--target studio, or floor: run.sh's bare relay) or
// y-websocket's (--target yjs, hand-encoded Yjs v1 updates setting one Y.Map key per client).
//   node load.mjs --target studio|floor|yjs --url ws://127.0.0.1:PORT --rooms 200 --clients 10 --rate 5 --warmup 10 --seconds 20
//                 [--secret S]           (studio: the join-token secret; run.sh made rooms bench-<r> with users user-<r>-<c>)
//                 [--watch "name:pid,pid name:pid"]   (processes whose CPU is printed beside the generator's)
import WebSocket from 'ws';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const target = args.target;
const studioProtocol = target !== 'yjs';
const rooms = +args.rooms, perRoom = +args.clients, rate = +args.rate;
const warmup = +args.warmup * 1000, measure = +args.seconds * 1000;
const watched = (args.watch || '').split(' ').filter(Boolean).map((w) => ({ name: w.split(':')[0], pids: w.split(':')[1].split(',') }));

// HS256 join tokens as studio-collab issues them
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function joinToken(room, client) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'mashups-studio', sub: `user-${room}-${client}`, aud: `bench-${room}`,
    role: client === 0 ? 'owner' : 'editor', iat: now, exp: now + 3600 })}`;
  return `${body}.${createHmac('sha256', args.secret).update(body).digest('base64url')}`;
}

// CPU seconds used so far by a process (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms)
function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += +fields[11] + +fields[12];
    } catch { /* gone */ }
  }
  return ticks / 100;
}

const nowMicros = () => Math.round(performance.timeOrigin * 1000 + performance.now() * 1000);
const latencies = [];
let measuring = false, deliveries = 0, sent = 0, acks = 0, errors = 0, closed = 0;

// ---- Yjs v1 update for "map m, key k<client> := string", as lib0 encodes it ----
function varUint(out, n) { while (n > 0x7f) { out.push(0x80 | (n & 0x7f)); n = Math.floor(n / 128); } out.push(n); }
function varString(out, s) { const b = Buffer.from(s, 'utf8'); varUint(out, b.length); for (const x of b) out.push(x); }
function yjsUpdate(clientId, clock, key, value) {
  const out = [0, 2];                       // messageSync, messageYjsUpdate
  const u = [];
  varUint(u, 1); varUint(u, 1); varUint(u, clientId); varUint(u, clock);
  if (clock === 0) {                        // first write: parent "m" and the key
    u.push(8 | 0x20); varUint(u, 1); varString(u, 'm'); varString(u, key);
  } else {                                  // later writes: origin = our previous item, parent copied from it
    u.push(8 | 0x20 | 0x80); varUint(u, clientId); varUint(u, clock - 1);
  }
  varUint(u, 1); u.push(119); varString(u, value); // ContentAny of one string
  varUint(u, 0);                            // empty delete set
  varUint(out, u.length);
  return Buffer.from(out.concat(u));
}

// Works on the raw bytes: the generator shares the machine with the servers, so it must cost little per message.
const AT = 0x40, HASH = 0x23;
const ACK = Buffer.from('"type":"ack"'), ERROR = Buffer.from('"type":"error"');
function count(buf, pattern) {
  let n = 0;
  for (let i = buf.indexOf(pattern); i >= 0; i = buf.indexOf(pattern, i + pattern.length)) n++;
  return n;
}
function digits(buf, from) {           // [value, index after the digits]
  let value = 0, i = from;
  for (; i < buf.length; i++) {
    const d = buf[i] - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  return [value, i];
}
function onData(buf, self) {
  if (studioProtocol) {   // a frame may carry several messages, one per line
    acks += count(buf, ACK);
    errors += count(buf, ERROR);
  }
  for (let at = buf.indexOf(AT); at >= 0; at = buf.indexOf(AT, at + 1)) {
    const [sentAt, hash] = digits(buf, at + 1);
    if (buf[hash] !== HASH || hash - at !== 17) continue;   // "@" + 16 digits of µs + "#": not a stray byte
    const [from] = digits(buf, hash + 1);
    if (from === self || !measuring) continue;   // y-websocket echoes to the sender too
    deliveries++;
    latencies.push(nowMicros() - sentAt);
  }
}

const clients = [];
function connect(room, index) {
  return new Promise((resolve, reject) => {
    const id = room * perRoom + index;
    const url = studioProtocol
      ? `${args.url}/ws/studio/bench-${room}?token=${joinToken(room, index)}`
      : `${args.url}/bench-room-${room}`;
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const client = { ws, id, room, clock: 0, yjsId: 1 + Math.floor(Math.random() * 2 ** 30), n: 0 };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data) => onData(data, id));
    ws.on('open', () => { clients.push(client); resolve(); });
    ws.on('close', () => closed++);
    ws.on('error', reject);
  });
}

function send(client) {
  const marker = `@${nowMicros()}#${client.id}`;
  if (studioProtocol) {
    client.ws.send(`{"type":"op","clientOpId":"${client.id}-${client.n++}","op":{"kind":"set","target":"track","id":"t${client.id % perRoom}","property":"name","value":"${marker}"}}`);
  } else {
    // a key of its own per run: keys written by an earlier run would turn these writes into concurrent ones
    client.ws.send(yjsUpdate(client.yjsId, client.clock++, `k${client.yjsId}`, marker));
  }
  sent++;
}

for (let room = 0; room < rooms; room += 10) {   // connect in batches
  const batch = [];
  for (let r = room; r < Math.min(rooms, room + 10); r++) for (let c = 0; c < perRoom; c++) batch.push(connect(r, c));
  await Promise.all(batch);
}

const interval = 1000 / rate;
const start = performance.now();
clients.forEach((c) => { c.next = start + Math.random() * interval; });
const cpuStart = { v: null };
const timer = setInterval(() => {
  const now = performance.now();
  for (const c of clients) {
    while (c.next <= now) { send(c); c.next += interval; }
  }
}, 5);
await new Promise((r) => setTimeout(r, warmup));
measuring = true;
cpuStart.v = process.cpuUsage();
const serversBefore = watched.map((w) => cpuSeconds(w.pids));
const t0 = performance.now();
await new Promise((r) => setTimeout(r, measure));
measuring = false;
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpuStart.v);
const serverCpu = Object.fromEntries(watched.map((w, i) => [`${w.name}CpuPercent`, Math.round((cpuSeconds(w.pids) - serversBefore[i]) * 100 / elapsed)]));
clearInterval(timer);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies.length ? (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1000).toFixed(1) : 'n/a';
console.log(JSON.stringify({
  target, rooms, clients: clients.length, opsPerSecond: Math.round(rooms * perRoom * rate),
  deliveriesPerSecond: Math.round(deliveries / elapsed), p50ms: pct(0.5), p99ms: pct(0.99), maxMs: pct(1),
  generatorCpuPercent: Math.round((cpu.user + cpu.system) / 1e4 / elapsed), ...serverCpu, sent, acks, errors, closed,
}));
for (const c of clients) c.ws.terminate();
process.exit(0);
