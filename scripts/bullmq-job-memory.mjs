// Measures the Redis memory one delayed BullMQ job takes, for tests/data/bullmq-job-memory.tsv
// (the source of `bullmq_job_overhead_bytes` in rules/limits.yaml).
//
//   npm install bullmq ioredis        # in a scratch directory
//   redis-server --port 6391 --save '' --appendonly no
//   node scripts/bullmq-job-memory.mjs > tests/data/bullmq-job-memory.tsv
//
// For each payload size: FLUSHALL, add 12,000 delayed jobs (past the events stream's default cap
// of 10,000 entries, so the stream no longer grows), read INFO memory used_memory, add N more,
// read it again: (after - before) / N is the memory per delayed job (its hash and its entry in
// the delayed sorted set). The jobs carry the options the guidance advises: attempts with
// exponential backoff, removeOnComplete and removeOnFail.
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const port = Number(process.env.REDIS_PORT ?? 6391);
const conn = { host: '127.0.0.1', port };
const r = new IORedis(conn);
const used = async () => Number(/used_memory:(\d+)/.exec(await r.info('memory'))[1]);
const bullmq = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('bullmq/package.json'), 'utf8'),
).version;
const server = /redis_version:(\S+)/.exec(await r.info('server'))[1];
const alloc = /mem_allocator:(\S+)/.exec(await r.info('memory'))[1];

console.log(`# BullMQ delayed-job memory, measured: BullMQ ${bullmq} (Node.js ${process.version}) on`);
console.log(`# redis-server ${server} (${alloc}), started with --save '' --appendonly no.`);
console.log('# Made by scripts/bullmq-job-memory.mjs (how: see its header). data = {"p": "x…"} of');
console.log('# payload_bytes of JSON; opts: delay 1 day, attempts 3, exponential backoff, removeOnComplete,');
console.log('# removeOnFail 1000. tests/redis_stream_memory.rs checks rules/limits.yaml against these rows.');
console.log(['# payload_bytes', 'jobs', 'bytes_per_delayed_job'].join('\t'));
for (const size of [16, 100, 256, 512, 1000, 1500, 2048, 3000, 4096, 6000, 8192, 16384, 65536]) {
  await r.flushall();
  const q = new Queue('jobs', { connection: conn });
  const data = { p: 'x'.repeat(size - 8) }; // {"p":"…"} is `size` bytes of JSON
  const opts = {
    delay: 86_400_000,
    attempts: 3,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
  const n = size > 10_000 ? 4000 : 20_000;
  const add = async (k) => {
    for (let i = 0; i < k; i += 500) {
      await q.addBulk(Array.from({ length: 500 }, () => ({ name: 'send', data, opts })));
    }
  };
  await add(12_000);
  const before = await used();
  await add(n);
  const after = await used();
  console.log([size, n, ((after - before) / n).toFixed(0)].join('\t'));
  await q.close();
}
r.disconnect();
