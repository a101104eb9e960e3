// veloce-cli serve driven with the official openai npm client: greedy streamed and non-streamed
// replies equal `veloce-cli generate`'s, usage, stop, max_tokens, and the client's own error
// classes for a bad key, a wrong model and a busy server. With --load: 200 streamed requests from
// 8 concurrent clients; no error but documented 429s; prints requests/s and p50/p99 time to first token.
// usage: node openai_client_test.mjs VELOCE_CLI MODEL [--load]
import { spawn, execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';

const [cli, model, mode] = process.argv.slice(2);
const modelId = basename(model).replace(/\.gguf$/, '');
const KEY = 'test-key-123';
const PROMPT = 'Name three colours.';
const failures = [];
function check(cond, what) {
  console.log((cond ? 'ok   ' : 'FAIL ') + what);
  if (!cond) failures.push(what);
}

function generate(prompt, n) {
  const out = execFileSync(cli, ['generate', '-m', model, '--backend', 'reference', '-p', prompt, '-n', String(n), '--temp', '0'],
                           { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.slice(0, -1);  // generate ends the reply with a newline
}

function startServer(extra) {
  const proc = spawn(cli, ['serve', '-m', model, '--backend', 'reference', '--port', '0', '--api-key', KEY, ...extra],
                     { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.once('line', (line) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/v1/.exec(line);
      if (m) resolve({ proc, base: `http://127.0.0.1:${m[1]}/v1` });
      else reject(new Error('serve did not start: ' + line));
    });
    proc.once('exit', (code) => reject(new Error('serve exited with ' + code)));
  });
}

async function streamText(client, params) {
  const started = performance.now();
  let text = '', ttft = null, usage = null, finish = [];
  const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) {
    for (const c of chunk.choices) {
      if (c.delta?.content) {
        if (ttft === null) ttft = performance.now() - started;
        text += c.delta.content;
      }
      if (c.finish_reason) finish.push(c.finish_reason);
    }
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, ttft, usage, finish };
}

async function correctness() {
  const want = generate(PROMPT, 16);
  const want3 = generate(PROMPT, 3);
  const { proc, base } = await startServer(['--queue', '0']);
  try {
    const client = new OpenAI({ baseURL: base, apiKey: KEY, maxRetries: 0 });
    const list = await client.models.list();
    check(list.data.map((m) => m.id).join() === modelId, 'models.list: ' + modelId);
    const messages = [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: PROMPT }];
    const wantSys = execFileSync(cli, ['generate', '-m', model, '--backend', 'reference', '--raw', '-n', '16', '--temp', '0', '-p',
      '<|im_start|>system<|im_sep|>You are terse.<|im_end|><|im_start|>user<|im_sep|>' + PROMPT + '<|im_end|><|im_start|>assistant<|im_sep|>'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).slice(0, -1);
    const user = [{ role: 'user', content: PROMPT }];
    const r = await client.chat.completions.create({ model: modelId, messages: user, max_tokens: 16, temperature: 0 });
    check(r.choices[0].message.content === want, 'non-streamed equals generate: ' + JSON.stringify(want));
    check(r.usage.completion_tokens === 16 && r.usage.total_tokens === r.usage.prompt_tokens + 16 && r.choices[0].finish_reason === 'length',
          'usage and finish_reason: ' + JSON.stringify(r.usage));
    const s = await streamText(client, { model: modelId, messages: user, max_tokens: 16, temperature: 0 });
    check(s.text === want && s.usage?.completion_tokens === 16 && s.finish.join() === 'length', 'streamed equals generate, usage 16');
    const sys = await client.chat.completions.create({ model: modelId, messages, max_tokens: 16, temperature: 0 });
    check(sys.choices[0].message.content === wantSys, 'a system message goes through the chat format: ' + JSON.stringify(wantSys));
    const short = await client.chat.completions.create({ model: modelId, messages: user, max_completion_tokens: 3, temperature: 0 });
    check(short.choices[0].message.content === want3 && short.usage.completion_tokens === 3, 'max_completion_tokens 3');
    const stop = want.slice(5, 8);
    const st = await streamText(client, { model: modelId, messages: user, max_tokens: 16, temperature: 0, stop });
    check(st.text === want.slice(0, want.indexOf(stop)) && st.finish.join() === 'stop', 'stop ' + JSON.stringify(stop));

    // The client's error classes.
    const bad = new OpenAI({ baseURL: base, apiKey: 'wrong', maxRetries: 0 });
    const err = async (p) => { try { await p; return null; } catch (e) { return e; } };
    let e = await err(bad.chat.completions.create({ model: modelId, messages: user, max_tokens: 2 }));
    check(e instanceof OpenAI.AuthenticationError && e.status === 401 && e.code === 'invalid_api_key', 'bad key: AuthenticationError');
    e = await err(client.chat.completions.create({ model: 'gpt-4o', messages: user, max_tokens: 2 }));
    check(e instanceof OpenAI.NotFoundError && e.code === 'model_not_found', 'wrong model: NotFoundError model_not_found');
    e = await err(client.chat.completions.create({ model: modelId, messages: [], max_tokens: 2 }));
    check(e instanceof OpenAI.BadRequestError && e.param === 'messages', 'empty messages: BadRequestError');
    // Busy: a second request while one streams (queue 0), then the first leaves.
    const controller = new AbortController();
    const long = await client.chat.completions.create({ model: modelId, messages: user, max_tokens: 100000, temperature: 0, stream: true },
                                                     { signal: controller.signal });
    const it = long[Symbol.asyncIterator]();
    await it.next();
    e = await err(client.chat.completions.create({ model: modelId, messages: user, max_tokens: 2 }));
    check(e instanceof OpenAI.RateLimitError && e.status === 429, 'second concurrent request: RateLimitError 429');
    controller.abort();
    await err(it.next());
    const left = performance.now();
    let freed = null;
    while (performance.now() - left < 5000) {
      const ok = await err(client.chat.completions.create({ model: modelId, messages: user, max_tokens: 2 }));
      if (ok === null) { freed = performance.now() - left; break; }
      await new Promise((res) => setTimeout(res, 20));
    }
    check(freed !== null && freed < 1000, `aborted stream freed the server in ${freed?.toFixed(0)} ms`);
  } finally {
    proc.kill('SIGTERM');
  }
}

async function load() {
  const { proc, base } = await startServer([]);  // default queue (8)
  try {
    const client = new OpenAI({ baseURL: base, apiKey: KEY, maxRetries: 0 });
    const total = 200, concurrency = 8, ttfts = [];
    let next = 0, rejected = 0, errors = 0;
    const started = performance.now();
    const worker = async (w) => {
      while (next < total) {
        const i = next++;
        try {
          const s = await streamText(client, { model: modelId, messages: [{ role: 'user', content: `Request ${i} from client ${w}.` }],
                                                max_tokens: 4, temperature: 0 });
          if (s.ttft !== null) ttfts.push(s.ttft);
          if (s.usage?.completion_tokens !== 4 && s.finish.join() !== 'stop') throw new Error('short reply ' + JSON.stringify(s));
        } catch (e) {
          if (e instanceof OpenAI.RateLimitError) rejected++;
          else { errors++; console.log('error: ' + e); }
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    const seconds = (performance.now() - started) / 1000;
    ttfts.sort((a, b) => a - b);
    const pct = (p) => ttfts[Math.min(ttfts.length - 1, Math.floor(p * ttfts.length))];
    console.log(`load: ${total} requests, ${concurrency} clients, ${seconds.toFixed(2)} s, ${(total / seconds).toFixed(1)} requests/s, ` +
                `429: ${rejected}, other errors: ${errors}, time to first token p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms`);
    check(errors === 0, 'no errors but documented 429s');
    check(ttfts.length + rejected === total && ttfts.length > 0, `${ttfts.length} replies + ${rejected} 429s = ${total}`);
  } finally {
    proc.kill('SIGTERM');
  }
}

try {
  await (mode === '--load' ? load() : correctness());
} catch (e) {
  failures.push(String(e));
  console.log('FAIL ' + (e.stack ?? e));
}
console.log(`${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
