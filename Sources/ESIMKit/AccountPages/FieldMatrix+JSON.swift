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

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(carrierID, forKey: .id)
        try container.encode(carrierName, forKey: .name)
        try container.encode(country, forKey: .country)
        // The cells as an object keyed by column, in column order.
        try container.encode(JSONFields(FieldMatrix.Column.allCases.map { ($0.rawValue, cell($0).rawValue) }), forKey: .cells)
        try container.encode(fields, forKey: .pages)
        try container.encode(fixturePages, forKey: .savedPages)
    }
}
