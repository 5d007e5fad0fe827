// The lock of PureJWT's shared caches (RemoteKeySet, VerifiedTokenCache): a small final class around
// the platform's lock, made visible to ThreadSanitizer.
//
// Which lock: `Synchronization.Mutex` where the standard library has it; on Apple systems,
// `os_unfair_lock` — Mutex needs macOS 15 / iOS 18 and PureJWT supports macOS 13 / iOS 16, so this
// file (with the clock shim, the only library files allowed to reach the C library) imports Darwin
// there. Both are held only around a few loads and stores; nothing blocks or suspends inside.
//
// TSan: on Linux, `Mutex` locks with atomics and futex system calls inside the Synchronization
// library, which is not built with TSan instrumentation, so TSan sees no happens-before edge between
// two critical sections and reports every access to the guarded state as a race (a three-line
// program with one `Mutex<[Int]>` shows it). Builds for TSan define `PUREJWT_TSAN`
// (`swift test --sanitize=thread -Xswiftc -DPUREJWT_TSAN`); they then tell TSan about each critical
// section with its annotation calls `__tsan_acquire` / `__tsan_release` on the lock's address, and
// TSan checks everything else for real. Other builds compile the annotations out.
// Embedded Swift has neither lock (nor the caches that use one): the file is empty there.
#if !hasFeature(Embedded)
#if canImport(Darwin)
import Darwin
#else
import Synchronization
#endif

#if PUREJWT_TSAN
@_silgen_name("__tsan_acquire") private func tsanAcquire(_ address: UnsafeMutableRawPointer)
@_silgen_name("__tsan_release") private func tsanRelease(_ address: UnsafeMutableRawPointer)
#endif

/// A lock guarding a `Value`.
package final class Lock<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is read and written only inside `withLock`, under the lock.
    #if canImport(Darwin)
    private let lock: UnsafeMutablePointer<os_unfair_lock>
    private var value: Value
    #else
    private let mutex: Mutex<Value>
    #endif

    package init(_ value: Value) {
        #if canImport(Darwin)
        lock = .allocate(capacity: 1)
        lock.initialize(to: os_unfair_lock())
        self.value = value
        #else
        mutex = Mutex(value)
        #endif
    }

    #if canImport(Darwin)
    deinit {
        lock.deinitialize(count: 1)
        lock.deallocate()
    }
    #endif

    /// Runs `body` with exclusive access to the value.
    package func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        #if canImport(Darwin)
        os_unfair_lock_lock(lock)
        defer { os_unfair_lock_unlock(lock) }
        return body(&value)
        #else
        mutex.withLock { value in
            #if PUREJWT_TSAN
            let tag = Unmanaged.passUnretained(self).toOpaque()
            tsanAcquire(tag)
            defer { tsanRelease(tag) }
            #endif
            return body(&value)
        }
        #endif
    }
}

#endif
