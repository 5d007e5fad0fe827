#!/usr/bin/env python3
"""A small HTTP server on 127.0.0.1 for PureJWT's integration tests. Prints "PORT <n>" once
listening, then serves until stdin closes (the test process owns it).

Routes:
  /jwks                  the current key set (initially Vectors/cognito/jwks.json); counts fetches
  /control/serve?file=F  switch /jwks to Vectors/cognito/F ("fail" makes /jwks answer 500)
  /control/count         {"jwks": <fetches so far>}
  /status/<code>         an empty response with that status
  /redirect              302 to /jwks
  /garbage               200 with a body that is not JSON
  /big                   200 with a 5 MB body
  /hang                  sleeps 10 s, then 200
  /oidc/.well-known/openid-configuration          a discovery document for issuer <base>/oidc, jwks_uri /jwks
  /oidc-wrong/.well-known/openid-configuration    one whose "issuer" is another URL
  /oidc-nojwks/.well-known/openid-configuration   one without jwks_uri
"""
import json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Vectors", "cognito")
state = {"file": "jwks.json", "count": 0}
lock = threading.Lock()

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args): pass

    def send(self, code, body=b"", ctype="application/json", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers: self.send_header(k, v)
        self.end_headers()
        if body: self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        if u.path == "/jwks":
            with lock:
                state["count"] += 1
                f = state["file"]
            if f == "fail": return self.send(500, b"{}")
            return self.send(200, open(os.path.join(VECTORS, f), "rb").read())
        if u.path == "/control/serve":
            with lock: state["file"] = parse_qs(u.query)["file"][0]
            return self.send(200, b"{}")
        if u.path == "/control/count":
            with lock: return self.send(200, json.dumps({"jwks": state["count"]}).encode())
        if u.path.startswith("/status/"):
            return self.send(int(u.path.split("/")[-1]), b"")
        if u.path == "/redirect":
            return self.send(302, b"", headers=[("Location", "/jwks")])
        if u.path == "/garbage":
            return self.send(200, b"<html>not json{")
        if u.path == "/big":
            return self.send(200, b" " * (5 * 1024 * 1024))
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        if u.path == "/oidc/.well-known/openid-configuration":
            return self.send(200, json.dumps({"issuer": base + "/oidc", "jwks_uri": base + "/jwks",
                                              "id_token_signing_alg_values_supported": ["RS256"],
                                              "response_types_supported": ["code"]}).encode())
        if u.path == "/oidc-wrong/.well-known/openid-configuration":
            return self.send(200, json.dumps({"issuer": base + "/somebody-else", "jwks_uri": base + "/jwks"}).encode())
        if u.path == "/oidc-nojwks/.well-known/openid-configuration":
            return self.send(200, json.dumps({"issuer": base + "/oidc-nojwks"}).encode())
        if u.path == "/hang":
            time.sleep(10)
            return self.send(200, b"{}")
        return self.send(404, b"")

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
print("PORT", server.server_address[1], flush=True)
sys.stdin.read()          # exit when the test process closes our stdin (or dies)
server.shutdown()
