// Peer benchmark: the same end-to-end Cognito access-token verification in Node.js, using its
// crypto module (OpenSSL underneath) — what a backend would otherwise run. Same checks as PureJWT's
// "jwt verify cognito access token": split, decode + parse the header, find the key by kid, verify
// RS256, decode + parse the payload, check iss, exp, token_use, client_id.
// Usage: node Benchmarks/Peers/node-verify.mjs [seconds]   → one JSON line
import { readFileSync } from "node:fs";
import { createPublicKey, verify } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "Vectors", "cognito");
const jwks = JSON.parse(readFileSync(join(dir, "jwks.json"), "utf8"));
const token = readFileSync(join(dir, "access_token.jwt"), "utf8").trim();
const keys = new Map(jwks.keys.map((k) => [k.kid, createPublicKey({ key: k, format: "jwk" })]));
const ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz";
const CLIENT = "4h8d2j9k1l0m3n5p7q6r2s4t8u";
const NOW = 1763900000;

function verifyToken(t) {
  const parts = t.split(".");
  if (parts.length !== 3) throw new Error("malformed");
  const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
  if (header.alg !== "RS256") throw new Error("alg");
  const key = keys.get(header.kid);
  if (!key) throw new Error("kid");
  const ok = verify("sha256", Buffer.from(parts[0] + "." + parts[1]), key, Buffer.from(parts[2], "base64url"));
  if (!ok) throw new Error("signature");
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  if (claims.iss !== ISS || !(NOW < claims.exp) || claims.token_use !== "access" || claims.client_id !== CLIENT) throw new Error("claims");
  return claims;
}

// Wall time and this process's CPU time (user + system), as jwt-bench reports both.
const seconds = Number(process.argv[2] || 3);
verifyToken(token);
for (let i = 0; i < 2000; i++) verifyToken(token); // warm up
let n = 0;
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const end = start + BigInt(Math.round(seconds * 1e9));
let now = start;
while (now < end) {
  for (let i = 0; i < 100; i++) verifyToken(token);
  n += 100;
  now = process.hrtime.bigint();
}
const cpu = process.cpuUsage(cpuStart);
const ns = Number(now - start) / n;
const cpuNs = ((cpu.user + cpu.system) * 1000) / n;
console.log(JSON.stringify({ name: "node verify cognito access token", ns_per_op: ns, ops_per_s: 1e9 / ns,
                             cpu_ns_per_op: cpuNs, cpu_ops_per_s: 1e9 / cpuNs }));
