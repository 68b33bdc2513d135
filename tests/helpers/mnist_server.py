"""A local HTTP server that plays an MNIST mirror (good, missing, broken, dropped, wrong files,
and hostile ones: an endless body, a huge declared length, a gzip bomb)."""

import gzip
import http.server

import numpy as np

from digitpad.data.mnist import FILES
from tests.helpers.mnist_files import gzip_bomb, idx_bytes

GOOD: dict[str, bytes] = {}  # file stem -> gzip bytes the server hands out
ENDLESS_BYTES = 200 << 20  # the "endless" body stops here: every test's traffic is bounded
BOMB = gzip_bomb(idx_bytes(np.zeros((1, 28, 28), np.uint8))[:16], 2 << 30)  # 2 MB; 2 GB inflated


def payloads():
    rng = np.random.default_rng(0)
    out = {}
    for key, stem in FILES.items():
        n = 60 if key.startswith("train") else 20
        arr = rng.integers(0, 256, (n, 28, 28)) if "images" in key else rng.integers(0, 10, n)
        out[stem] = gzip.compress(idx_bytes(arr.astype(np.uint8)))
    return out


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        mode, _, name = self.path.strip("/").partition("/")
        stem = name.removesuffix(".gz")
        body = GOOD.get(stem)
        if mode in ("endless", "huge", "bomb"):
            self._hostile(mode)
        elif mode == "missing" or body is None:
            self.send_error(404)
        elif mode == "broken":
            self.send_error(500)
        elif mode == "dropped":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.close()
        else:
            if mode == "wrong":
                body = body[:-8] + b"\x00" * 8
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def _hostile(self, mode):
        self.send_response(200)
        if mode == "huge":
            self.send_header("Content-Length", str(10**12))
        elif mode == "bomb":
            self.send_header("Content-Length", str(len(BOMB)))
        self.end_headers()
        try:
            if mode == "bomb":
                self.wfile.write(BOMB)
                return
            zeros = bytes(1 << 16)
            for _ in range(ENDLESS_BYTES // len(zeros)):
                self.wfile.write(zeros)
        except OSError:  # the client gave up, as it should
            pass
