// swift-tools-version:6.0
import PackageDescription

// `swift run kpath` builds in debug, where Swift code runs about 12x slower
// than optimised: the modules that simulate, index and draw are optimised in
// every configuration, so the README's command stays responsive on lessons of
// millions of events. The command-line and test targets keep debug settings.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

// Linux only: the terminal (ncursesw) and the file output code call Glibc
// directly; no other platform is built or tested.
//
// Module lines: the simulated kernel only emits events; everything
// that shows or exports reads the event log through Tracing, never the kernel.
let package = Package(
    name: "kpath",
    products: [
        .executable(name: "kpath", targets: ["kpath"]),
        .executable(name: "kpath-bench", targets: ["kpath-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Event types, the function catalogue, the Tracer and the Recorder.
        .target(name: "Tracing", swiftSettings: optimised),
        // The simulated stack; folders mirror the Linux tree.
        .target(name: "Kernel", dependencies: ["Tracing"], swiftSettings: optimised),
        // Lessons: scenario files (YAML) build a World and run it; the
        // built-in ones ship as resources in the same format.
        .target(name: "Scenarios", dependencies: ["Kernel", "Tracing", .product(name: "Yams", package: "Yams")],
                resources: [.copy("Lessons")], swiftSettings: optimised),
        // The classroom: questions derived from a lesson's log.
        .target(name: "Classroom", dependencies: ["Tracing"]),
        // Where bytes go: checked writes, files replaced atomically, devices
        // and FIFOs written in place, exports that never overwrite.
        .target(name: "Output"),
        // Text and file formats, written from the event log alone.
        .target(name: "Export", dependencies: ["Tracing"], swiftSettings: optimised),
        // ncursesw through a small C shim (macros and globals Swift cannot see).
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        // Pure view models folded from the log, plus the thin ncurses screen.
        .target(name: "TUI", dependencies: ["Tracing", "Export", "Scenarios", "Classroom", "Output", "CNcurses"],
                swiftSettings: optimised),
        .executableTarget(name: "kpath", dependencies: [
            "Tracing", "Kernel", "Scenarios", "Export", "TUI", "Classroom", "Output",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kpath-bench", dependencies: [
            "Tracing", "Kernel", "Scenarios", "Export", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "TracingTests", dependencies: ["Tracing"]),
        // Fixtures and the Traces/ goldens are read from the package tree (#filePath).
        .testTarget(name: "KernelTests", dependencies: ["Kernel", "Tracing", "Scenarios"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "Tracing"]),
        .testTarget(name: "ClassroomTests", dependencies: ["Classroom", "Scenarios", "Tracing"]),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Scenarios", "Tracing"], exclude: ["Fixtures"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Scenarios", "Tracing", "CNcurses"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Classroom", "Scenarios"]),
        .testTarget(name: "OutputTests", dependencies: ["Output"]),
    ]
)
