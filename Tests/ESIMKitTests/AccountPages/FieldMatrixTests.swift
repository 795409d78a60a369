import Testing
@testable import ESIMKit

@Suite("FieldMatrix")
struct FieldMatrixTests {
    static let spec = """
    id: acme
    name: Acme Wireless
    country: us
    pages:
      overview:
        fields:
          amountDue: {status: required, css: ".due"}
          balance: {status: notExposed}
          dueDate: {status: optional, css: ".date"}
        lines:
          each: {css: "li.line"}
          fields:
            dataUsed: {status: required, css: ".used"}
      prepaid:
        fields:
          balance: {status: required, css: ".balance"}
    """

    static func matrix(fixtures: [ExpectedSnapshot]) throws -> FieldMatrix {
        let (carrier, pages) = try CarrierSpec.parseDocument(Self.spec, file: "acme.yaml")
        let other = Carrier(id: "other", name: "Other", country: "us", sources: [:], origin: .spec("other.yaml"))
        return FieldMatrix(carriers: [carrier, other], pageSpecs: [try #require(pages)], fixtures: fixtures)
    }

    @Test("cells: proven by an expected reading, exposed without one, not exposed, unknown")
    func cells() throws {
        let reading = ExpectedSnapshot(carrierID: "acme", pageKind: .overview, account: [.amountDue: "$10.00"],
                                       lines: [[.dataUsed: "1 GB"]])
        let matrix = try Self.matrix(fixtures: [reading])
        let acme = matrix.rows[0]
        #expect(acme.cell(.amountDue) == .proven)
        #expect(acme.cell(.dataUsed) == .proven, "a line field proves the column")
        #expect(acme.cell(.dueDate) == .exposed, "optional and not in the reading")
        // Not exposed on the overview, read on the prepaid page: the better of the two.
        #expect(acme.cell(.balance) == .exposed)
        #expect(acme.cell(.roaming) == .unknown)
        #expect(acme.fixturePages == [.overview])
        #expect(matrix.rows[1].cells.allSatisfy { $0 == .unknown }, "a carrier without page specs")
        #expect(matrix.fixtureCount == 1)
    }

    @Test("a reading of another carrier or page kind proves nothing")
    func otherReadings() throws {
        let readings = [ExpectedSnapshot(carrierID: "other", pageKind: .overview, account: [.amountDue: "$1.00"]),
                        ExpectedSnapshot(carrierID: "acme", pageKind: .bill, account: [.amountDue: "$1.00"])]
        let acme = try Self.matrix(fixtures: readings).rows[0]
        #expect(acme.cell(.amountDue) == .exposed)
        #expect(acme.fields.first { $0.field == .amountDue }?.proven == false)
    }

    @Test("a field the spec says is not exposed is never proven, even with a value")
    func notExposedNeverProven() throws {
        let reading = ExpectedSnapshot(carrierID: "acme", pageKind: .overview, account: [.balance: "$3.00"])
        let acme = try Self.matrix(fixtures: [reading]).rows[0]
        #expect(acme.fields.first { $0.page == .overview && $0.field == .balance }?.proven == false)
    }

    @Test("the JSON names every column for every carrier, in column order")
    func json() throws {
        let text = try OrderedJSONEncoder().encode(try Self.matrix(fixtures: []))
        #expect(text.hasPrefix(#"{"columns":["balance","amountDue","dueDate","cycle","plan","expires","dataUsed","dataLeft","dataAllowance","hotspot","roaming"],"fixtures":0,"carriers":[{"id":"acme","name":"Acme Wireless","country":"us","cells":{"balance":"exposed","amountDue":"exposed","#))
        #expect(text.contains(#"{"page":"overview","field":"balance","status":"notExposed","proven":false}"#))
    }

    @Test("the repository's saved pages prove the built-in specs' required fields")
    func repositorySamples() throws {
        let directory = PageSamples.directory
        let curated = try CuratedSpecs.load()
        let matrix = FieldMatrix(carriers: curated.carriers, pageSpecs: curated.pageSpecs,
                                 fixtures: try FieldMatrix.fixtures(in: directory))
        let att = try #require(matrix.rows.first { $0.carrierID == "att" })
        #expect(att.cell(.amountDue) == .proven)
        #expect(Set(att.fixturePages) == [.overview, .usage, .bill, .prepaid])
        for row in matrix.rows {
            for field in row.fields where field.status == .required && row.fixturePages.contains(field.page) {
                #expect(field.proven, "\(row.carrierID) \(field.page.rawValue) \(field.field.rawValue)")
            }
        }
    }
}
