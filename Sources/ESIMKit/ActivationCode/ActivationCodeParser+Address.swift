extension ActivationCodeParser {
    /// The longest host name DNS carries (RFC 1035 §2.3.4), without a trailing dot.
    static let maximumHostNameLength = 253
    /// The longest DNS label (RFC 1035 §2.3.4).
    static let maximumLabelLength = 63

    /// Field 2. SGP.22 calls it an FQDN: LDH labels, at least two of them. IP literals and
    /// ports work on real devices, so they are warnings; everything else is an error.
    mutating func checkAddress(_ range: Range<Int>) throws(ActivationCodeError) {
        guard !range.isEmpty else {
            throw error(.emptyAddress, "the SM-DP+ address is empty", at: range.lowerBound)
        }
        // One pass: a scheme or a path ends the check at once, in reading order; colons,
        // dots and non-numeric characters are noted for the structure checks below.
        var firstColon = -1
        var secondColon = -1
        var firstDot = -1
        var firstNonNumeric = -1
        for index in range {
            let byte = bytes[index]
            if ASCII.isDigit(byte) { continue }
            if byte == ASCII.dot {
                if firstDot < 0 { firstDot = index }
                continue
            }
            if firstNonNumeric < 0 { firstNonNumeric = index }
            if ASCII.isLetter(byte) || byte == ASCII.hyphen { continue }
            switch byte {
            case ASCII.colon:
                if index + 2 < range.upperBound && bytes[index + 1] == ASCII.slash && bytes[index + 2] == ASCII.slash {
                    throw error(.addressHasScheme,
                                "the SM-DP+ address is a URL; write only the host name, without 'https://'",
                                at: range.lowerBound)
                }
                if firstColon < 0 { firstColon = index } else if secondColon < 0 { secondColon = index }
            case ASCII.slash, 0x3F, 0x23, 0x5C: // / ? # \
                throw error(.addressHasPath,
                            "the SM-DP+ address has a path or query after the host (\(ASCII.describe(byte)))",
                            at: index)
            default:
                continue
            }
        }

        var hostEnd = range.upperBound
        if bytes[range.lowerBound] == 0x5B { // [IPv6]
            var close = range.lowerBound + 1
            while close < range.upperBound, bytes[close] != 0x5D { close += 1 }
            guard close < range.upperBound else {
                throw error(.invalidIPAddress, "the IPv6 address has no closing ']'", at: range.lowerBound)
            }
            try checkIPv6(range.lowerBound + 1..<close)
            var portColon: Int?
            if close + 1 < range.upperBound {
                guard bytes[close + 1] == ASCII.colon else {
                    throw error(.invalidAddressCharacter,
                                "unexpected \(ASCII.describe(bytes[close + 1])) after the IPv6 address",
                                at: close + 1)
                }
                try checkPort(close + 2..<range.upperBound)
                portColon = close + 1
            }
            try warnAddress(ipLiteralAt: range.lowerBound, portAt: portColon)
            return
        }

        if secondColon >= 0 {
            throw error(.invalidIPAddress,
                        "the SM-DP+ address has more than one ':'; an IPv6 address must be in brackets",
                        at: secondColon)
        }
        let colon: Int? = firstColon >= 0 ? firstColon : nil
        if let colon {
            hostEnd = colon
            guard colon > range.lowerBound else {
                throw error(.emptyAddress, "the SM-DP+ address has a port but no host", at: range.lowerBound)
            }
        }
        let host = range.lowerBound..<hostEnd
        let numericOnly = firstNonNumeric < 0 || firstNonNumeric >= hostEnd
        let hasDot = firstDot >= 0 && firstDot < hostEnd
        let isIPv4 = numericOnly && hasDot
        if isIPv4 {
            try checkIPv4(host)
        } else {
            try checkHostName(host)
        }
        if let colon { try checkPort(colon + 1..<range.upperBound) }
        try warnAddress(ipLiteralAt: isIPv4 ? range.lowerBound : nil, portAt: colon)
    }

    /// The address deviations phones accept, in reading order.
    mutating func warnAddress(ipLiteralAt: Int?, portAt: Int?) throws(ActivationCodeError) {
        if let ipLiteralAt {
            try warn(.ipAddressLiteral, "the SM-DP+ address is an IP address; SGP.22 expects a host name",
                     at: ipLiteralAt)
        }
        if let portAt {
            try warn(.portInAddress,
                     "the SM-DP+ address has a port; SGP.22 expects a bare host name (port 443 is implied)",
                     at: portAt)
        }
    }

    func checkHostName(_ host: Range<Int>) throws(ActivationCodeError) {
        var labelStart = host.lowerBound
        var labelCount = 0
        var index = host.lowerBound
        while index <= host.upperBound {
            if index == host.upperBound || bytes[index] == ASCII.dot {
                let length = index - labelStart
                if length == 0 {
                    throw error(.emptyAddressLabel,
                                "the SM-DP+ address has an empty label (a leading, trailing or doubled '.')",
                                at: index < host.upperBound ? index : index - 1)
                }
                if length > Self.maximumLabelLength {
                    throw error(.addressLabelTooLong,
                                "an SM-DP+ address label is \(length) characters; DNS allows \(Self.maximumLabelLength)",
                                at: labelStart + Self.maximumLabelLength)
                }
                if bytes[labelStart] == ASCII.hyphen || bytes[index - 1] == ASCII.hyphen {
                    let at = bytes[labelStart] == ASCII.hyphen ? labelStart : index - 1
                    throw error(.addressLabelHyphen,
                                "an SM-DP+ address label begins or ends with '-'", at: at)
                }
                labelCount += 1
                labelStart = index + 1
            } else if !ASCII.isLDH(bytes[index]) {
                throw error(.invalidAddressCharacter,
                            "the SM-DP+ address contains \(ASCII.describe(bytes[index])); host names use only letters, digits, '-' and '.'",
                            at: index)
            }
            index += 1
        }
        if host.count > Self.maximumHostNameLength {
            throw error(.addressTooLong,
                        "the SM-DP+ address is \(host.count) characters; DNS allows \(Self.maximumHostNameLength)",
                        at: host.lowerBound + Self.maximumHostNameLength)
        }
        if labelCount == 1 {
            throw error(.singleLabelAddress,
                        "the SM-DP+ address is a single label; it must be a fully qualified domain name such as smdp.example.com",
                        at: host.lowerBound)
        }
        // The last label started after the last dot; an all-digit top-level label is not a host name.
        var lastLabel = host.upperBound
        while lastLabel > host.lowerBound, bytes[lastLabel - 1] != ASCII.dot { lastLabel -= 1 }
        var allDigits = true
        for index in lastLabel..<host.upperBound where !ASCII.isDigit(bytes[index]) {
            allDigits = false
            break
        }
        if allDigits {
            throw error(.numericTopLevelLabel,
                        "the SM-DP+ address ends in a numeric label, which is neither a host name nor an IPv4 address",
                        at: lastLabel)
        }
    }

    func checkIPv4(_ host: Range<Int>) throws(ActivationCodeError) {
        var octets = 0
        var start = host.lowerBound
        var index = host.lowerBound
        while index <= host.upperBound {
            if index == host.upperBound || bytes[index] == ASCII.dot {
                let length = index - start
                var value = 0
                for digit in start..<min(index, start + 4) { value = value * 10 + Int(bytes[digit] - ASCII.zero) }
                if length == 0 || length > 3 || value > 255 || (length > 1 && bytes[start] == ASCII.zero) {
                    throw error(.invalidIPAddress,
                                "the SM-DP+ address is numeric but not an IPv4 address (four numbers 0-255)",
                                at: start)
                }
                octets += 1
                start = index + 1
            }
            index += 1
        }
        if octets != 4 {
            throw error(.invalidIPAddress,
                        "the SM-DP+ address is numeric but not an IPv4 address (four numbers 0-255)",
                        at: host.lowerBound)
        }
    }

    /// RFC 4291 §2.2 text form: up to eight groups of 1-4 hex digits, one `::` at most,
    /// optionally ending in an IPv4 address.
    func checkIPv6(_ inner: Range<Int>) throws(ActivationCodeError) {
        func invalid(_ at: Int) -> ActivationCodeError {
            error(.invalidIPAddress, "the text in brackets is not an IPv6 address", at: at)
        }
        guard inner.count >= 2 else { throw invalid(inner.lowerBound) }
        var groups = 0
        var sawDoubleColon = false
        var index = inner.lowerBound
        if bytes[index] == ASCII.colon {
            guard bytes[index + 1] == ASCII.colon else { throw invalid(index) }
            sawDoubleColon = true
            index += 2
        }
        while index < inner.upperBound {
            let groupStart = index
            var hasDot = false
            while index < inner.upperBound, bytes[index] != ASCII.colon {
                if bytes[index] == ASCII.dot { hasDot = true }
                else if !ASCII.isHexDigit(bytes[index]) { throw invalid(index) }
                index += 1
            }
            if hasDot {
                guard index == inner.upperBound else { throw invalid(groupStart) }
                try checkIPv4(groupStart..<index)
                groups += 2
                break
            }
            let length = index - groupStart
            guard length >= 1, length <= 4 else { throw invalid(groupStart) }
            groups += 1
            if index < inner.upperBound { // at a ':'
                index += 1
                if index < inner.upperBound, bytes[index] == ASCII.colon {
                    guard !sawDoubleColon else { throw invalid(index) }
                    sawDoubleColon = true
                    index += 1
                } else if index == inner.upperBound {
                    throw invalid(index - 1)
                }
            }
        }
        guard sawDoubleColon ? groups <= 7 : groups == 8 else { throw invalid(inner.lowerBound) }
    }

    func checkPort(_ range: Range<Int>) throws(ActivationCodeError) {
        var value = 0
        for index in range {
            guard ASCII.isDigit(bytes[index]) else {
                throw error(.invalidPort,
                            "the port after ':' contains \(ASCII.describe(bytes[index])); it must be a number 1-65535",
                            at: index)
            }
            value = min(value * 10 + Int(bytes[index] - ASCII.zero), 100_000)
        }
        guard !range.isEmpty, value >= 1, value <= 65535 else {
            throw error(.invalidPort, "the port after ':' must be a number 1-65535", at: max(range.lowerBound - 1, 0))
        }
    }
}
