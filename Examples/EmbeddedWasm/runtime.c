// The few C-level symbols Embedded Swift expects on bare wasm32 (no libc): an allocator, the mem*
// functions, and output through the WASI fd_write import. A runtime shim for this example only —
// PureJWT's library modules are pure Swift; on a real device this comes from the platform.
#include <stddef.h>
#include <stdint.h>

extern unsigned char __heap_base;
static uintptr_t heap_top = 0;

// A small allocator: blocks in power-of-two size classes (16 B … 1 GiB), each with a 16-byte header
// holding its class; freed blocks go on their class's list and are reused. Enough for this example
// and its benchmark loop (which allocates the same few sizes on every verification).
static void *free_lists[31];

static void *bump(size_t total, size_t align) {
  if (heap_top == 0) heap_top = (uintptr_t)&__heap_base;
  uintptr_t p = (heap_top + 16 + align - 1) & ~(uintptr_t)(align - 1);   // room for the header before p
  uintptr_t end = p + total;
  size_t have = __builtin_wasm_memory_size(0) * 65536;
  if (end > have) {
    size_t pages = (end - have + 65535) / 65536;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
  }
  heap_top = end;
  return (void *)p;
}

int posix_memalign(void **out, size_t align, size_t size) {
  if (align < 16) align = 16;
  unsigned cls = 4;
  while (((size_t)1 << cls) < size) { if (++cls > 30) return 12; }
  void *p;
  if (align == 16 && free_lists[cls]) {
    p = free_lists[cls];
    free_lists[cls] = *(void **)p;
  } else {
    p = bump((size_t)1 << cls, align);
    if (!p) return 12;
  }
  ((uint32_t *)p)[-1] = align == 16 ? cls : 0;   // 0: over-aligned, never reused
  *out = p;
  return 0;
}
void *malloc(size_t size) { void *p = 0; return posix_memalign(&p, 16, size) ? 0 : p; }
void free(void *p) {
  if (!p) return;
  uint32_t cls = ((uint32_t *)p)[-1];
  if (cls == 0) return;
  *(void **)p = free_lists[cls];
  free_lists[cls] = p;
}

void *memcpy(void *d, const void *s, size_t n) { unsigned char *a = d; const unsigned char *b = s; while (n--) *a++ = *b++; return d; }
void *memmove(void *d, const void *s, size_t n) {
  unsigned char *a = d; const unsigned char *b = s;
  if (a < b) { while (n--) *a++ = *b++; } else { a += n; b += n; while (n--) *--a = *--b; }
  return d;
}
void *memset(void *d, int c, size_t n) { unsigned char *a = d; while (n--) *a++ = (unsigned char)c; return d; }
int memcmp(const void *x, const void *y, size_t n) {
  const unsigned char *a = x, *b = y;
  for (; n; n--, a++, b++) if (*a != *b) return *a - *b;
  return 0;
}

// Hash seeds (Swift's Set/Dictionary): deterministic here, which is fine for this example.
void arc4random_buf(void *buf, size_t n) { unsigned char *p = buf; uint32_t x = 0x9E3779B9u; while (n--) { x = x * 1664525u + 1013904223u; *p++ = (unsigned char)(x >> 24); } }

struct ciovec { const void *buf; size_t len; };
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int fd_write(int fd, const struct ciovec *iovs, size_t n, size_t *written);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit")))
void proc_exit(int code);

int putchar(int c) { unsigned char ch = (unsigned char)c; struct ciovec v = { &ch, 1 }; size_t w; fd_write(1, &v, 1, &w); return c; }
void exit_with(int code) { proc_exit(code); }

// Stack-protector failure: stop.
void __stack_chk_fail(void) { proc_exit(134); }

// compiler-rt's 128-bit multiply (wasm32 has no 64×64→128 instruction; Swift's UInt128 lowers to it).
// Built from 32-bit partial products so it does not call itself.
typedef unsigned long long du_int;
typedef unsigned __int128 tu_int;
tu_int __multi3(tu_int a, tu_int b) {
  du_int al = (du_int)a, ah = (du_int)(a >> 64), bl = (du_int)b, bh = (du_int)(b >> 64);
  du_int a0 = al & 0xffffffffu, a1 = al >> 32, b0 = bl & 0xffffffffu, b1 = bl >> 32;
  du_int p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  du_int mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  du_int lo = (p00 & 0xffffffffu) | (mid << 32);
  du_int hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32) + al * bh + ah * bl;
  return ((tu_int)hi << 64) | lo;
}

// 128-bit shifts by a variable amount (UInt128 << n, >> n in the Montgomery kernel's accumulator
// and the JSON scanner's nesting mask). Written on the two 64-bit halves: shifts by the constant 64
// below compile to plain half moves, not to calls of these functions.
tu_int __ashlti3(tu_int a, int b) {
  du_int lo = (du_int)a, hi = (du_int)(a >> 64);
  if (b == 0) return a;
  if (b >= 64) { hi = lo << (b - 64); lo = 0; } else { hi = (hi << b) | (lo >> (64 - b)); lo <<= b; }
  return ((tu_int)hi << 64) | lo;
}

tu_int __lshrti3(tu_int a, int b) {
  du_int lo = (du_int)a, hi = (du_int)(a >> 64);
  if (b == 0) return a;
  if (b >= 64) { lo = hi >> (b - 64); hi = 0; } else { lo = (lo >> b) | (hi << (64 - b)); hi >>= b; }
  return ((tu_int)hi << 64) | lo;
}

// The standard library's hook behind Double(String) (used by PureJSON for fractional numbers).
// A simple decimal parser for this example — NOT correctly rounded in every case; a platform
// port should supply a real strtod. Integral NumericDates never reach it (they parse exactly).
const char *_swift_stdlib_strtod_clocale(const char *s, double *out) {
  const char *p = s;
  int neg = 0;
  if (*p == '-' || *p == '+') { neg = (*p == '-'); p++; }
  double v = 0; int digits = 0, exp10 = 0;
  while (*p >= '0' && *p <= '9') { v = v * 10 + (*p - '0'); p++; digits++; }
  if (*p == '.') { p++; while (*p >= '0' && *p <= '9') { v = v * 10 + (*p - '0'); p++; exp10--; digits++; } }
  if (!digits) return 0;
  if (*p == 'e' || *p == 'E') {
    p++; int eneg = 0, e = 0;
    if (*p == '-' || *p == '+') { eneg = (*p == '-'); p++; }
    if (!(*p >= '0' && *p <= '9')) return 0;
    while (*p >= '0' && *p <= '9') { if (e < 100000) e = e * 10 + (*p - '0'); p++; }
    exp10 += eneg ? -e : e;
  }
  while (exp10 > 0 && v != 0 && v < 1e308) { v *= 10; exp10--; }
  if (exp10 > 0 && v != 0) v = __builtin_inf();
  while (exp10 < 0 && v != 0) { v /= 10; exp10++; }
  *out = neg ? -v : v;
  return p;
}
