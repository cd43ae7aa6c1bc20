import Classroom
import Scenarios
import Tracing

/// The lessons `l` offers: each one's name, summary and what to watch, and
/// a way to open it. The guides are read from each lesson's log the first
/// time they are shown.
public final class LessonPicker {
    public let lessons: [Scenario]
    /// Where `e` writes, in every lesson opened from here.
    let exportDirectory: String
    private var guides: [Int: [Highlight]] = [:]

    public init(lessons: [Scenario], exportDirectory: String = ".") {
        self.lessons = lessons
        self.exportDirectory = exportDirectory
    }

    /// The teaching moments of lesson `k`, with their steps.
    public func highlights(_ k: Int) -> [Highlight] {
        if let g = guides[k] { return g }
        let g = LessonGuide.highlights(in: lessons[k].log())
        guides[k] = g
        return g
    }
}

extension Session {
    func openLessonPicker() {
        guard let picker = lessonPicker else { message = "lessons can be picked in a live lesson only"; return }
        overlay = .lessons(selected: picker.lessons.firstIndex { $0.name == scenarioName } ?? 0)
    }

    func handleLessonKey(_ key: Key, selected: Int) {
        guard let picker = lessonPicker else { overlay = nil; return }
        let n = picker.lessons.count
        switch key {
        case .char("j"), .down: overlay = .lessons(selected: (selected + 1) % n)
        case .char("k"), .up: overlay = .lessons(selected: (selected + n - 1) % n)
        case .enter:
            overlay = nil
            let next = Session.live(picker.lessons[selected], exportDirectory: picker.exportDirectory, lessons: picker)
            next.greet()
            nextSession = next
        default:
            overlay = nil
        }
    }

    /// The first screen's word on how to reach the first teaching moment.
    public func greet() {
        runUntil { index.teaching.count > 0 }
        guard let first = index.teaching.first(atOrAfter: 0) else {
            message = "s steps one event; ? lists every key; l picks a lesson"
            return
        }
        let what = EventText.describe(log[first], in: log)
        message = "c: first teaching moment, step \(first + 1) (\(what)) · ? keys · l lessons"
    }
}

/// The lesson picker: every lesson with its summary; for the one under the
/// bar, what to watch and at which step.
struct LessonOverlay {
    let picker: LessonPicker
    let selected: Int
    let current: String

    func draw(on screen: Screen) {
        let width = max(20, screen.size.width - 10)
        let nameW = picker.lessons.map(\.name.count).max() ?? 10
        var lines: [(String, Style)] = [("j/k or ↑/↓ choose, Enter opens, Esc closes", .dim)]
        for (k, lesson) in picker.lessons.enumerated() {
            let mark = k == selected ? Glyphs.marker : " "
            let here = lesson.name == current ? " (open)" : ""
            lines.append((Canvas.fit("\(mark) " + Canvas.pad(lesson.name, nameW) + "  " + lesson.summary + here, width),
                          k == selected ? Style.cursor.bolded : .plain))
        }
        lines.append(("Watch in \(picker.lessons[selected].name) (c goes from moment to moment):", .note.bolded))
        for h in picker.highlights(selected) { lines.append((Canvas.fit("  " + h.line, width), .plain)) }
        OverlayBox(title: "lessons", lines: lines).draw(on: screen)
    }
}
