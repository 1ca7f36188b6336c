#!/usr/bin/env python3
"""End-to-end latency of a small composed edit against a running Locus (the local mode or any gateway).

Usage: bench/edit-latency.py [BASE_URL]   (default http://localhost:8080), with the engine's test model registered:
    OMP_WAIT_POLICY=PASSIVE java -jar standalone/target/locus-standalone.jar --threads 1 \
        --model engine/src/test/resources/fixtures/diffusers/unet2d-small
Uploads a 16x16 picture and two masks, finds two LOCO directions, then times 5 edits composing both and splits
each into queue wait (accepted -> started), engine time (inversion and sampling, as the worker reports it) and
the rest (HTTP, outbox, Kafka, storage, polling every 50 ms).
"""
import json, os, sys, time, urllib.request
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import locus_images
from datetime import datetime
B = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
def req(method, path, body=None, files=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(B + path, data=data, method=method, headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(r) as resp:
        return json.loads(resp.read())
def upload(content, name="image.png"):
    return locus_images.upload(B, content, name)
png = locus_images.png
def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
def wait(job):
    while True:
        j = req("GET", f"/v1/jobs/{job}")
        if j["state"] in ("SUCCEEDED", "FAILED", "CANCELED"): return j
        time.sleep(0.05)
img = upload(png(16, 16, lambda x, y: (x * 15, y * 15, 128)))
eyes = upload(png(16, 16, lambda x, y: (255, 255, 255) if 3 <= x < 13 and 3 <= y < 7 else (0, 0, 0)))
mouth = upload(png(16, 16, lambda x, y: (255, 255, 255) if 4 <= x < 12 and 10 <= y < 14 else (0, 0, 0)))
for name, mask in (("lat-eyes", eyes), ("lat-mouth", mouth)):
    d = req("POST", "/v1/discoveries", {"model": "unet2d-small", "image": img, "method": "LOCO", "mask": mask, "rank": 2, "steps": 20, "name": name})
    print(name, wait(d["id"])["state"])
rows = []
for i in range(5):
    t0 = time.time()
    e = req("POST", "/v1/edits", {"model": "unet2d-small", "image": img, "steps": 10, "seed": i,
        "directions": [{"ref": "lat-eyes", "strength": 4}, {"ref": "lat-mouth", "strength": -4}]})
    j = wait(e["id"]); t1 = time.time()
    queue = ts(j["startedAt"]) - ts(j["createdAt"])
    run = ts(j["finishedAt"]) - ts(j["startedAt"])
    engine = j["result"]["timings"]["engine"] / 1000
    total = t1 - t0
    rows.append((total, queue, engine, total - queue - engine))
    print(f"edit {i}: total {total*1000:.0f} ms, queue wait {queue*1000:.0f} ms, engine {engine*1000:.0f} ms, worker other {1000*(run-engine):.0f} ms, rest {1000*(total-queue-engine):.0f} ms")
rows.sort()
m = rows[len(rows)//2]
print(f"median: total {m[0]*1000:.0f} ms = queue wait {m[1]*1000:.0f} + engine {m[2]*1000:.0f} + rest {m[3]*1000:.0f}")
