/// A decoding error in words, with the JSON path of what did not fit (`$.items[3].status.containerStatuses[0].restartCount`),
/// control characters from the input shown escaped.
public enum DecodingErrorText {
    /// `$.items[3].status…restartCount is not a Int: …`.
    public static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            text = "\(path(context)) is not a \(type): \(context.debugDescription)"
        case DecodingError.valueNotFound(let type, let context):
            text = "\(path(context)) is missing a \(type)"
        case DecodingError.keyNotFound(let key, let context):
            text = "\(path(context)).\(key.stringValue) is missing"
        case DecodingError.dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            text = "\(path(context)): \(context.debugDescription)\(underlying)"
        default:
            text = "\(error)"
        }
        return escaped(text)
    }

    /// `$.items[3].metadata`.
    public static func path(_ context: DecodingError.Context) -> String {
        "$" + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// Control characters shown as `\x1b`, so input echoed into an error cannot drive the terminal.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\n" || (0x7F...0x9F).contains(scalar.value) {
                out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
