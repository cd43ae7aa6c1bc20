import Export
import Scenarios
import Tracing

/// A live run is a trace source: it grows one task per `step()`.
extension Run: TraceSource {}

extension Session {
    /// A session on a live run of `scenario`: what-ifs re-run the scenario
    /// with edits, and `e` writes the Export module's text formats.
    /// - Parameters:
    ///   - exportDirectory: where `e` writes its files.
    ///   - lessons: the lessons `l` offers (all the built-in ones unless given).
    public static func live(_ scenario: Scenario, exportDirectory: String = ".", lessons: LessonPicker? = nil) -> Session {
        let session = Session(
            source: scenario.makeRun(),
            scenarioName: scenario.name,
            rerun: { edits in
                var edited = scenario
                edited.whatIfs = scenario.whatIfs + edits
                return edited.makeRun()
            },
            exporter: Exporter(directory: exportDirectory) { log, format in
                try TraceExport.renderText(log, format: format)
            })
        session.lessonPicker = lessons ?? LessonPicker(lessons: Scenario.builtIn, exportDirectory: exportDirectory)
        return session
    }
}
