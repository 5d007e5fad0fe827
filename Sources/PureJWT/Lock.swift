// The lock of PureJWT's shared caches: a `Synchronization.Mutex`, made visible to ThreadSanitizer.
//
// On Linux, `Mutex` locks with atomics and futex system calls inside the Synchronization library,
// which is not built with TSan instrumentation, so TSan sees no happens-before edge between two
// critical sections and reports every access to the guarded state as a race (a three-line program
// with one `Mutex<[Int]>` shows it). Builds for TSan define `PUREJWT_TSAN`
// (`swift test --sanitize=thread -Xswiftc -DPUREJWT_TSAN`); they then tell TSan about each critical
// section with its annotation calls `__tsan_acquire` / `__tsan_release` on a per-lock tag, and TSan
// checks everything else for real. Other builds compile the annotations out: this is a plain Mutex.
// Embedded Swift has no Mutex (nor the caches that use one): the file is empty there.
#if !hasFeature(Embedded)
import Synchronization

#if PUREJWT_TSAN
@_silgen_name("__tsan_acquire") private func tsanAcquire(_ address: UnsafeMutableRawPointer)
@_silgen_name("__tsan_release") private func tsanRelease(_ address: UnsafeMutableRawPointer)
#endif

/// A mutex guarding `Value`.
struct Lock<Value: Sendable>: ~Copyable, Sendable {
    private let mutex: Mutex<Value>
    #if PUREJWT_TSAN
    /// A byte of our own whose address names this lock to TSan (kept as an integer: Sendable).
    private let tag = UInt(bitPattern: UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1))
    deinit { UnsafeMutableRawPointer(bitPattern: tag)?.deallocate() }
    #endif

    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value.
    borrowing func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        mutex.withLock { value in
            #if PUREJWT_TSAN
            if let t = UnsafeMutableRawPointer(bitPattern: tag) { tsanAcquire(t) }
            defer { if let t = UnsafeMutableRawPointer(bitPattern: tag) { tsanRelease(t) } }
            #endif
            return body(&value)
        }
    }
}

#endif
