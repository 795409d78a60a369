import CLibXML2

/// Owns one libxml2 tree. Every ``MarkupNode`` holds a reference to it, so the tree
/// lives exactly as long as something can still reach it.
final class DocumentStorage {
    let pointer: xmlDocPtr
    let isHTML: Bool
    /// One XPath context for all queries on this document, made on the first query:
    /// a new context registers libxml2's whole function library, which costs more than
    /// most field queries. A document is used from one thread at a time (it is not
    /// `Sendable`), so sharing the context is safe.
    private var cachedContext: xmlXPathContextPtr?

    init(pointer: xmlDocPtr, isHTML: Bool) {
        self.pointer = pointer
        self.isHTML = isHTML
    }

    /// The document's XPath context, ready for a new evaluation (last error cleared).
    var xpathContext: xmlXPathContextPtr? {
        if let context = cachedContext {
            xmlResetError(&context.pointee.lastError)
            return context
        }
        guard let context = xmlXPathNewContext(pointer) else { return nil }
        // A structured handler keeps libxml2 from printing; errors are read back from
        // `lastError`, never from global state.
        context.pointee.error = { _, _ in }
        cachedContext = context
        return context
    }

    deinit {
        if let cachedContext { xmlXPathFreeContext(cachedContext) }
        xmlFreeDoc(pointer)
    }
}

/// What parsing produced: the tree and what was learnt on the way.
struct ParsedDocument {
    var storage: DocumentStorage
    var charset: DocumentCharset
    var diagnostics: [MarkupDiagnostic]
    var droppedDiagnostics: Int
    /// libxml2's verdict: no error it had to recover from.
    var isWellFormed: Bool
}

/// Collects libxml2's structured errors for one parse.
final class DiagnosticCollector {
    private(set) var diagnostics: [MarkupDiagnostic] = []
    private(set) var dropped = 0
    /// libxml2 met a byte sequence that is not valid in the encoding it was reading
    /// (including NUL), counted whether or not the diagnostic itself was kept.
    private(set) var sawCharacterError = false

    func record(_ error: xmlErrorPtr) {
        let code = error.pointee.code
        if code == Int32(XML_ERR_INVALID_CHAR.rawValue) || code == Int32(XML_ERR_INVALID_ENCODING.rawValue) {
            sawCharacterError = true
        }
        guard diagnostics.count < MarkupLimits.maximumDiagnostics else {
            dropped += 1
            return
        }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown parser error"
        while message.last == "\n" { message.removeLast() }
        diagnostics.append(MarkupDiagnostic(kind: .parser, message: message, line: Int(error.pointee.line),
                                            code: Int(error.pointee.code)))
    }

    func note(_ diagnostic: MarkupDiagnostic) {
        diagnostics.insert(diagnostic, at: 0)
    }
}

/// One-time libxml2 set-up, safe to call from any thread.
enum MarkupLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeOnce() {
        _ = initialized
    }
}

enum MarkupKind {
    case html, xml
}

/// Turns bytes into a tree: picks the character set, converts what libxml2 should not
/// see (NUL bytes, UTF-16, Windows-1252), parses with network, DTD loading and entity
/// substitution off, and enforces ``MarkupLimits``.
enum DocumentParser {
    static func parse(_ input: UnsafeBufferPointer<UInt8>, kind: MarkupKind) throws(MarkupError) -> ParsedDocument {
        guard input.count <= MarkupLimits.maximumInputBytes else {
            throw MarkupError(.inputTooLarge,
                              "document is \(input.count) bytes; the limit is \(MarkupLimits.maximumInputBytes)")
        }
        MarkupLibrary.initializeOnce()

        var bytes = input
        var charset = DocumentCharset(name: "UTF-8", source: .defaultUTF8)
        var notes: [MarkupDiagnostic] = []

        if let mark = CharsetSniffer.byteOrderMark(bytes) {
            bytes = UnsafeBufferPointer(rebasing: bytes[mark.length...])
            switch mark {
            case .utf8:
                charset = DocumentCharset(name: "UTF-8", source: .byteOrderMark)
            case .utf16LittleEndian, .utf16BigEndian:
                let name = mark == .utf16BigEndian ? "UTF-16BE" : "UTF-16LE"
                let converted = Transcoding.utf16ToUTF8(bytes, bigEndian: mark == .utf16BigEndian)
                return try converted.withUnsafeBufferPointer { utf8 throws(MarkupError) in
                    try parseConverted(utf8, kind: kind, charset: DocumentCharset(name: name, source: .byteOrderMark),
                                       notes: notes)
                }
            }
        } else if let label = kind == .xml ? CharsetSniffer.xmlDeclaration(bytes) : CharsetSniffer.htmlMeta(bytes) {
            charset = DocumentCharset(name: CharsetSniffer.canonicalName(label), source: .declaration)
        }

        switch charset.name {
        case "UTF-8":
            return try parseUTF8(bytes, kind: kind, charset: charset, notes: &notes)
        case "windows-1252":
            let converted = Transcoding.windows1252ToUTF8(bytes)
            return try converted.withUnsafeBufferPointer { utf8 throws(MarkupError) in
                try parseConverted(utf8, kind: kind, charset: charset, notes: notes)
            }
        case "UTF-16LE", "UTF-16BE":
            let converted = Transcoding.utf16ToUTF8(bytes, bigEndian: charset.name == "UTF-16BE")
            return try converted.withUnsafeBufferPointer { utf8 throws(MarkupError) in
                try parseConverted(utf8, kind: kind, charset: charset, notes: notes)
            }
        default:
            return try parseLegacy(bytes, kind: kind, charset: charset)
        }
    }

    /// UTF-8 as declared or assumed: used as it is when valid; repaired when it is
    /// UTF-8 with a few bad sequences; read as Windows-1252 when it is not UTF-8 at all.
    ///
    /// The bytes are handed to libxml2 first; only when it reports a character it
    /// could not read are they surveyed (and, if need be, repaired and parsed again), so
    /// valid pages cost a single pass.
    private static func parseUTF8(_ bytes: UnsafeBufferPointer<UInt8>, kind: MarkupKind, charset: DocumentCharset,
                                  notes: inout [MarkupDiagnostic]) throws(MarkupError) -> ParsedDocument {
        let first = attempt(bytes, kind: kind, encoding: "UTF-8")
        if let first, !first.collector.sawCharacterError {
            return try first.finish(charset: charset, notes: notes)
        }
        let survey = Transcoding.survey(bytes)
        if survey.isValid && survey.nulBytes == 0 {
            guard let first else {
                throw MarkupError(.unparseableDocument, "no document could be built from the input")
            }
            return try first.finish(charset: charset, notes: notes)
        }
        if survey.nulBytes > 0 {
            notes.append(MarkupDiagnostic(kind: .encoding,
                                          message: "\(survey.nulBytes) NUL byte(s) replaced with U+FFFD", line: 0))
        }
        if survey.isValid || survey.invalidSequences * 20 <= survey.multibyteSequences {
            if !survey.isValid {
                notes.append(MarkupDiagnostic(
                    kind: .encoding,
                    message: "\(survey.invalidSequences) invalid UTF-8 sequence(s) replaced with U+FFFD", line: 0))
            }
            let repaired = Transcoding.repairUTF8(bytes)
            return try repaired.withUnsafeBufferPointer { utf8 throws(MarkupError) in
                try parseConverted(utf8, kind: kind, charset: charset, notes: notes)
            }
        }
        let said = charset.source == .declaration ? "declared UTF-8" : "no charset declared"
        notes.append(MarkupDiagnostic(kind: .encoding,
                                      message: "\(said), but the bytes are not UTF-8; read as windows-1252", line: 0))
        let converted = Transcoding.windows1252ToUTF8(bytes)
        return try converted.withUnsafeBufferPointer { utf8 throws(MarkupError) in
            try parseConverted(utf8, kind: kind, charset: DocumentCharset(name: "windows-1252", source: .fallback),
                               notes: notes)
        }
    }

    /// A legacy multibyte charset (Shift_JIS, GBK, …) is converted by libxml2. When the
    /// bytes do not convert, or the tree comes out nearly empty, the page is read again
    /// as UTF-8 (if the bytes are valid UTF-8) or Windows-1252, and that is noted.
    private static func parseLegacy(_ bytes: UnsafeBufferPointer<UInt8>, kind: MarkupKind,
                                    charset: DocumentCharset) throws(MarkupError) -> ParsedDocument {
        var declared: Attempt?
        // A handler for a charset libxml2 reaches through iconv is the caller's to close
        // (the close leaves built-in ones alone): each page in such a charset leaked the
        // handler and its two iconv descriptors, some 65 KB (found by fuzzing under
        // LeakSanitizer).
        guard let handler = xmlFindCharEncodingHandler(charset.name) else {
            return try fallbackParse(bytes, kind: kind, charset: charset, declared: nil, failed: true)
        }
        xmlCharEncCloseFunc(handler)
        var hasNUL = false
        for byte in bytes where byte == 0 {
            hasNUL = true
            break
        }
        if hasNUL {
            let cleaned = Transcoding.replacingNUL(bytes)
            declared = cleaned.withUnsafeBufferPointer { attempt($0, kind: kind, encoding: charset.name) }
        } else {
            declared = attempt(bytes, kind: kind, encoding: charset.name)
        }

        let failed = declared == nil || declared!.conversionFailures > 0
        let nearlyEmpty = bytes.count >= 1024 && (declared?.elements ?? 0) * 200 < bytes.count
        if let declared, !failed && !nearlyEmpty {
            return try declared.finish(charset: charset, notes: [])
        }

        return try fallbackParse(bytes, kind: kind, charset: charset, declared: declared, failed: failed)
    }

    private static func fallbackParse(_ bytes: UnsafeBufferPointer<UInt8>, kind: MarkupKind, charset: DocumentCharset,
                                      declared: Attempt?, failed: Bool) throws(MarkupError) -> ParsedDocument {
        let survey = Transcoding.survey(bytes)
        let fallbackName = survey.isValid || survey.invalidSequences * 20 <= survey.multibyteSequences
            ? "UTF-8" : "windows-1252"
        let converted = fallbackName == "UTF-8" ? Transcoding.repairUTF8(bytes) : Transcoding.windows1252ToUTF8(bytes)
        let fallback = converted.withUnsafeBufferPointer { attempt($0, kind: kind, encoding: "UTF-8") }
        if let declared, !failed, (fallback?.elements ?? 0) <= declared.elements {
            // Nearly empty, but reading it another way finds no more: keep the declaration.
            return try declared.finish(charset: charset, notes: [])
        }
        guard let fallback else {
            throw MarkupError(.unparseableDocument, "no document could be built in \(charset.name) or \(fallbackName)")
        }
        let reason = declared == nil ? "is not a character set this system converts"
            : failed ? "does not fit the bytes" : "leaves the document nearly empty"
        let note = MarkupDiagnostic(kind: .encoding,
                                    message: "declared charset \(charset.name) \(reason); read as \(fallbackName)",
                                    line: 0)
        return try fallback.finish(charset: DocumentCharset(name: fallbackName, source: .fallback), notes: [note])
    }

    private static func parseConverted(_ utf8: UnsafeBufferPointer<UInt8>, kind: MarkupKind, charset: DocumentCharset,
                                       notes: [MarkupDiagnostic]) throws(MarkupError) -> ParsedDocument {
        guard let result = attempt(utf8, kind: kind, encoding: "UTF-8") else {
            throw MarkupError(.unparseableDocument, "no document could be built from the input")
        }
        return try result.finish(charset: charset, notes: notes)
    }

    /// One libxml2 parse and what it saw. Frees the tree unless ``finish`` takes it.
    final class Attempt {
        let document: xmlDocPtr
        let isHTML: Bool
        let collector: DiagnosticCollector
        let elements: Int
        let conversionFailures: Int
        let limitHit: Int32
        let limitLine: Int
        let isWellFormed: Bool
        private var taken = false

        init(document: xmlDocPtr, isHTML: Bool, collector: DiagnosticCollector, state: esim_parse_state,
             wellFormed: Bool) {
            self.isWellFormed = wellFormed
            self.document = document
            self.isHTML = isHTML
            self.collector = collector
            self.elements = state.elements
            self.conversionFailures = Int(state.genericErrors)
            self.limitHit = state.limitHit
            self.limitLine = Int(state.limitLine)
        }

        deinit {
            if !taken { xmlFreeDoc(document) }
        }

        func finish(charset: DocumentCharset, notes: [MarkupDiagnostic]) throws(MarkupError) -> ParsedDocument {
            switch limitHit {
            case 1:
                let limit = isHTML ? MarkupLimits.maximumDepth : MarkupLimits.maximumXMLDepth
                throw MarkupError(.tooDeep, "elements nest deeper than \(limit)", line: limitLine)
            case 2:
                throw MarkupError(.tooManyElements, "the document has more than \(MarkupLimits.maximumElementCount) elements",
                                  line: limitLine)
            default:
                break
            }
            if !isHTML && esim_has_declared_entities(document) != 0 {
                EntityNeutralizer.run(document)
            }
            taken = true
            return ParsedDocument(storage: DocumentStorage(pointer: document, isHTML: isHTML), charset: charset,
                                  diagnostics: notes + collector.diagnostics, droppedDiagnostics: collector.dropped,
                                  isWellFormed: isWellFormed)
        }
    }

    /// Parses `bytes` in `encoding` (the document's own declaration ignored).
    private static func attempt(_ bytes: UnsafeBufferPointer<UInt8>, kind: MarkupKind, encoding: String) -> Attempt? {
        let collector = DiagnosticCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }

        var state = esim_parse_state()
        // XML is parsed without XML_PARSE_HUGE (which would also switch off libxml2's
        // entity-amplification checks), so its own 256-level cap applies; ours stops first.
        state.depthLimit = Int32(kind == .html ? MarkupLimits.maximumDepth : MarkupLimits.maximumXMLDepth)
        state.elementLimit = MarkupLimits.maximumElementCount
        state.collector = unmanaged.toOpaque()

        let isHTML = kind == .html
        guard let context = isHTML ? htmlNewParserCtxt() : xmlNewParserCtxt() else { return nil }
        defer { isHTML ? htmlFreeParserCtxt(context) : xmlFreeParserCtxt(context) }

        return withUnsafeMutablePointer(to: &state) { statePointer -> Attempt? in
            if let sax = context.pointee.sax {
                // libxml2 hands errors to `serror` only for SAX2-initialised handlers; the
                // HTML handler starts as SAX1. The HTML parser reads the field for nothing else.
                sax.pointee.initialized = UInt32(XML_SAX2_MAGIC)
                sax.pointee.serror = { userData, error in
                    guard let userData, let error else { return }
                    let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
                    guard let state = parser.pointee._private?.assumingMemoryBound(to: esim_parse_state.self),
                          let collector = state.pointee.collector else { return }
                    Unmanaged<DiagnosticCollector>.fromOpaque(collector).takeUnretainedValue().record(error)
                }
            }
            esim_install_limits(context, statePointer)

            var savedFunction: xmlGenericErrorFunc?
            var savedContext: UnsafeMutableRawPointer?
            esim_begin_quiet(statePointer, &savedFunction, &savedContext)
            defer { esim_end_quiet(savedFunction, savedContext) }

            // Never the network, never a DTD, never entity substitution. For HTML (which has
            // no user-defined entities) XML_PARSE_HUGE lifts libxml2's 10 MB text-node and
            // 256-level caps, which would silently drop the rest of a page; the element
            // callbacks enforce MarkupLimits instead. XML keeps libxml2's caps, and with them
            // its defences against entity amplification (billion laughs in attributes).
            let huge = Int32(XML_PARSE_HUGE.rawValue)
            let document: xmlDocPtr? = bytes.withMemoryRebound(to: CChar.self) { chars in
                let base = chars.baseAddress ?? UnsafePointer(bitPattern: 1)
                if isHTML {
                    let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
                        | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue
                        | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue) | huge
                    return htmlCtxtReadMemory(context, base, Int32(chars.count), nil, encoding, options)
                }
                let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                    | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_COMPACT.rawValue
                    | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
                return xmlCtxtReadMemory(context, base, Int32(chars.count), nil, encoding, options)
            }
            guard let document else { return nil }
            return Attempt(document: document, isHTML: isHTML, collector: collector, state: statePointer.pointee,
                           wellFormed: context.pointee.wellFormed != 0)
        }
    }
}

/// Replaces every reference to a document-declared entity with the literal text
/// `&name;`, in content and in attribute values. libxml2 keeps such references as
/// nodes and expands them whenever text is read (XPath `string()` included), which is
/// how a billion-laughs document explodes; after this pass nothing can expand them.
enum EntityNeutralizer {
    static func run(_ document: xmlDocPtr) {
        var stack: [xmlNodePtr] = []
        var child = document.pointee.children
        while let node = child {
            stack.append(node)
            child = node.pointee.next
        }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ENTITY_REF_NODE {
                replace(node, in: document)
                continue
            }
            if node.pointee.type == XML_ELEMENT_NODE {
                var attribute = node.pointee.properties
                while let current = attribute {
                    var value = current.pointee.children
                    while let part = value {
                        let next = part.pointee.next
                        if part.pointee.type == XML_ENTITY_REF_NODE { replace(part, in: document) }
                        value = next
                    }
                    attribute = current.pointee.next
                }
            }
            if node.pointee.type == XML_ENTITY_DECL || node.pointee.type == XML_DTD_NODE { continue }
            var next = node.pointee.children
            while let current = next {
                stack.append(current)
                next = current.pointee.next
            }
        }
    }

    private static func replace(_ reference: xmlNodePtr, in document: xmlDocPtr) {
        let name = reference.pointee.name.map { String(cString: $0) } ?? ""
        guard let text = xmlNewDocText(document, "&\(name);") else { return }
        xmlReplaceNode(reference, text)
        xmlFreeNode(reference)
    }
}
