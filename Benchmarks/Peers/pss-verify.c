/* Peer benchmark: OpenSSL's RSASSA-PSS verify (RSA-2048, SHA-256, MGF1-SHA-256, salt 32 — JWS PS256)
 * through the EVP API, a key generated and one message signed at start, then verified in a loop
 * for SECONDS of this process's CPU time. `openssl speed` has no PSS row; this is its stand-in.
 * Prints one JSON line like the other peers.
 * Build: cc -O2 Benchmarks/Peers/pss-verify.c -lcrypto -o pss-verify      Usage: pss-verify [seconds] */
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int verify_once(EVP_PKEY *key, const unsigned char *sig, size_t siglen, const unsigned char *msg, size_t msglen) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    int ok = EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL, key) == 1
          && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
          && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) == 1
          && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1
          && EVP_DigestVerify(ctx, sig, siglen, msg, msglen) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 2;
    EVP_PKEY *key = EVP_RSA_gen(2048);
    /* A message the size of a Cognito access token's signing input. */
    unsigned char msg[1000];
    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (unsigned char)('A' + i % 26);
    unsigned char sig[512];
    size_t siglen = sizeof sig;
    EVP_MD_CTX *sctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *spctx = NULL;
    if (!key || EVP_DigestSignInit(sctx, &spctx, EVP_sha256(), NULL, key) != 1
        || EVP_PKEY_CTX_set_rsa_padding(spctx, RSA_PKCS1_PSS_PADDING) != 1
        || EVP_PKEY_CTX_set_rsa_pss_saltlen(spctx, 32) != 1
        || EVP_DigestSign(sctx, sig, &siglen, msg, sizeof msg) != 1) { fprintf(stderr, "sign failed\n"); return 1; }
    EVP_MD_CTX_free(sctx);
    if (!verify_once(key, sig, siglen, msg, sizeof msg)) { fprintf(stderr, "verify failed\n"); return 1; }
    for (int i = 0; i < 200; i++) verify_once(key, sig, siglen, msg, sizeof msg);   /* warm up */
    long n = 0;
    double start = cpu_seconds(), now = start;
    while (now - start < seconds) {
        for (int i = 0; i < 100; i++) n += verify_once(key, sig, siglen, msg, sizeof msg);
        now = cpu_seconds();
    }
    double ns = (now - start) * 1e9 / n;
    printf("{\"name\": \"openssl evp pss verify rsa2048\", \"cpu_ns_per_op\": %.1f, \"cpu_ops_per_s\": %.1f}\n", ns, 1e9 / ns);
    EVP_PKEY_free(key);
    return 0;
}
