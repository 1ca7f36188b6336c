"""Small PNGs written with the standard library, and their upload to a Locus gateway: shared by the bench scripts."""
import json, struct, urllib.request, uuid, zlib


def png(w, h, pixel):
    """An RGB PNG of w x h whose pixel (x, y) is pixel(x, y), a 3-tuple of bytes."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(w)) for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def upload(base_url, content, name="image.png"):
    """POST /v1/images; returns the image id."""
    b = uuid.uuid4().hex
    body = (f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f'Content-Type: image/png\r\n\r\n').encode() + content + f'\r\n--{b}--\r\n'.encode()
    r = urllib.request.Request(base_url + "/v1/images", data=body, method="POST",
                               headers={"Content-Type": f"multipart/form-data; boundary={b}"})
    with urllib.request.urlopen(r) as resp:
        return json.loads(resp.read())["id"]
