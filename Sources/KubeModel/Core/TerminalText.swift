/// Text from a cluster or a file made safe to print: what could drive a terminal or reorder what
/// a reader sees is shown escaped, as kubectl's printers do.
public enum TerminalText {
    /// `text` with every control character (C0 but line breaks and tabs, DEL, C1) and every
    /// bidirectional override shown as `\x1b` / `\u{202e}`: what the cluster wrote stays text.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F, 0x80...0x9F: out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
