import ESIMMarkup

/// A field of a compiled page: its rules in order, and how the texts they find are read as
/// the field's value.
final class CompiledField {
    let spec: FieldSpec
    let rules: [CompiledRule]

    init(_ spec: FieldSpec, file: String) throws(SpecError) {
        self.spec = spec
        var rules: [CompiledRule] = []
        for rule in spec.rules { rules.append(try CompiledRule(rule, file: file, line: spec.line)) }
        self.rules = rules
    }

    struct Outcome {
        var value: ExtractedValue?
        var diagnostics: [SnapshotDiagnostic] = []
    }

    /// Tries the rules in order. The first rule whose text reads as a valid value wins;
    /// text that does not read is remembered and reported only if no rule succeeds.
    func extract(from scope: Scope, context: PageContext, reference: CalendarDate?, lineIndex: Int?) -> Outcome {
        let field = spec.field
        var outcome = Outcome()
        var unreadable: (raw: String, message: String, rule: Int)?
        for (index, rule) in rules.enumerated() {
            let found: [(text: String, line: Int)]
            do {
                found = try rule.texts(in: scope, context: context)
            } catch {
                outcome.diagnostics.append(SnapshotDiagnostic(.ruleFailed, "\(field.rawValue): rule \(index + 1) (\(rule.rule.summary)): \(error.message)",
                                                              field: field, lineIndex: lineIndex))
                continue
            }
            var winner: ExtractedValue?
            for (position, item) in found.enumerated() {
                // Responsive copies usually repeat the text exactly: read each text once.
                if found[..<position].contains(where: { $0.text == item.text }) { continue }
                // `N/A`, `--`, `0000-00-00`: the page says it has no value here.
                if spec.kind != .text, FieldValueReader.isPlaceholder(item.text) { continue }
                let value: SnapshotValue
                do {
                    value = try FieldValueReader.read(item.text, kind: spec.kind, field: field, unit: rule.rule.unit,
                                                      currency: rule.rule.currency, language: rule.rule.language, reference: reference)
                } catch {
                    if unreadable == nil { unreadable = (item.text, error.description, index) }
                    continue
                }
                if let winner {
                    if winner.value != value {
                        outcome.diagnostics.append(SnapshotDiagnostic(.conflictingValues,
                            "\(field.rawValue): the page shows '\(winner.value.canonicalText)' (line \(winner.line)) and '\(value.canonicalText)' (line \(item.line)); the first is used",
                            field: field, lineIndex: lineIndex))
                        break
                    }
                } else {
                    var raw = item.text
                    if field.isMasked {
                        // A masked text value is the (already trimmed) text masked: mask once.
                        if case .text(let masked) = value, rule.rule.unit == nil, rule.rule.currency == nil {
                            raw = masked
                        } else {
                            raw = NumberMasking.mask(item.text)
                        }
                    }
                    winner = ExtractedValue(field: field, value: value, raw: raw, ruleIndex: index, rule: rule.summary, line: item.line)
                }
            }
            if let winner {
                outcome.value = winner
                break
            }
        }
        if let value = outcome.value {
            if spec.status == .notExposed {
                outcome.diagnostics.append(SnapshotDiagnostic(.unexpectedValue,
                    "\(field.rawValue): the spec says the page does not show it, yet rule \(value.ruleIndex + 1) found '\(value.value.canonicalText)'",
                    field: field, lineIndex: lineIndex))
            }
        } else if let unreadable {
            let raw = field.isMasked ? NumberMasking.mask(unreadable.raw) : unreadable.raw
            outcome.diagnostics.append(SnapshotDiagnostic(.unparseable,
                "\(field.rawValue): '\(raw.prefix(80))' is not a valid \(spec.kind.rawValue): \(unreadable.message) (rule \(unreadable.rule + 1))",
                field: field, lineIndex: lineIndex))
        } else if spec.status == .required {
            outcome.diagnostics.append(SnapshotDiagnostic(.missingRequired, "\(field.rawValue): not found (\(rules.count) rule\(rules.count == 1 ? "" : "s") tried)",
                                                          field: field, lineIndex: lineIndex))
        }
        return outcome
    }
}
