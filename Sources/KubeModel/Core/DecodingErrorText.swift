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
        return TerminalText.escaped(text)
    }

    /// `$.items[3].metadata`.
    public static func path(_ context: DecodingError.Context) -> String {
        "$" + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
