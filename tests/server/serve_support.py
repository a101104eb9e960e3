"""Starting `veloce-cli serve` on a free loopback port, curl requests, and `veloce-cli generate`
as the independent reference for what a greedy request must return."""
import json
import re
import subprocess
import time


class Server:
    def __init__(self, cli, model, *extra):
        self.proc = subprocess.Popen([cli, "serve", "-m", model, "--backend", "reference", "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # printed once it listens
        m = re.search(r"http://127\.0\.0\.1:(\d+)/v1", line)
        if not m:
            self.proc.kill()
            raise RuntimeError("serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.base = "http://127.0.0.1:%s/v1" % m.group(1)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise


def curl(url, body=None, headers=(), raw=None):
    """(status, body text) of one request; body is JSON-encoded, raw is sent as it is."""
    cmd = ["curl", "-sS", "-N", "--max-time", "60", "-o", "-", "-w", "\n%{http_code}", url]
    for h in headers:
        cmd += ["-H", h]
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    if data is not None:
        cmd += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
    out = subprocess.run(cmd, input=data, capture_output=True, text=True, check=True).stdout
    text, _, status = out.rpartition("\n")
    return int(status), text


def sse_events(text):
    """The JSON payloads of a server-sent event stream, and whether it ended with [DONE]."""
    events, done = [], False
    for line in text.splitlines():
        if not line.startswith("data: "):
            continue
        payload = line[len("data: "):]
        if payload == "[DONE]":
            done = True
        else:
            events.append(json.loads(payload))
    return events, done


def generate(cli, model, prompt, n, raw=False):
    """veloce-cli generate's greedy reply: (text, prompt tokens, generated tokens, stop reason)."""
    cmd = [cli, "generate", "-m", model, "--backend", "reference", "-p", prompt, "-n", str(n), "--temp", "0", "--timings"]
    if raw:
        cmd.append("--raw")
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert r.stdout.endswith("\n")
    p = re.search(r"prompt: (\d+) tokens", r.stderr)
    g = re.search(r"generated: (\d+) tokens.*stop: (\S+)", r.stderr)
    return r.stdout[:-1], int(p.group(1)), int(g.group(1)), g.group(2)
