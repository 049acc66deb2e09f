/// Go's `time.Duration` text (`1h2m3.5s`, `500ms`), as the kubelet writes it in messages and
/// kubectl takes it in flags.
public enum GoDuration {
    /// The seconds `text` spells (units `h`, `m`, `s`, `ms`; an empty text is zero), or nil when it
    /// is not a duration: a sign, another unit, or a number without its unit.
    public static func seconds(_ text: some StringProtocol) -> Double? {
        var total = 0.0
        var number = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            let unit: Double
            if rest.hasPrefix("ms") { unit = 0.001; rest = rest.dropFirst(2) }
            else if character == "s" { unit = 1; rest = rest.dropFirst() }
            else if character == "m" { unit = 60; rest = rest.dropFirst() }
            else if character == "h" { unit = 3600; rest = rest.dropFirst() }
            else { return nil }
            guard let value = Double(number) else { return nil }
            total += value * unit
            number = ""
        }
        guard number.isEmpty, total.isFinite else { return nil }
        return total
    }
}
