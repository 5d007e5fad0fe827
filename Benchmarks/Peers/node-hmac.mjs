// Peer benchmark: the HS256 whole-token verification in Node.js — the Cognito access token's
// payload under the header {"alg":"HS256","kid":"bench-hs256"}, MAC'd with the 32-byte bench
// secret jwt-bench uses (Benchmarks/jwt-bench/CasesPSSHMAC.swift), so both verify the same bytes.
// Same checks as node-verify.mjs, with createHmac + timingSafeEqual in place of RSA.
// Usage: node Benchmarks/Peers/node-hmac.mjs [seconds]   → one JSON line
import { readFileSync } from "node:fs";
import { createHmac, timingSafeEqual } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "Vectors", "cognito");
const payloadSegment = readFileSync(join(dir, "access_token.jwt"), "utf8").trim().split(".")[1];
const secret = Buffer.from("purejwt-bench-hs256-secret-32byt", "utf8");
const secrets = new Map([["bench-hs256", secret]]);
const header = Buffer.from('{"alg":"HS256","kid":"bench-hs256"}').toString("base64url");
const input = header + "." + payloadSegment;
const token = input + "." + createHmac("sha256", secret).update(input).digest("base64url");
const ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz";
const CLIENT = "4h8d2j9k1l0m3n5p7q6r2s4t8u";
const NOW = 1763900000;

function verifyToken(t) {
  const parts = t.split(".");
  if (parts.length !== 3) throw new Error("malformed");
  const h = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
  if (h.alg !== "HS256") throw new Error("alg");
  const key = secrets.get(h.kid);
  if (!key) throw new Error("kid");
  const mac = createHmac("sha256", key).update(parts[0] + "." + parts[1]).digest();
  const sig = Buffer.from(parts[2], "base64url");
  if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) throw new Error("signature");
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  if (claims.iss !== ISS || !(NOW < claims.exp) || claims.token_use !== "access" || claims.client_id !== CLIENT) throw new Error("claims");
  return claims;
}

const seconds = Number(process.argv[2] || 3);
verifyToken(token);
for (let i = 0; i < 5000; i++) verifyToken(token); // warm up
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
const cpuNs = ((cpu.user + cpu.system) * 1000) / n;
console.log(JSON.stringify({ name: "node verify cognito access token HS256", cpu_ns_per_op: cpuNs, cpu_ops_per_s: 1e9 / cpuNs }));
