import ESIMKit

/// `carrier fields` as a table: a row per carrier, a column per question.
enum FieldMatrixRenderer {
    static func symbol(_ cell: FieldMatrix.Cell) -> String {
        switch cell {
        case .proven: "●"
        case .exposed: "○"
        case .notExposed: "–"
        case .unknown: "·"
        }
    }

    static let legend = "● proven by a saved page  ○ on the page, not yet proven  – not on the pages  · unknown (no spec says)"

    static func text(_ matrix: FieldMatrix) -> [String] {
        let names = matrix.rows.map { "\($0.carrierName) (\($0.carrierID))" }
        let first = max(names.map(\.count).max() ?? 0, "carrier".count)
        let titles = FieldMatrix.Column.allCases.map(\.title)
        var lines = ["carrier".padding(first) + "  " + titles.joined(separator: "  ")]
        for (row, name) in zip(matrix.rows, names) {
            let cells = zip(FieldMatrix.Column.allCases, titles).map { column, title in
                symbol(row.cell(column)).padding(title.count)
            }
            var line = name.padding(first) + "  " + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        lines.append("")
        lines.append(legend)
        lines.append(matrix.fixtureCount == 0
            ? "No saved pages were given (--samples), so nothing is proven."
            : "Proven by \(matrix.fixtureCount) saved pages' expected readings.")
        return lines
    }

    static func markdown(_ matrix: FieldMatrix) -> [String] {
        let titles = FieldMatrix.Column.allCases.map(\.title)
        var lines = ["| carrier | " + titles.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: ":-:|", count: titles.count)]
        for row in matrix.rows {
            let cells = FieldMatrix.Column.allCases.map { symbol(row.cell($0)) }
            lines.append("| \(row.carrierName) (`\(row.carrierID)`) | " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(legend)
        return lines
    }
}
