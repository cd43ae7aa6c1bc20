/// What a log read from a real kernel's trace holds beyond the model's own:
/// the names of functions the catalogue does not have, and the tasks that
/// ran. The model's logs have none (``TraceLog/recording`` is nil).
///
/// In a recorded log there is one host, the traced machine. Each task
/// (`comm-pid` as ftrace prints it) is an ``ExecutionContext`` of its own:
/// the context's kind says what the task is (a process, `ksoftirqd`, a
/// `kworker`, the idle task, which runs interrupts and softirqs), its task
/// number tells tasks of a kind apart. The CPU a call ran on is in the
/// span's `aux` (enter and exit events), as is a comment line's.
public struct Recording: Sendable, Equatable {
    /// Functions outside the catalogue, by `code - Fn.foreignBase`, spelt as
    /// the trace spells them (`start_xmit [virtio_net]`, `link_path_walk.part.0`).
    public var symbols: [String] = []
    /// Task names by `ExecutionContext.rawValue` ("" where no task was seen).
    public var tasks: [String] = Array(repeating: "", count: 256)
    /// The file the trace was read from, and its layout ("tracefs", "trace-cmd report", "jsonl").
    public var source: String
    public var layout: String

    public init(source: String, layout: String) { self.source = source; self.layout = layout }
}

extension Fn {
    /// Codes from here on name functions outside the catalogue, in a recorded log.
    public static let foreignBase: UInt16 = 0x4000
}

extension TraceLog {
    /// The function a span, pointer call or branch names: the catalogue's,
    /// or a recorded trace's own.
    public func functionName(code: UInt16) -> String {
        if let fn = Fn(rawValue: code) { return fn.name }
        if code >= Fn.foreignBase, let symbols = recording?.symbols, Int(code - Fn.foreignBase) < symbols.count {
            return symbols[Int(code - Fn.foreignBase)]
        }
        return "?"
    }

    /// The catalogue's function for a code, a compiler's copy of one
    /// (`arp_solicit.isra.0`, `__netif_receive_skb_core.constprop.0`) included.
    public func catalogueFunction(code: UInt16) -> Fn? {
        if let fn = Fn(rawValue: code) { return fn }
        guard code >= Fn.foreignBase else { return nil }
        let name = functionName(code: code)
        return name.firstIndex(of: ".").flatMap { Fn(name: String(name[..<$0])) }
    }

    /// The event's execution context as a reader knows it: the task's
    /// `comm-pid` in a recorded trace, else "process", "softirq"...
    public func contextName(_ e: Event) -> String {
        if let task = recording?.tasks[Int(e.context.rawValue)], !task.isEmpty { return task }
        return e.context.name
    }

    /// The CPU a span or a comment line ran on, in a recorded log; nil otherwise.
    public func cpu(_ e: Event) -> Int? {
        guard recording != nil else { return nil }
        switch e.kind {
        case .enter, .exit: return Int(e.aux)
        case .kernelMessage where e.code == KernelMessage.traceComment.rawValue: return Int(e.aux)
        default: return nil
        }
    }
}
