import TUI
import Tracing

/// Measurement 4: whole frames (every visible pane) built without a
/// terminal, at the start, the quarters and the end of a long log.
enum TUIBench {
    static let width = 200, height = 50
    static let samples = 3

    static func run(_ log: TraceLog, into r: inout Report) {
        Memory.resetPeak()
        let before = Memory.resident
        let (indexSeconds, builder) = timed { FrameBuilder(log: log) }
        r.tuiIndexMs = indexSeconds * 1000
        r.tuiIndexExtraPeakMb = mb(max(0, Memory.peak - before))
        r.tuiSize = (width, height)
        _ = builder.frame(cursor: 1, width: width, height: height)  // warm-up
        let n = log.count
        for cursor in [0, n / 4, n / 2, 3 * n / 4, n - 1] {
            // The worst of a few: a user sees every frame, not the best one.
            var worst = 0.0
            for _ in 0..<samples {
                worst = max(worst, timed { builder.frame(cursor: cursor, width: width, height: height) }.seconds)
            }
            r.tuiFrames.append((cursor, worst * 1000))
        }
        r.tuiFrameMsMax = r.tuiFrames.map(\.ms).max() ?? 0
    }
}
