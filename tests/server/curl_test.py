"""veloce-cli serve driven with curl: greedy replies equal `veloce-cli generate`'s, usage counts,
stop and max_tokens, the error statuses and shapes, the bounded queue (429), a client that
leaves mid-stream freeing the server within a second, the bearer key (a blank one refused), the
loopback rule, and more connections than the server has file descriptors for.
usage: curl_test.py VELOCE_CLI MODEL"""
import json
import os
import re
import resource
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_support import Server, curl, generate, sse_events  # noqa: E402

CLI, MODEL = sys.argv[1], sys.argv[2]
MODEL_ID = os.path.splitext(os.path.basename(MODEL))[0]
PROMPT = "Write a short poem about the sea."
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def check_error(status, text, want_status, want_code=None, what=""):
    try:
        e = json.loads(text)["error"]
        shape = set(e) == {"message", "type", "param", "code"} and isinstance(e["message"], str) and e["message"]
    except (ValueError, KeyError, TypeError):
        e, shape = {}, False
    check(status == want_status and shape and (want_code is None or e.get("code") == want_code),
          "%s: %d with OpenAI's error shape%s (got %d %s)" % (what, want_status,
                                                             " code " + want_code if want_code else "", status, text[:200]))


def chat(messages, **kw):
    return {"model": MODEL_ID, "messages": messages, "temperature": 0, **kw}


USER = [{"role": "user", "content": PROMPT}]
want, want_prompt, want_gen, want_stop = generate(CLI, MODEL, PROMPT, 24)
short, _, short_gen, _ = generate(CLI, MODEL, PROMPT, 3)
check(want_gen == 24 and want_stop == "max_tokens" and len(want) > 12, "the reference reply is 24 tokens: %r" % want)

server = Server(CLI, MODEL, "--queue", "0")
try:
    status, text = curl(server.base + "/models")
    models = json.loads(text)
    check(status == 200 and models["object"] == "list" and [m["id"] for m in models["data"]] == [MODEL_ID],
          "GET /v1/models lists %s" % MODEL_ID)

    # Non-streamed: text, usage, finish_reason, ids, as `generate` would give.
    status, text = curl(server.base + "/chat/completions", chat(USER, max_tokens=24))
    r = json.loads(text)
    check(status == 200 and r["object"] == "chat.completion" and r["id"].startswith("chatcmpl-") and r["model"] == MODEL_ID
          and isinstance(r["created"], int), "non-streamed chat: 200, object, id, model, created")
    msg = r["choices"][0]["message"]
    check(msg == {"role": "assistant", "content": want}, "non-streamed text equals generate's: %r" % msg["content"])
    u = r["usage"]
    check((u["prompt_tokens"], u["completion_tokens"], u["total_tokens"]) == (want_prompt, 24, want_prompt + 24),
          "non-streamed usage %s (prompt %d)" % (u, want_prompt))
    check(r["choices"][0]["finish_reason"] == "length", "finish_reason length at max_tokens")

    # Streamed, with include_usage; max_completion_tokens is the newer spelling.
    status, text = curl(server.base + "/chat/completions",
                        chat(USER, max_completion_tokens=24, stream=True, stream_options={"include_usage": True}))
    events, done = sse_events(text)
    content = "".join(c["delta"].get("content", "") for e in events for c in e["choices"])
    check(status == 200 and done and all(e["object"] == "chat.completion.chunk" for e in events)
          and len({e["id"] for e in events}) == 1, "streamed: chunks with one id, then [DONE]")
    check(content == want, "streamed text equals generate's: %r" % content)
    check(events[0]["choices"][0]["delta"].get("role") == "assistant", "first chunk carries the role")
    finals = [c["finish_reason"] for e in events for c in e["choices"] if c["finish_reason"]]
    check(finals == ["length"], "one finish_reason, length: %s" % finals)
    check(events[-1]["choices"] == [] and events[-1]["usage"]["completion_tokens"] == 24
          and events[-1]["usage"]["prompt_tokens"] == want_prompt, "last chunk: usage, no choices")
    # The second request had the same prompt: its KV prefix came from the cache.
    check(events[-1]["usage"]["prompt_tokens_details"]["cached_tokens"] > 0, "KV prefix reused across requests")

    # max_tokens honoured.
    status, text = curl(server.base + "/chat/completions", chat(USER, max_tokens=3))
    r = json.loads(text)
    check(r["choices"][0]["message"]["content"] == short and r["usage"]["completion_tokens"] == short_gen == 3,
          "max_tokens 3: generate -n 3's text %r" % short)

    # stop: the reply ends before the stop string, which is not returned, finish_reason stop.
    stop = want[8:11]
    cut = want[:want.find(stop)]
    for stream in (False, True):
        status, text = curl(server.base + "/chat/completions", chat(USER, max_tokens=24, stop=[stop, "zzzz"], stream=stream))
        if stream:
            events, _ = sse_events(text)
            got = "".join(c["delta"].get("content", "") for e in events for c in e["choices"])
            reason = [c["finish_reason"] for e in events for c in e["choices"] if c["finish_reason"]]
        else:
            r = json.loads(text)
            got, reason = r["choices"][0]["message"]["content"], [r["choices"][0]["finish_reason"]]
        check(got == cut and reason == ["stop"], "stop %r (stream %s): %r, finish %s" % (stop, stream, got, reason))

    # Raw prompts: /v1/completions equals generate --raw.
    raw_want, _, _, _ = generate(CLI, MODEL, "Once upon a time", 8, raw=True)
    status, text = curl(server.base + "/completions", dict(model=MODEL_ID, prompt="Once upon a time", max_tokens=8, temperature=0))
    r = json.loads(text)
    check(status == 200 and r["object"] == "text_completion" and r["choices"][0]["text"] == raw_want,
          "/v1/completions equals generate --raw: %r" % raw_want)

    # Errors.
    status, text = curl(server.base + "/chat/completions", raw='{"model": "x", "messages": [')
    check_error(status, text, 400, what="malformed JSON")
    status, text = curl(server.base + "/chat/completions", dict(model=MODEL_ID, messages="hi"))
    check_error(status, text, 400, what="messages not an array")
    status, text = curl(server.base + "/chat/completions", chat(USER, temperature=5))
    check_error(status, text, 400, what="temperature out of range")
    status, text = curl(server.base + "/chat/completions", chat([{"role": "user", "content": "x"}] * 300))
    check_error(status, text, 400, what="300 messages (over the bound)")
    status, text = curl(server.base + "/chat/completions", chat([{"role": "user", "content": "x" * (2 << 20)}]))
    check_error(status, text, 413, what="a 2 MiB body")
    status, text = curl(server.base + "/chat/completions", dict(model="gpt-4o", messages=USER))
    check_error(status, text, 404, "model_not_found", what="a wrong model name")
    status, text = curl(server.base + "/embeddings", dict(model=MODEL_ID, input="x"))
    check_error(status, text, 404, what="an unknown route")

    # A second request while one streams, with --queue 0: 429. Then the first client leaves.
    first = subprocess.Popen(["curl", "-sS", "-N", "-H", "Content-Type: application/json", "--data-binary",
                              json.dumps(chat(USER, max_tokens=100000, stream=True)), server.base + "/chat/completions"],
                             stdout=subprocess.PIPE, text=True)
    first.stdout.readline()  # the first event: it is generating now
    status, text = curl(server.base + "/chat/completions", chat(USER, max_tokens=2))
    check_error(status, text, 429, "rate_limit_exceeded", what="a second request while one streams (queue 0)")
    check(first.poll() is None, "the first stream was still running when its client left")
    first.kill()
    first.wait()
    left = time.monotonic()
    freed = None
    while time.monotonic() - left < 5:
        status, text = curl(server.base + "/chat/completions", chat(USER, max_tokens=2))
        if status == 200:
            freed = time.monotonic() - left
            break
        time.sleep(0.02)
    check(freed is not None and freed < 1.0, "a client that left mid-stream freed the server in %s s" % freed)
finally:
    server.stop()

# The bearer key.
keyed = Server(CLI, MODEL, "--api-key", "s3cret")
try:
    status, text = curl(keyed.base + "/models")
    check_error(status, text, 401, "invalid_api_key", what="no key")
    status, text = curl(keyed.base + "/chat/completions", chat(USER, max_tokens=2), headers=["Authorization: Bearer wrong"])
    check_error(status, text, 401, "invalid_api_key", what="a bad key")
    status, text = curl(keyed.base + "/chat/completions", chat(USER, max_tokens=2), headers=["Authorization: Bearer s3cret"])
    check(status == 200 and json.loads(text)["usage"]["completion_tokens"] == 2, "the right key: 200")
finally:
    keyed.stop()

# Off loopback without a key: refused before anything starts.
r = subprocess.run([CLI, "serve", "-m", MODEL, "--backend", "reference", "--host", "0.0.0.0", "--port", "0"],
                   capture_output=True, text=True, timeout=30, env={k: v for k, v in os.environ.items() if k != "VELOCE_API_KEY"})
check(r.returncode == 2 and "without a key" in r.stderr and r.stdout == "", "0.0.0.0 without a key refused: %r" % r.stderr.strip())

# A blank key, on the command line or in the environment, is refused with a one-line error rather
# than read as "no key" (its user meant the server to be protected).
no_env = {k: v for k, v in os.environ.items() if k != "VELOCE_API_KEY"}
for extra, env in ((["--api-key", " "], no_env), (["--api-key", ""], no_env), ([], {**no_env, "VELOCE_API_KEY": " \t"})):
    try:
        r = subprocess.run([CLI, "serve", "-m", MODEL, "--backend", "reference", "--port", "0", *extra],
                           capture_output=True, text=True, timeout=20, env=env)
        got = (r.returncode, r.stdout, r.stderr.strip())
    except subprocess.TimeoutExpired as e:
        got = ("still serving after 20 s", e.stdout, e.stderr)
    check(got[0] == 2 and got[1] == "" and "blank" in got[2] and got[2].count("\n") == 0,
          "a blank key %r refused: %r" % (extra or "VELOCE_API_KEY", got))

# More clients than the server has descriptors for (a soft limit of 64): each one is answered (200
# within the limit, 503 past it) or closed at once, none left waiting unanswered in the backlog
# while accept() fails; once they leave, the server serves again.
def low_descriptor_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))


limited = subprocess.Popen([CLI, "serve", "-m", MODEL, "--backend", "reference", "--port", "0"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True, preexec_fn=low_descriptor_limit)
try:
    port = int(re.search(r":(\d+)/v1", limited.stdout.readline()).group(1))
    clients = [socket.create_connection(("127.0.0.1", port), timeout=3) for _ in range(80)]
    outcomes = []
    for c in clients:
        try:
            c.sendall(b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n")
            head = c.recv(64)
            outcomes.append(head.split(b" ")[1].decode() if head.startswith(b"HTTP/1.1 ") else "closed")
        except (ConnectionResetError, BrokenPipeError):
            outcomes.append("closed")
        except socket.timeout:
            outcomes.append("no answer")
    for c in clients:
        c.close()
    counts = {o: outcomes.count(o) for o in sorted(set(outcomes))}
    check("no answer" not in counts and counts.get("200", 0) > 0 and counts.get("503", 0) > 0,
          "80 clients at a 64-descriptor limit: each answered or closed at once: %s" % counts)
    status, text = None, ""
    for _ in range(50):  # the server sees them leave as its event loop reads their closes
        status, text = curl("http://127.0.0.1:%d/v1/models" % port)
        if status == 200:
            break
    check(status == 200, "served again once they left (%s)" % status)
finally:
    limited.terminate()
    limited.wait(10)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
