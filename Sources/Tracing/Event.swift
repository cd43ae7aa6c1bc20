/// One record of the event log: 24 bytes, no references, no heap.
///
/// The log is the single truth (DESIGN.md): every pane, export and test is a
/// fold over these records. The raw fields are packed per ``Kind``; read them
/// through ``payload``, which decodes them into a typed value.
public struct Event: Equatable, Sendable {
    /// Virtual time in nanoseconds since the start of the run.
    public var time: UInt64
    /// The skb this event is about (0: none). For neighbour events, the ifindex.
    public var skb: UInt32
    /// Kind-specific word: a return value, an IPv4 address, a packet index...
    public var arg: UInt32
    /// Kind-specific: the function for spans, a code for the others.
    public var code: UInt16
    /// Kind-specific second code.
    public var aux: UInt16
    public var kind: Kind
    /// Index into ``TraceLog/hosts``.
    public var host: UInt8
    public var context: ExecutionContext
    /// Nesting depth of spans in this host's execution context when the event was emitted.
    public var depth: UInt8

    public init(time: UInt64, kind: Kind, host: UInt8, context: ExecutionContext, depth: UInt8,
                code: UInt16 = 0, aux: UInt16 = 0, arg: UInt32 = 0, skb: UInt32 = 0) {
        self.time = time; self.skb = skb; self.arg = arg; self.code = code; self.aux = aux
        self.kind = kind; self.host = host; self.context = context; self.depth = depth
    }

    public enum Kind: UInt8, Sendable, CaseIterable {
        case enter, exit
        /// A call through a function pointer the kernel can swap; `code` is the target.
        case indirectCall
        /// Why a branch was taken: `code` the deciding function, `aux` a ``Branch``.
        case branch
        case hookVerdict, hookResult
        case neighCreated, nudChange, outputSwap, neighProbes, hhFilled
        case skbAlloc, skbData, skbQueued, skbDequeued, skbDropped, skbFreed, skbConsumed
        case frame
        case timerArmed, timerFired, timerCancelled
        case sockState
        case wakeup
    }

    /// The return value recorded for a function that returns void.
    public static let voidReturn = Int32.min

    /// True for the events a teacher stops at (verdicts, NUD changes, swaps, frames...).
    public var isTeachingMoment: Bool {
        switch kind {
        case .hookVerdict, .hookResult, .nudChange, .outputSwap, .skbQueued, .skbDropped,
             .frame, .sockState, .timerFired:
            return true
        default:
            return false
        }
    }
}

/// Where a simulated function runs, as ftrace's task column would show it.
public enum ExecutionContext: UInt8, Sendable, CaseIterable {
    /// The task that called connect().
    case process
    /// NET_RX / NET_TX softirq: receive processing.
    case softirq
    /// TIMER softirq: neighbour and TCP timers.
    case timer

    public var name: String {
        switch self {
        case .process: "process"
        case .softirq: "softirq"
        case .timer: "timer"
        }
    }
}
