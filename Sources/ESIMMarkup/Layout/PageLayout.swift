/// The text of a page as a person sees it, laid out the way a browser's `innerText` lays it
/// out: inline elements joined into one line, block elements and `<br>` breaking lines,
/// hidden content left out. Each piece of a line still points at its element and source
/// line; tables (and lists of blocks laid out as a grid) are kept as rows of cells that
/// know their header, and meters (`<progress>`, `<meter>`, `role="progressbar"`) as values.
///
/// Texts of two elements that meet between letters or digits are kept apart by a space
/// (`Current Bundle<span>up to 50Mbps</span>` is two phrases, as the page's style shows
/// them); `<span>232</span><span>GB</span>` reads `232 GB`.
///
/// Hidden: `head`, `script`, `style`, `noscript`, `template`, `svg`, elements with the
/// `hidden` attribute, `aria-hidden="true"`, or `display:none` / `visibility:hidden` in
/// their `style` attribute. Style sheets are not applied: what a class hides stays in.
public struct PageLayout {
    /// A run of text from one element.
    public struct Piece {
        /// The element holding the text (the text node's parent).
        public var element: MarkupNode
        /// Where the piece sits in its line's ``TextLine/text``, in UTF-8 bytes.
        public var range: Range<Int>

        public init(element: MarkupNode, range: Range<Int>) {
            self.element = element
            self.range = range
        }
    }

    /// One line of visible text.
    public struct TextLine {
        /// The text, white space folded to single spaces; table cells are joined by " | ".
        public var text: String
        public var pieces: [Piece]
        /// The block element that holds the line (a `p`, `div`, `li`, `tr`…).
        public var block: MarkupNode
        /// For a table row: the cells, in order (also in ``text``).
        public var cells: [Cell]
        public init(text: String, pieces: [Piece], block: MarkupNode, cells: [Cell]) {
            self.text = text
            self.pieces = pieces
            self.block = block
            self.cells = cells
        }

        /// The 1-based source line of the line's first piece.
        public var sourceLine: Int {
            pieces.first?.element.line ?? block.line
        }

        /// The piece holding byte `offset` of ``text`` (the last one before it otherwise).
        public func piece(at offset: Int) -> Piece? {
            pieces.last { $0.range.lowerBound <= offset } ?? pieces.first
        }
    }

    /// A table cell, or a block in a row of a grid.
    public struct Cell {
        public var text: String
        public var element: MarkupNode
        /// The column, counting spanned columns.
        public var column: Int
        public var isHeader: Bool
    }

    /// A table, or a list of sibling blocks that each hold the same number of blocks (a
    /// grid laid out as rows and columns).
    public struct Table {
        public var element: MarkupNode
        /// The rows in order, header rows included.
        public var rows: [[Cell]]
        /// The row that names the columns (`th` cells, or a first row of words only).
        public var headerRow: Int?

        /// The header cell's text over `column`, if the table has a header.
        public func header(forColumn column: Int) -> String? {
            guard let headerRow else { return nil }
            return rows[headerRow].last { $0.column <= column }.flatMap { $0.column == column ? $0.text : nil }
        }
    }

    /// A `<progress>`, `<meter>` or an element with `role="progressbar"` or `"meter"`.
    public struct Meter {
        public var element: MarkupNode
        /// `value` / `aria-valuenow`, as written.
        public var value: String?
        /// `max` / `aria-valuemax`, as written.
        public var maximum: String?
        /// `aria-valuetext`: the value as words (`3.2 GB of 10 GB`).
        public var valueText: String?
        /// `aria-label`, or the text of the element `aria-labelledby` names.
        public var label: String?
    }

    public private(set) var lines: [TextLine] = []
    public private(set) var tables: [Table] = []
    public private(set) var meters: [Meter] = []

    /// The most lines kept; the rest of a page beyond it is not laid out.
    public static let maximumLines = 50_000

    /// Lays out the visible text under `node` (a document or an element).
    public init(_ node: MarkupNode) {
        var builder = LayoutBuilder(storage: node.storage)
        builder.walk(node.pointer)
        builder.flush()
        lines = builder.lines
        tables = builder.tables
        meters = builder.meters
    }
}
