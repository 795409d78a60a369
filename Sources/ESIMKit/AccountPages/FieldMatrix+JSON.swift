/// The JSON form of the matrix, as `esimtool carrier fields --format json` prints it:
/// `{"columns": [...], "fixtures": N, "carriers": [{"id", "name", "country",
/// "cells": {"balance": "proven", ...}, "pages": [{"page", "field", "status", "proven"}],
/// "savedPages": [...]}]}`.
extension FieldMatrix: Encodable {
    enum Key: String, CodingKey {
        case columns, fixtures, carriers
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(Column.allCases.map(\.rawValue), forKey: .columns)
        try container.encode(fixtureCount, forKey: .fixtures)
        try container.encode(rows, forKey: .carriers)
    }
}

extension FieldMatrix.Row: Encodable {
    enum Key: String, CodingKey {
        case id, name, country, cells, pages, savedPages
    }

    /// The cells as an object keyed by column, in column order.
    struct Cells: Encodable {
        var row: FieldMatrix.Row

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            for column in FieldMatrix.Column.allCases {
                try container.encode(row.cell(column).rawValue, forKey: AnyKey(column.rawValue))
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(carrierID, forKey: .id)
        try container.encode(carrierName, forKey: .name)
        try container.encode(country, forKey: .country)
        try container.encode(Cells(row: self), forKey: .cells)
        try container.encode(fields, forKey: .pages)
        try container.encode(fixturePages, forKey: .savedPages)
    }
}
