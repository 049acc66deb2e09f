#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory the allocator holds free back to the system (glibc's `malloc_trim`): after a
/// list of a large cluster, its pages and the full objects the cache slimmed are freed, but glibc
/// keeps much of it mapped, and a watch's resident memory would stay near the list's peak all day.
enum MemoryTrim {
    #if canImport(Glibc)
    /// `malloc_trim`, looked up at run time (it is not in every C library, and not in Glibc's module).
    private nonisolated(unsafe) static let trim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
    #endif

    /// Returns free heap memory to the system where the C library can (glibc); elsewhere nothing.
    static func returnFreeMemory() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
