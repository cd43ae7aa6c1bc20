#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary file of a replacement under way, removed if SIGINT or
/// SIGTERM arrives before the rename: Ctrl-C leaves the old file and nothing
/// beside it. Only signals still at their default action are taken over (the
/// TUI has its own handlers, which let a write finish).
enum PendingTemporary {
    /// The path as a C string, allocated before the handler can see it:
    /// a signal handler may call unlink(2) but not allocate.
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var taken: [Int32] = []

    static func set(_ temporary: String) {
        path = strdup(temporary)
        taken = []
        for sig in [SIGINT, SIGTERM] {
            var current = sigaction()
            sigaction(sig, nil, &current)
            guard isDefault(current) else { continue }
            var action = sigaction()
            setHandler(&action) { sig in
                if let p = PendingTemporary.path { unlink(p) }
                // Die of the signal as if we had never caught it.
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigaction(sig, &action, nil)
            taken.append(sig)
        }
    }

    static func clear() {
        for sig in taken { signal(sig, SIG_DFL) }
        taken = []
        free(path)
        path = nil
    }

    private static func isDefault(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler == nil
        #else
        action.__sigaction_u.__sa_handler == nil
        #endif
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @convention(c) (Int32) -> Void) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
    }
}
