import Foundation
import Tracing

/// Reads JSON Lines (docs/jsonl.md) back into a ``TraceLog``.
///
/// The raw fields are the truth; of the decoded ones only `fn` is read (and
/// required for spans, pointer calls and branches), so that a span still
/// names the right function if this build numbers the catalogue differently
/// from the one that wrote the file. An event whose codes this build cannot
/// decode is an error at its line, never a guess. Packets are stored again
/// in the order they appear and renumbered, so a filtered export, which
/// holds only some packets, reads back too.
public enum JSONLReader {
    /// A line that is not of this schema version.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        /// The file, when the log was read from one.
        public var file: String?
        /// 1-based.
        public let line: Int
        public let message: String
        public var description: String { "\(file.map { $0 + ":" } ?? "line ")\(line): \(message)" }
    }

    /// Reads the file at `path`; a failure names the file and the line.
    public static func read(file path: String) throws -> TraceLog {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(file: path, line: 1, message: "cannot read the file as UTF-8 text")
        }
        do {
            return try read(text)
        } catch var f as Failure {
            f.file = path
            throw f
        }
    }

    /// Parses a whole file's text.
    public static func read(_ text: String) throws -> TraceLog {
        try read(lines: text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    /// Parses lines one at a time; blank lines are skipped.
    public static func read<S: Sequence>(lines: S) throws -> TraceLog where S.Element: StringProtocol {
        var log: TraceLog?
        var packets: [UInt32: UInt32] = [:]
        // A recorded trace's tasks (by name, the context) and its own function names.
        var tasks: [String: ExecutionContext] = [:]
        var symbols: [String: UInt16] = [:]
        var number = 0
        for raw in lines {
            number += 1
            if raw.allSatisfy(\.isWhitespace) { continue }
            func fail(_ message: String) -> Failure { Failure(file: nil, line: number, message: message) }
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            guard var current = log else {
                guard let version = object[JSONLSchema.magic] as? Int else {
                    throw fail("the first line must be the header {\"\(JSONLSchema.magic)\": \(JSONLSchema.version), ...}")
                }
                // Another version packs some raw fields differently: reading
                // it as this one would misread them.
                guard version == JSONLSchema.version else {
                    throw fail("schema version \(version); this reader reads version \(JSONLSchema.version) only")
                }
                let hosts = (object["hosts"] as? [[String: Any]] ?? []).map {
                    HostInfo(name: $0["name"] as? String ?? "?", devices: $0["devices"] as? [String] ?? [],
                             links: $0["links"] as? [String] ?? [])
                }
                // A log written before kernels were named is a 4.9 log.
                let kernelName = object["kernel"] as? String ?? KernelVersion.v4_9.rawValue
                guard let kernel = KernelVersion(rawValue: kernelName) else {
                    throw fail("unknown kernel '\(kernelName)'; kpath models "
                               + KernelVersion.allCases.map(\.rawValue).joined(separator: " and "))
                }
                log = TraceLog(scenario: object["scenario"] as? String ?? "",
                               seed: (object["seed"] as? NSNumber)?.uint64Value ?? 0, kernel: kernel, hosts: hosts)
                if let r = object["recording"] as? [String: Any] {
                    var recording = Recording(source: r["source"] as? String ?? "", layout: r["layout"] as? String ?? "")
                    for (raw, name) in r["tasks"] as? [String: String] ?? [:] {
                        guard let c = UInt8(raw) else { throw fail("recording task '\(raw)' is not a context number") }
                        recording.tasks[Int(c)] = name
                        tasks[name] = ExecutionContext(rawValue: c)
                    }
                    log?.recording = recording
                }
                continue
            }
            log = nil  // keep `current` uniquely referenced while appending
            defer { log = current }
            if let hex = object["hex"] as? String, let id = int(object["packet"]) {
                guard let bytes = bytes(hex) else { throw fail("packet \(id): bad hex") }
                packets[UInt32(id)] = current.storePacket(bytes)
                continue
            }
            guard let kindName = object["kind"] as? String, let kind = JSONLSchema.kinds[kindName] else {
                throw fail("unknown event kind \(object["kind"].map { "\($0)" } ?? "(missing)")")
            }
            guard let ctxName = object["ctx"] as? String, let context = tasks[ctxName] ?? JSONLSchema.contexts[ctxName] else {
                throw fail("unknown execution context \(object["ctx"].map { "\($0)" } ?? "(missing)")")
            }
            func field(_ name: String, max: UInt64) throws -> UInt64 {
                guard let n = object[name] as? NSNumber, n.int64Value >= 0, n.uint64Value <= max else {
                    throw fail("field '\(name)' missing or out of range")
                }
                return n.uint64Value
            }
            var code = UInt16(try field("code", max: UInt64(UInt16.max)))
            let arg = UInt32(try field("arg", max: UInt64(UInt32.max)))
            if [.enter, .exit, .branch, .indirectCall].contains(kind) {
                guard let name = object["fn"] as? String else { throw fail("field 'fn' missing") }
                if let fn = Fn(name: name) {
                    code = fn.rawValue
                } else if current.recording != nil {
                    // A recorded trace's own function: numbered as this file names them.
                    if symbols[name] == nil {
                        symbols[name] = Fn.foreignBase + UInt16(current.recording!.symbols.count)
                        current.recording!.symbols.append(name)
                    }
                    code = symbols[name]!
                } else {
                    throw fail("unknown function '\(name)'")
                }
            }
            var event = Event(
                time: try field("t", max: .max), kind: kind,
                host: UInt8(try field("host", max: UInt64(UInt8.max))), context: context,
                depth: UInt8(try field("depth", max: UInt64(UInt8.max))),
                code: code, aux: UInt16(try field("aux", max: UInt64(UInt16.max))),
                arg: arg, skb: UInt32(try field("skb", max: UInt64(UInt32.max))))
            // A recorded trace's own functions are known by name, above.
            let recordedSpan = (kind == .enter || kind == .exit) && code >= Fn.foreignBase
            if case .unknown = event.payload, !recordedSpan {
                throw fail("a \(kindName) event with codes this build does not know (code \(event.code), aux \(event.aux), arg \(event.arg))")
            }
            if JSONLSchema.carriesPacket(event) {
                guard let mapped = packets[arg] else { throw fail("packet \(arg) is used before its line") }
                event.arg = mapped
            }
            current.append(event)
        }
        guard let log else { throw Failure(file: nil, line: max(number, 1), message: "no header line") }
        return log
    }

    private static func int(_ v: Any?) -> Int? { (v as? NSNumber)?.intValue }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
