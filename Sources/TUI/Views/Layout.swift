/// The panes a frame shows.
public enum PaneKind: String, CaseIterable, Sendable {
    case tree, explain, neighbours, netfilter, packet, wire

    public var title: String {
        switch self {
        case .tree: "Call tree"
        case .explain: "Explain"
        case .neighbours: "Neighbours"
        case .netfilter: "Netfilter"
        case .packet: "Packet"
        case .wire: "Wire"
        }
    }
}

/// Where each pane goes for a terminal size. From 80x24 up: the call tree and
/// explain always; the other four share one detail slot (Tab) until the
/// terminal is wide and tall enough to give each its own place.
public struct Layout: Equatable, Sendable {
    public static let minimum = Size(width: 80, height: 24)

    public var pinned: [PaneKind: Rect] = [:]
    /// The slot that shows the chosen one of ``detailCandidates``.
    public var detailSlot: Rect?
    public var detailCandidates: [PaneKind] = []
    /// Column of the line between the two columns, in the wide layouts.
    public var separator: Int?
    /// The classroom's caption band (presenter layout only).
    public var caption: Rect?
    public var size: Size

    /// The projector layout: fewer, larger panes. The call tree, the one
    /// detail pane that matters for the current moment, and a caption band
    /// across the bottom. nil below ``minimum``.
    public static func presenter(for size: Size) -> Layout? {
        guard size.width >= minimum.width, size.height >= minimum.height else { return nil }
        var layout = Layout(size: size)
        let top = 1, bodyHeight = size.height - 2
        let caption = size.height >= 30 ? 7 : 6
        layout.detailCandidates = [.neighbours, .netfilter, .wire, .packet]
        if size.width >= 100 {
            let left = size.width / 2
            layout.pinned[.tree] = Rect(row: top, col: 0, width: left, height: bodyHeight - caption)
            layout.separator = left
            layout.detailSlot = Rect(row: top, col: left + 1, width: size.width - left - 1, height: bodyHeight - caption)
        } else {
            let detail = 8
            layout.pinned[.tree] = Rect(row: top, col: 0, width: size.width, height: bodyHeight - caption - detail)
            layout.detailSlot = Rect(row: top + bodyHeight - caption - detail, col: 0, width: size.width, height: detail)
        }
        layout.caption = Rect(row: top + bodyHeight - caption, col: 0, width: size.width, height: caption)
        return layout
    }

    /// nil when the terminal is below ``minimum``.
    public static func make(for size: Size) -> Layout? {
        guard size.width >= minimum.width, size.height >= minimum.height else { return nil }
        var layout = Layout(size: size)
        let top = 1, bodyHeight = size.height - 2
        if size.width < 130 {
            let detail = min(14, max(8, bodyHeight * 36 / 100))
            let explain = bodyHeight >= 30 ? 6 : 5
            let tree = bodyHeight - detail - explain
            layout.pinned[.tree] = Rect(row: top, col: 0, width: size.width, height: tree)
            layout.pinned[.explain] = Rect(row: top + tree, col: 0, width: size.width, height: explain)
            layout.detailSlot = Rect(row: top + tree + explain, col: 0, width: size.width, height: detail)
            layout.detailCandidates = [.neighbours, .netfilter, .packet, .wire]
            return layout
        }
        let right = min(78, size.width * 45 / 100), left = size.width - right - 1
        let explain = bodyHeight >= 30 ? 7 : 6
        layout.pinned[.tree] = Rect(row: top, col: 0, width: left, height: bodyHeight - explain)
        layout.pinned[.explain] = Rect(row: top + bodyHeight - explain, col: 0, width: left, height: explain)
        layout.separator = left
        let rc = left + 1
        let neighbours = 7, netfilter = 8
        layout.pinned[.neighbours] = Rect(row: top, col: rc, width: right, height: neighbours)
        layout.pinned[.netfilter] = Rect(row: top + neighbours, col: rc, width: right, height: netfilter)
        let rest = bodyHeight - neighbours - netfilter
        if rest >= 20 {
            let packet = max(11, rest / 2)
            layout.pinned[.wire] = Rect(row: top + neighbours + netfilter, col: rc, width: right, height: rest - packet)
            layout.pinned[.packet] = Rect(row: top + bodyHeight - packet, col: rc, width: right, height: packet)
        } else {
            layout.detailSlot = Rect(row: top + neighbours + netfilter, col: rc, width: right, height: rest)
            layout.detailCandidates = [.wire, .packet]
        }
        return layout
    }
}
