/// Base64 (RFC 4648 §4, with `=` padding), for FHIR `base64Binary` (an Attachment's `data`):
/// careplan's daily notes travel in a DocumentReference as text/plain attachments. Written
/// here because the export targets do not link Foundation.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    package static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let n = bytes.count - i
            let b0 = UInt32(bytes[i]), b1 = n > 1 ? UInt32(bytes[i + 1]) : 0, b2 = n > 2 ? UInt32(bytes[i + 2]) : 0
            let v = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(v >> 18 & 63)])
            out.append(alphabet[Int(v >> 12 & 63)])
            out.append(n > 1 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(n > 2 ? alphabet[Int(v & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-8 text `s` encodes, or nil when `s` is not Base64 or not UTF-8. White space
    /// (which MIME line breaks put in) is skipped.
    package static func decodeText(_ s: String) -> String? {
        var values: [UInt8] = []
        var padding = 0
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): guard padding == 0 else { return nil }; values.append(c - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): guard padding == 0 else { return nil }; values.append(c - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): guard padding == 0 else { return nil }; values.append(c - 48 + 52)
            case UInt8(ascii: "+"): guard padding == 0 else { return nil }; values.append(62)
            case UInt8(ascii: "/"): guard padding == 0 else { return nil }; values.append(63)
            case UInt8(ascii: "="): padding += 1
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
            default: return nil
            }
        }
        guard padding <= 2, (values.count + padding) % 4 == 0, values.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            var v: UInt32 = 0
            for (k, x) in chunk.enumerated() { v |= UInt32(x) << UInt32(18 - 6 * k) }
            bytes.append(UInt8(v >> 16 & 255))
            if chunk.count > 2 { bytes.append(UInt8(v >> 8 & 255)) }
            if chunk.count > 3 { bytes.append(UInt8(v & 255)) }
            i += 4
        }
        var it = bytes.makeIterator()
        var out = ""
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u): out.unicodeScalars.append(u)
            case .emptyInput: return out
            case .error: return nil
            }
        }
    }
}
