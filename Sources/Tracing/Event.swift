/// One record of the event log: 24 bytes, no references, no heap.
///
/// The log is the single truth: every pane, export and test is a fold over
/// these records, so that what the screen shows and what a file holds cannot
/// disagree. The raw fields are packed per ``Kind`` by ``Moment`` (in
/// Payload.swift); read them through ``payload``, which decodes them into a
/// typed value.
public struct Event: Equatable, Sendable {
    /// Virtual time in nanoseconds since the start of the run.
    public var time: UInt64
    /// The skb this event is about (0: none) for the kinds ``skbID`` lists;
    /// other kinds keep one of their own values here (a neighbour's ifindex).
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
        /// Why a branch was taken: `code` the deciding function, `aux` a
        /// ``Branch/Reason``, `arg` and `skb` its values.
        case branch
        case hookVerdict, hookResult
        case neighCreated, nudChange, outputSwap, neighProbes, hhFilled, neighFreed
        case skbAlloc, skbData, skbQueued, skbDequeued, skbDropped, skbFreed, skbConsumed
        case frame
        case timerArmed, timerFired, timerCancelled
        case sockState
        case wakeup
        /// A line the kernel prints (printk): `code` a ``KernelMessage``.
        case kernelMessage
    }

    /// The return value recorded for a function that returns void.
    public static let voidReturn = Int32.min

    /// True for the events a teacher stops at (verdicts, NUD changes, swaps, frames...).
    public var isTeachingMoment: Bool {
        switch kind {
        case .hookVerdict, .hookResult, .nudChange, .outputSwap, .skbQueued, .skbDropped,
             .frame, .sockState, .timerFired, .neighFreed, .kernelMessage:
            return true
        default:
            return false
        }
    }
}

/// Where a simulated function runs, as ftrace's task column would show it:
/// a kind (process, softirq, timer, workqueue) and, for processes, which
/// task of the host it is. Packed in one byte so events stay 24 bytes.
public struct ExecutionContext: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public enum Kind: UInt8, Sendable {
        /// A task in a system call (connect, send): up to 64 per host.
        case process
        /// NET_RX / NET_TX softirq: receive processing.
        case softirq
        /// TIMER softirq: neighbour and TCP timers.
        case timer
        /// A kworker running delayed work (the neighbour table's GC).
        case workqueue
    }

    public var kind: Kind { Kind(rawValue: rawValue & 3)! }
    /// Which process of its host (0 for every other kind).
    public var task: Int { Int(rawValue >> 2) }

    public static let process = ExecutionContext(rawValue: 0)
    public static let softirq = ExecutionContext(rawValue: 1)
    public static let timer = ExecutionContext(rawValue: 2)
    public static let workqueue = ExecutionContext(rawValue: 3)
    public static func process(task: Int) -> ExecutionContext { ExecutionContext(rawValue: UInt8(task & 63) << 2) }

    /// Every value, so that `host * allCases.count + rawValue` indexes a slot.
    public static let allCases: [ExecutionContext] = (0...255).map { ExecutionContext(rawValue: UInt8($0)) }

    public var name: String {
        switch kind {
        case .process: task == 0 ? "process" : "process \(task)"
        case .softirq: "softirq"
        case .timer: "timer"
        case .workqueue: "kworker"
        }
    }

    public var description: String { name }
}
