import CLibXML2

/// Builds a ``PageLayout`` in one walk of libxml2's tree, without recursion.
struct LayoutBuilder {
    let storage: DocumentStorage
    var lines: [PageLayout.TextLine] = []
    var tables: [PageLayout.Table] = []
    var meters: [PageLayout.Meter] = []

    /// The line being filled.
    private var text: [UInt8] = []
    private var pieces: [PageLayout.Piece] = []
    private var pendingSpace = false
    /// The innermost block element around the text being read.
    private var blocks: [xmlNodePtr] = []

    /// Tables being read (a table inside a cell nests); each with its rows so far.
    private var openTables: [(element: xmlNodePtr, rows: [[PageLayout.Cell]], hasHeaderCells: Bool)] = []
    /// The row being read: its cells, and the cell whose text is being collected.
    private var row: [PageLayout.Cell]?
    private var cellText: [UInt8] = []
    private var cellColumn = 0
    private var cellDepth = 0

    init(storage: DocumentStorage) {
        self.storage = storage
    }

    private func node(_ pointer: xmlNodePtr) -> MarkupNode { MarkupNode(storage: storage, pointer: pointer) }

    // MARK: The walk

    /// Walks `scope`'s subtree in document order, calling ``enter(_:)`` and ``leave(_:)``.
    mutating func walk(_ scope: xmlNodePtr) {
        if let block = scope.pointee.type == XML_ELEMENT_NODE ? scope : nil { blocks.append(block) }
        var current = scope.pointee.children
        while let pointer = current {
            if lines.count >= PageLayout.maximumLines { return }
            var descend = false
            switch pointer.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                appendText(pointer)
            case XML_ELEMENT_NODE:
                descend = enter(pointer)
            default:
                break
            }
            if descend, let child = pointer.pointee.children {
                current = child
                continue
            }
            if descend { leave(pointer) }
            // Up until a next sibling, leaving each element on the way.
            var climb = pointer
            current = nil
            while true {
                if let next = climb.pointee.next {
                    current = next
                    break
                }
                guard let parent = climb.pointee.parent, parent != scope else { break }
                if parent.pointee.type == XML_ELEMENT_NODE { leave(parent) }
                climb = parent
            }
        }
    }

    /// Starts an element; `false` when its content is hidden (it is then skipped whole).
    private mutating func enter(_ element: xmlNodePtr) -> Bool {
        let kind = ElementKind(element)
        if kind == .hidden || Self.isHidden(element) { return false }
        recordMeter(element)
        if kind == .lineBreak {
            if cellDepth > 0 { pendingSpace = true } else { breakLine() }
            return false
        }
        if cellDepth > 0 {
            // Inside a cell everything runs together (a table in it too); blocks only
            // separate words.
            cellDepth += 1
            if kind != .inline { pendingSpace = true }
            return true
        }
        switch kind {
        case .table:
            breakLine()
            openTables.append((element, [], false))
            blocks.append(element)
        case .row where !openTables.isEmpty && row == nil:
            breakLine()
            row = []
            cellColumn = 0
            blocks.append(element)
        case .cell where row != nil && cellDepth == 0:
            cellDepth = 1
            cellText = []
            pendingSpace = false
        case .block, .row, .cell:
            breakLine()
            blocks.append(element)
        case .inline, .hidden, .lineBreak:
            break
        }
        return true
    }

    private mutating func leave(_ element: xmlNodePtr) {
        let kind = ElementKind(element)
        if cellDepth > 1 {
            cellDepth -= 1
            if kind != .inline { pendingSpace = true }
            return
        }
        if cellDepth == 1, kind == .cell {
            cellDepth = 0
            finishCell(element)
            return
        }
        switch kind {
        case .row where row != nil && blocks.last == element:
            finishRow(element)
            blocks.removeLast()
        case .table where openTables.last?.element == element:
            breakLine()
            let table = openTables.removeLast()
            if !table.rows.isEmpty {
                let header = Self.headerRow(table.rows, hasHeaderCells: table.hasHeaderCells)
                tables.append(PageLayout.Table(element: node(element), rows: table.rows, headerRow: header))
            }
            blocks.removeLast()
        case .block, .row, .cell:
            breakLine()
            if blocks.last == element { blocks.removeLast() }
            if kind == .block { detectGrid(element) }
        default:
            break
        }
    }

    // MARK: Text

    private mutating func appendText(_ pointer: xmlNodePtr) {
        guard let content = pointer.pointee.content else { return }
        if cellDepth > 0 {
            Self.fold(content, into: &cellText, pendingSpace: &pendingSpace)
            return
        }
        let start = text.count
        // Two elements' texts that meet between letters or digits are two words
        // (`Current Bundle<span>up to…`): a page's style sets them apart.
        if let last = text.last, Self.isWordByte(last), let parent = pointer.pointee.parent, pieces.last?.element.pointer != parent,
           Self.isWordByte(content[0]) {
            pendingSpace = true
        }
        Self.fold(content, into: &text, pendingSpace: &pendingSpace)
        guard text.count > start, let parent = pointer.pointee.parent else { return }
        // The piece starts at its first letter, past a space put in before it.
        let first = text[start] == 0x20 && start > 0 ? start + 1 : start
        pieces.append(PageLayout.Piece(element: node(parent), range: first..<text.count))
    }

    /// An ASCII letter or digit, or a byte of a non-ASCII scalar.
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
    }

    /// Appends NUL-terminated UTF-8 with white space folded: a run of spaces (ASCII, no-break
    /// and the other Unicode spaces) becomes one space before the next word, nothing at the
    /// start; zero-width characters are dropped.
    static func fold(_ content: UnsafePointer<xmlChar>, into output: inout [UInt8], pendingSpace: inout Bool) {
        var index = 0
        while content[index] != 0 {
            let byte = content[index]
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = true
                } else {
                    if pendingSpace && !output.isEmpty { output.append(0x20) }
                    pendingSpace = false
                    output.append(byte)
                }
                index += 1
                continue
            }
            let length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var complete = true
            for offset in 1..<length {
                let next = content[index + offset]
                guard next & 0xC0 == 0x80 else { complete = false; break }
                value = value << 6 | UInt32(next & 0x3F)
            }
            guard complete else {
                index += 1
                continue
            }
            if let scalar = Unicode.Scalar(value), TextNormalization.isSpace(scalar) {
                pendingSpace = true
            } else if let scalar = Unicode.Scalar(value), TextNormalization.isInvisible(scalar) {
                // dropped
            } else {
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                for offset in 0..<length { output.append(content[index + offset]) }
            }
            index += length
        }
    }

    /// Ends the line being filled (if it has text).
    private mutating func breakLine() {
        pendingSpace = false
        guard !text.isEmpty, let block = blocks.last else {
            text.removeAll(keepingCapacity: true)
            pieces.removeAll(keepingCapacity: true)
            return
        }
        lines.append(PageLayout.TextLine(text: String(decoding: text, as: UTF8.self), pieces: pieces, block: node(block), cells: []))
        text.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
    }

    mutating func flush() {
        breakLine()
    }

    // MARK: Tables

    private mutating func finishCell(_ element: xmlNodePtr) {
        pendingSpace = false
        let span = max(1, min(64, Int(Self.attribute(element, "colspan").flatMap { Int($0) } ?? 1)))
        let isHeader = Self.hasName(element, "th")
        if isHeader, !openTables.isEmpty { openTables[openTables.count - 1].hasHeaderCells = true }
        let cell = PageLayout.Cell(text: String(decoding: cellText, as: UTF8.self), element: node(element), column: cellColumn,
                                   isHeader: isHeader)
        row?.append(cell)
        cellColumn += span
        cellText.removeAll(keepingCapacity: true)
    }

    private mutating func finishRow(_ element: xmlNodePtr) {
        guard let cells = row else { return }
        row = nil
        guard cells.contains(where: { !$0.text.isEmpty }) else { return }
        if !openTables.isEmpty { openTables[openTables.count - 1].rows.append(cells) }
        // The row is also a line: its cells joined by " | ", each cell a piece.
        var bytes: [UInt8] = []
        var rowPieces: [PageLayout.Piece] = []
        for cell in cells where !cell.text.isEmpty {
            if !bytes.isEmpty { bytes += Array(" | ".utf8) }
            let start = bytes.count
            bytes += Array(cell.text.utf8)
            rowPieces.append(PageLayout.Piece(element: cell.element, range: start..<bytes.count))
        }
        lines.append(PageLayout.TextLine(text: String(decoding: bytes, as: UTF8.self), pieces: rowPieces, block: node(element),
                                         cells: cells))
    }

    /// The header row: the first row of `th` cells, else a first row of words only (no
    /// digits) over rows that hold digits.
    static func headerRow(_ rows: [[PageLayout.Cell]], hasHeaderCells: Bool) -> Int? {
        if hasHeaderCells, let index = rows.firstIndex(where: { row in row.allSatisfy(\.isHeader) }) { return index }
        guard rows.count >= 2, let first = rows.first, first.count >= 2,
              first.allSatisfy({ !$0.text.isEmpty && !$0.text.utf8.contains(where: { $0 &- 0x30 < 10 }) }),
              rows.dropFirst().contains(where: { $0.contains { $0.text.utf8.contains(where: { $0 &- 0x30 < 10 }) } }) else { return nil }
        return 0
    }

    /// A block whose element children (two or more, of one name) each hold the same number
    /// (2–8) of blocks laid out one per line, like a table's rows and cells: kept as a table.
    private mutating func detectGrid(_ element: xmlNodePtr) {
        guard row == nil, cellDepth == 0 else { return }
        var children: [xmlNodePtr] = []
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                guard children.isEmpty || xmlStrEqual(children[0].pointee.name, current.pointee.name) != 0, children.count < 200 else { return }
                children.append(current)
            }
            child = current.pointee.next
        }
        guard children.count >= 2 else { return }
        var width: Int?
        var rows: [[PageLayout.Cell]] = []
        for rowElement in children {
            var cells: [PageLayout.Cell] = []
            var cell = rowElement.pointee.children
            while let current = cell {
                if current.pointee.type == XML_ELEMENT_NODE {
                    guard ElementKind(current) == .block, cells.count < 8,
                          let text = Self.leafText(current, limit: Self.maximumGridCellBytes) else { return }
                    cells.append(PageLayout.Cell(text: text, element: node(current), column: cells.count, isHeader: false))
                }
                cell = current.pointee.next
            }
            guard cells.count >= 2, width == nil || width == cells.count else { return }
            width = cells.count
            rows.append(cells)
        }
        let filled = rows.reduce(0) { $0 + $1.filter { !$0.text.isEmpty }.count }
        guard filled * 2 >= rows.count * (width ?? 0) else { return }
        tables.append(PageLayout.Table(element: node(element), rows: rows, headerRow: Self.headerRow(rows, hasHeaderCells: false)))
    }

    /// The longest text a grid cell may hold.
    static let maximumGridCellBytes = 200

    /// The visible text under an element, folded, in one line; `nil` when a block is
    /// inside it, or its text or markup runs past `limit` (it is then no grid cell).
    static func leafText(_ element: xmlNodePtr, limit: Int) -> String? {
        text(under: element, limit: limit, cell: true)
    }

    /// The visible text under an element, folded, in one line, its first 500 bytes (for a
    /// meter's label; blocks inside it separate words).
    static func labelText(_ element: xmlNodePtr) -> String {
        text(under: element, limit: 500, cell: false) ?? ""
    }

    /// One walk for both: a grid cell refuses blocks and more than `limit` (nodes or
    /// bytes), a label stops at `limit` bytes.
    private static func text(under element: xmlNodePtr, limit: Int, cell: Bool) -> String? {
        var output: [UInt8] = []
        var pending = false
        var visited = 0
        var current = element.pointee.children
        while let pointer = current {
            visited += 1
            if cell {
                guard visited <= limit, output.count <= limit else { return nil }
            } else if output.count >= limit {
                break
            }
            var descend = false
            switch pointer.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = pointer.pointee.content { fold(content, into: &output, pendingSpace: &pending) }
            case XML_ELEMENT_NODE:
                let kind = ElementKind(pointer)
                if cell, kind != .inline && kind != .hidden && kind != .lineBreak { return nil }
                descend = kind != .hidden && kind != .lineBreak && !isHidden(pointer)
                if kind != .inline { pending = true }
            default:
                break
            }
            if descend, let child = pointer.pointee.children {
                current = child
                continue
            }
            current = TreeWalk.next(after: pointer, within: element)
        }
        return !cell || output.count <= limit ? String(decoding: output, as: UTF8.self) : nil
    }

    // MARK: Meters

    private mutating func recordMeter(_ element: xmlNodePtr) {
        var isMeter = Self.hasName(element, "progress") || Self.hasName(element, "meter")
        if !isMeter {
            var attribute = element.pointee.properties
            while let current = attribute, !isMeter {
                if let name = current.pointee.name, xmlStrEqual(name, "role") != 0 {
                    let value = current.pointee.children?.pointee.content
                    isMeter = Self.equalsIgnoringCase(value, "progressbar") || Self.equalsIgnoringCase(value, "meter")
                }
                attribute = current.pointee.next
            }
        }
        guard isMeter else { return }
        var label = Self.attribute(element, "aria-label")
        if label == nil, let id = Self.attribute(element, "aria-labelledby")?.split(separator: " ").first {
            label = Self.element(withID: String(id), in: element).map(Self.labelText)
        }
        meters.append(PageLayout.Meter(element: node(element), value: Self.attribute(element, "value") ?? Self.attribute(element, "aria-valuenow"),
                                       maximum: Self.attribute(element, "max") ?? Self.attribute(element, "aria-valuemax"),
                                       valueText: Self.attribute(element, "aria-valuetext"), label: label))
    }

    /// The element with id `id` in the document of `element`.
    static func element(withID id: String, in element: xmlNodePtr) -> xmlNodePtr? {
        guard let document = element.pointee.doc, let root = xmlDocGetRootElement(document) else { return nil }
        if attribute(root, "id") == id { return root }
        var found: xmlNodePtr?
        TreeWalk.elements(under: root) { candidate in
            if attribute(candidate, "id") == id { found = candidate; return false }
            return true
        }
        return found
    }

    // MARK: Elements

    static func attribute(_ element: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(element, name) else { return nil }
        defer { esim_xmlFree(value) }
        return String(cString: value)
    }

    static func hasName(_ element: xmlNodePtr, _ name: StaticString) -> Bool {
        guard let own = element.pointee.name else { return false }
        let bytes = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for (index, byte) in bytes.enumerated() where own[index] != byte { return false }
        return own[bytes.count] == 0
    }

    /// `hidden`, `aria-hidden="true"`, or `display:none` / `visibility:hidden` inline.
    /// Reads the attributes' values in place (no strings are made for most elements).
    static func isHidden(_ element: xmlNodePtr) -> Bool {
        var attribute = element.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let name = current.pointee.name else { continue }
            let value = current.pointee.children?.pointee.content
            switch name[0] {
            case UInt8(ascii: "h") where xmlStrEqual(name, "hidden") != 0:
                return !equalsIgnoringCase(value, "until-found")
            case UInt8(ascii: "a") where xmlStrEqual(name, "aria-hidden") != 0:
                if equalsIgnoringCase(value, "true") { return true }
            case UInt8(ascii: "s") where xmlStrEqual(name, "style") != 0:
                if let value, styleHides(value) { return true }
            default:
                continue
            }
        }
        return false
    }

    /// Whether a NUL-terminated value equals lower-case ASCII `word`, ignoring case and
    /// surrounding spaces.
    static func equalsIgnoringCase(_ value: UnsafePointer<xmlChar>?, _ word: StaticString) -> Bool {
        guard var cursor = value else { return false }
        while cursor.pointee == 0x20 { cursor += 1 }
        let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in bytes {
            guard cursor.pointee != 0, cursor.pointee | 0x20 == byte || cursor.pointee == byte else { return false }
            cursor += 1
        }
        while cursor.pointee == 0x20 { cursor += 1 }
        return cursor.pointee == 0
    }

    /// Whether a style attribute holds `display:none` or `visibility:hidden` (spaces and
    /// case ignored).
    static func styleHides(_ value: UnsafePointer<xmlChar>) -> Bool {
        var compact: [UInt8] = []
        var index = 0
        while value[index] != 0, compact.count < 4096 {
            let byte = value[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { compact.append(byte &- 0x41 < 26 ? byte | 0x20 : byte) }
            index += 1
        }
        func contains(_ needle: StaticString) -> Bool {
            let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
            guard compact.count >= pattern.count else { return false }
            for start in 0...(compact.count - pattern.count) where compact[start] == pattern[0] {
                if (1..<pattern.count).allSatisfy({ compact[start + $0] == pattern[$0] }) { return true }
            }
            return false
        }
        return contains("display:none") || contains("visibility:hidden")
    }
}

/// How an element takes part in the layout.
enum ElementKind: Equatable {
    /// Its text runs on in the line around it.
    case inline
    /// It starts and ends a line (`div`, `p`, `li`, headings …).
    case block
    case lineBreak
    case table
    case row
    /// `td` or `th`.
    case cell
    /// Never shown (`script`, `style`, `head` …).
    case hidden

    init(_ element: xmlNodePtr) {
        guard let name = element.pointee.name else {
            self = .inline
            return
        }
        // Lower-case names as libxml2's HTML parser stores them; at most 10 bytes matter.
        var key: UInt64 = 0
        var length = 0
        while name[length] != 0 {
            guard length < 8 else {
                self = Self.longNames(name)
                return
            }
            key |= UInt64(name[length] | 0x20) << (8 * UInt64(length))
            length += 1
        }
        self = Self.byName[key] ?? .inline
    }

    private static func longNames(_ name: UnsafePointer<xmlChar>) -> ElementKind {
        let text = String(cString: name).lowercased()
        return ["blockquote", "figcaption"].contains(text) ? .block : .inline
    }

    private static let byName: [UInt64: ElementKind] = {
        var result: [UInt64: ElementKind] = [:]
        func key(_ name: String) -> UInt64 {
            var value: UInt64 = 0
            for (index, byte) in name.utf8.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) }
            return value
        }
        for name in ["address", "article", "aside", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
                     "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
                     "html", "legend", "li", "main", "menu", "nav", "ol", "optgroup", "option", "p", "pre", "section",
                     "summary", "ul", "caption", "tbody", "thead", "tfoot", "select", "textarea"] {
            result[key(name)] = .block
        }
        for name in ["head", "script", "style", "noscript", "template", "svg", "title", "iframe", "object", "canvas"] {
            result[key(name)] = .hidden
        }
        result[key("br")] = .lineBreak
        result[key("table")] = .table
        result[key("tr")] = .row
        result[key("td")] = .cell
        result[key("th")] = .cell
        return result
    }()
}
