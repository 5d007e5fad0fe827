// Runs the Embedded Swift wasm32 module's bench_verify export under Node's V8 (the JIT browsers and
// edge runtimes use) and prints one JSON line with the CPU time per whole-token verification.
// Usage: node Benchmarks/wasm-bench.mjs MODULE.wasm [SECONDS]
import { readFileSync } from "node:fs";

const [path, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 2);
let memory;
const imports = {
  wasi_snapshot_preview1: {
    fd_write(fd, iovs, n, written) {
      const view = new DataView(memory.buffer);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const ptr = view.getUint32(iovs + 8 * i, true), len = view.getUint32(iovs + 8 * i + 4, true);
        process.stdout.write(new Uint8Array(memory.buffer, ptr, len));
        total += len;
      }
      view.setUint32(written, total, true);
      return 0;
    },
    proc_exit(code) { throw new Error(`proc_exit(${code})`); },
  },
};
const { instance } = await WebAssembly.instantiate(readFileSync(path), imports);
memory = instance.exports.memory;
const bench = instance.exports.bench_verify;

// Warm up (tiers up the JIT), then batches until `seconds` of CPU time have passed.
if (bench(200) !== 200) throw new Error("the sample token does not verify in wasm");
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };   // ns
let ops = 0, batch = 100;
const start = cpu();
while (cpu() - start < seconds * 1e9) {
  if (bench(batch) !== batch) throw new Error("verification failed during the run");
  ops += batch;
  batch = Math.min(batch * 2, 5000);
}
const ns = (cpu() - start) / ops;
console.log(JSON.stringify({ name: "jwt verify cognito access token (wasm32, node " + process.versions.node + ")",
                             cpu_ns_per_op: ns, cpu_ops_per_s: 1e9 / ns, ops }));
