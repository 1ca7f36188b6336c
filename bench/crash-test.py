#!/usr/bin/env python3
"""Crash test of the local mode with outside workers, as an operator would run it.

Starts the local mode (broker, database, S3, gateway and its own workers) and, beside it, two edit workers and one
direction worker in their own JVMs attached through <data-dir>/worker.properties. While jobs flow, one outside worker
is SIGKILLed every --kill-every seconds and started again, and once, a third of the way in, the local mode itself is
SIGKILLed and started again. Then it waits for every accepted job and prints: jobs accepted, succeeded, failed (by
code), stuck (not finished at the end), duplicated (a discovery that registered more than one version), the longest
time a job sat RUNNING without progress, and how long the local mode took to come back.

Usage (after ./mvnw -B -ntp package -DskipTests):
    bench/crash-test.py [--jobs 60] [--kill-every 20] [--data-dir DIR] [--port 18080]
"""
import argparse, json, os, random, signal, subprocess, sys, tempfile, threading, time, urllib.error
import urllib.request, uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import locus_images  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
p = argparse.ArgumentParser()
p.add_argument("--jobs", type=int, default=60)
p.add_argument("--kill-every", type=float, default=20)
p.add_argument("--data-dir", default=None)
p.add_argument("--port", type=int, default=18080)
p.add_argument("--timeout", type=float, default=900, help="seconds to wait for all jobs after the last is accepted")
a = p.parse_args()
data = a.data_dir or tempfile.mkdtemp(prefix="locus-crash-")
B = f"http://localhost:{a.port}"
logs = os.path.join(data, "crash-test-logs")
os.makedirs(logs, exist_ok=True)
ENV = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def start_local():
    out = open(os.path.join(logs, f"local-{time.time():.0f}.log"), "w")
    proc = subprocess.Popen(["java", "-jar", os.path.join(ROOT, "standalone/target/locus-standalone.jar"),
                             "--data-dir", data, "--port", str(a.port), "--threads", "1"],
                            stdout=out, stderr=subprocess.STDOUT, env=ENV)
    t0 = time.time()
    while time.time() - t0 < 300:
        if proc.poll() is not None:
            sys.exit(f"the local mode exited with {proc.returncode}; see {out.name}")
        try:
            urllib.request.urlopen(B + "/actuator/health", timeout=2)
            return proc, time.time() - t0
        except Exception:
            time.sleep(0.5)
    sys.exit("the local mode did not come up in 300 s")


def start_worker(kind, i):
    out = open(os.path.join(logs, f"{kind}-{i}-{time.time():.0f}.log"), "w")
    return subprocess.Popen(["java", "-jar", os.path.join(ROOT, f"{kind}/target/locus-{kind}-exec.jar"),
                             f"--spring.config.additional-location=file:{data}/worker.properties",
                             "--server.port=0", "--locus.models.threads=1"],
                            stdout=out, stderr=subprocess.STDOUT, env=ENV)


def call(method, path, body=None, key=None, tries=120):
    for _ in range(tries):
        data_ = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data_ else {}
        if key:
            headers["Idempotency-Key"] = key
        try:
            with urllib.request.urlopen(urllib.request.Request(B + path, data=data_, method=method,
                                                               headers=headers), timeout=10) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            if e.code < 500:
                raise
        except Exception:
            pass
        time.sleep(1)  # the local mode is restarting: the same key makes a retry safe
    raise RuntimeError(f"{method} {path} failed for {tries} s")


def upload(content):
    return locus_images.upload(B, content)


png = locus_images.png


local, first_start = start_local()
log(f"local mode up in {first_start:.1f} s; data in {data}")
workers = {("edit-worker", 0): start_worker("edit-worker", 0), ("edit-worker", 1): start_worker("edit-worker", 1),
           ("direction-worker", 0): start_worker("direction-worker", 0)}
model = "synthfaces-32"
img = upload(png(32, 32, lambda x, y: (x * 7, y * 7, 128)))
eyes = upload(png(32, 32, lambda x, y: (255, 255, 255) if 8 <= x < 24 and 10 <= y < 15 else (0, 0, 0)))
run = uuid.uuid4().hex[:6]
first = call("POST", "/v1/discoveries", {"model": model, "image": img, "method": "LOCO", "mask": eyes, "rank": 2,
                                        "nullRank": 2, "steps": 10, "name": f"crash-{run}-base"}, key=f"{run}-base")
while call("GET", f"/v1/jobs/{first['id']}")["state"] not in ("SUCCEEDED", "FAILED"):
    time.sleep(1)

jobs, restarts, stop = {}, [], threading.Event()


def chaos():
    killed_local = False
    while not stop.wait(a.kill_every):
        global local
        if not killed_local and len(jobs) >= a.jobs // 3:
            killed_local = True
            log("SIGKILL the local mode")
            local.send_signal(signal.SIGKILL)
            local.wait()
            try:
                local, took = start_local()
            except SystemExit as e:
                log(f"the local mode did not come back: {e}")
                for proc in workers.values():
                    proc.send_signal(signal.SIGKILL)
                os._exit(2)
            restarts.append(took)
            log(f"local mode back in {took:.1f} s")
            continue
        key = random.choice(list(workers))
        log(f"SIGKILL {key[0]} {key[1]}")
        workers[key].send_signal(signal.SIGKILL)
        workers[key].wait()
        workers[key] = start_worker(*key)


silent = {}  # job id -> (last progress seen, since)
longest_silence = [0.0, None]


def watch():
    while not stop.is_set():
        for jid in list(jobs):
            try:
                j = call("GET", f"/v1/jobs/{jid}", tries=1)
            except Exception:
                continue
            jobs[jid] = j
            if j["state"] == "RUNNING":
                seen = (j.get("attempts"), json.dumps(j.get("progress")))
                last = silent.get(jid)
                if last is None or last[0] != seen:
                    silent[jid] = (seen, time.time())
                elif time.time() - last[1] > longest_silence[0]:
                    longest_silence[:] = [time.time() - last[1], jid]
            else:
                silent.pop(jid, None)
        time.sleep(1)


threading.Thread(target=chaos, daemon=True).start()
threading.Thread(target=watch, daemon=True).start()
for i in range(a.jobs):
    if i % 3 == 0:
        body = {"model": model, "image": img, "method": "LOCO", "mask": eyes, "rank": 2, "nullRank": 2, "steps": 10,
                "name": f"crash-{run}-{i}"}
        j = call("POST", "/v1/discoveries", body, key=f"{run}-{i}")
    else:
        body = {"model": model, "image": img, "steps": 10, "directions": [{"ref": f"crash-{run}-base", "strength": 4}]}
        j = call("POST", "/v1/edits", body, key=f"{run}-{i}")
    jobs[j["id"]] = j
    time.sleep(1.5)
log(f"{len(jobs)} jobs accepted; waiting for them to finish")
deadline = time.time() + a.timeout
while time.time() < deadline and any(j["state"] not in ("SUCCEEDED", "FAILED", "CANCELED") for j in jobs.values()):
    time.sleep(2)
stop.set()

states = {}
for j in jobs.values():
    states[j["state"]] = states.get(j["state"], 0) + 1
failed = {}
for j in jobs.values():
    if j["state"] == "FAILED":
        failed[j["error"]["code"]] = failed.get(j["error"]["code"], 0) + 1
per_name, page = {}, 0
while True:
    versions = call("GET", f"/v1/directions?namePrefix=crash-{run}-&size=100&page={page}")["items"]
    for v in versions:
        per_name[v["name"]] = per_name.get(v["name"], 0) + 1
    if len(versions) < 100:
        break
    page += 1
duplicated = sum(1 for n in per_name.values() if n > 1)
retried = sum(1 for j in jobs.values() if j.get("attempts", 0) > 1)
print(json.dumps({"accepted": len(jobs), "succeeded": states.get("SUCCEEDED", 0), "failed": failed,
                  "stuck": sum(n for s, n in states.items() if s not in ("SUCCEEDED", "FAILED", "CANCELED")),
                  "duplicated": duplicated, "retried": retried,
                  "longest_running_without_progress_s": round(longest_silence[0], 1),
                  "local_mode_restart_s": [round(t, 1) for t in restarts], "first_start_s": round(first_start, 1)},
                 indent=1))
for proc in list(workers.values()) + [local]:
    proc.send_signal(signal.SIGTERM)
