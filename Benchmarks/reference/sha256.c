/* A portable SHA-256 (FIPS 180-4 §6.2) in plain C, written for PureJWT's benchmark: the honest
 * ceiling for a SHA-256 without the CPU's SHA extensions. Benchmarks/compare.sh builds it with
 * `clang -O2` (no -march) and compares PureSHA2's throughput with it on the same 1 MiB input.
 * Two layouts of the same algorithm: the textbook one (64-word schedule, variables renamed every
 * round) and the fast one PureSHA2 also uses; the faster of the two is the reference.
 * Usage: sha256-ref SECONDS  -> one JSON line per layout {"name":"c sha256 1 MiB (…)","mb_per_s":…}
 *        sha256-ref --check   -> the digest of "abc" (FIPS 180-4 example) with both layouts */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t h[8], const uint8_t *block) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 | (uint32_t)block[4 * t + 2] << 8 | block[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = s1 + w[t - 7] + s0 + w[t - 16];
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* The same algorithm laid out for speed, as PureSHA2 lays it out: a rolling 16-word schedule,
 * rounds unrolled by 8 with the roles of a…h rotated instead of renamed, big-endian loads. */
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))
#define ROUND(a, b, c, d, e, f, g, h, kw) do { \
    uint32_t t1 = h + BSIG1(e) + ((e & f) ^ (~e & g)) + (kw); \
    uint32_t t2 = BSIG0(a) + ((a & b) ^ (a & c) ^ (b & c)); \
    d += t1; h = t1 + t2; } while (0)

static inline uint32_t load_be32(const uint8_t *p) {
    uint32_t v; memcpy(&v, p, 4); return __builtin_bswap32(v);
}

static void compress_fast(uint32_t h[8], const uint8_t *block) {
    uint32_t w[16];
    for (int t = 0; t < 16; t++) w[t] = load_be32(block + 4 * t);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
#define KW(t) (K[t] + ((t) < 16 ? w[(t) & 15] : (w[(t) & 15] += SSIG1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] + SSIG0(w[((t) + 1) & 15]))))
    for (int t = 0; t < 64; t += 8) {
        ROUND(a, b, c, d, e, f, g, hh, KW(t));
        ROUND(hh, a, b, c, d, e, f, g, KW(t + 1));
        ROUND(g, hh, a, b, c, d, e, f, KW(t + 2));
        ROUND(f, g, hh, a, b, c, d, e, KW(t + 3));
        ROUND(e, f, g, hh, a, b, c, d, KW(t + 4));
        ROUND(d, e, f, g, hh, a, b, c, KW(t + 5));
        ROUND(c, d, e, f, g, hh, a, b, KW(t + 6));
        ROUND(b, c, d, e, f, g, hh, a, KW(t + 7));
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static int fast = 0;

static void sha256(const uint8_t *msg, size_t len, uint8_t out[32]) {
    void (*compress_one)(uint32_t *, const uint8_t *) = fast ? compress_fast : compress;
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t full = len / 64;
    for (size_t i = 0; i < full; i++) compress_one(h, msg + 64 * i);
    uint8_t tail[128] = {0};
    size_t rest = len - 64 * full;
    memcpy(tail, msg + 64 * full, rest);
    tail[rest] = 0x80;
    size_t total = rest + 9 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) tail[total - 1 - i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < total; i += 64) compress_one(h, tail + i);
    for (int i = 0; i < 8; i++) { out[4 * i] = h[i] >> 24; out[4 * i + 1] = h[i] >> 16; out[4 * i + 2] = h[i] >> 8; out[4 * i + 3] = h[i]; }
}

static double cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    uint8_t d[32];
    if (argc > 1 && strcmp(argv[1], "--check") == 0) {
        for (fast = 0; fast < 2; fast++) {
            sha256((const uint8_t *)"abc", 3, d);
            for (int i = 0; i < 32; i++) printf("%02x", d[i]);
            printf("\n");
        }
        return 0;
    }
    double seconds = argc > 1 ? atof(argv[1]) : 1.0;
    size_t size = 1 << 20;
    uint8_t *buf = malloc(size);
    for (size_t i = 0; i < size; i++) buf[i] = (uint8_t)(i * 2654435761u >> 13);
    unsigned sink = 0;
    for (fast = 0; fast < 2; fast++) {
        long n = 0;
        double start = cpu_seconds(), now = start;
        while (now - start < seconds) {
            sha256(buf, size, d);
            sink += d[0];
            n++;
            now = cpu_seconds();
        }
        printf("{\"name\":\"c sha256 1 MiB (%s)\",\"mb_per_s\":%.1f,\"sink\":%u}\n", fast ? "fast layout" : "textbook",
               n * (size / 1e6) / (now - start), sink);
    }
    free(buf);
    return 0;
}
