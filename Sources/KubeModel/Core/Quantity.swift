/// A Kubernetes resource quantity (`resource.Quantity`): `500m`, `128Mi`, `1.5Gi`, `1e3`, `12E6`, `-2`.
///
/// The text is kept exactly as decoded, so encoding gives it back unchanged. The value is held exactly
/// as a signed count of nano-units (10⁻⁹) in an `Int128`, the finest precision Kubernetes keeps (it
/// rounds anything finer up to `1n` too); the range, about ±1.7 × 10²⁰ units (170E), is wider than the
/// API server's own cap. Values beyond it are clamped.
///
/// Equality and ordering compare values: `1Gi == 1073741824`, `1000m == 1`, `0.5 == 500m`.
/// Text that is not a quantity still decodes (an object must not fail for one bad field): it keeps its
/// text, ``isValid`` is `false`, it equals only the same text and orders before every valid quantity.
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// How a quantity is written, which also picks the canonical form of computed results.
    public enum Format: String, Sendable, Hashable, Codable {
        /// Powers of 1024: `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei`.
        case binarySI
        /// Powers of 1000: `n`, `u`, `m`, no suffix, `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI
        /// Powers of ten written as exponents: `1e3`, `12E6`.
        case decimalExponent
    }

    /// The text, exactly as decoded or built.
    public let string: String
    /// The exact value in nano-units (10⁻⁹), `0` for invalid text.
    public let nanoValue: Int128
    /// Whether ``string`` is a valid quantity.
    public let isValid: Bool
    /// How ``string`` is written (`decimalSI` for invalid text).
    public let format: Format

    /// Parses a quantity; invalid text gives a quantity with ``isValid`` `false` that keeps the text.
    public init(_ string: String) {
        self.string = string
        if let (nanos, format) = QuantityParser.parse(string) {
            nanoValue = nanos
            isValid = true
            self.format = format
        } else {
            nanoValue = 0
            isValid = false
            format = .decimalSI
        }
    }

    /// Parses a quantity from a string literal.
    public init(stringLiteral value: String) { self.init(value) }

    /// A quantity of exactly `nanoValue` nano-units, written canonically in `format` (as Kubernetes
    /// would write it: `1536Mi`, `250m`, `2`).
    public init(nanoValue: Int128, format: Format = .decimalSI) {
        string = QuantityParser.canonical(nanos: nanoValue, format: format)
        self.nanoValue = nanoValue
        isValid = true
        self.format = format
    }

    /// A whole number of units (`bytes`, `cores`...) written canonically in `format`.
    public init(_ value: Int64, format: Format = .decimalSI) {
        self.init(nanoValue: Int128(value) * QuantityParser.nanosPerUnit, format: format)
    }

    /// A byte count rounded up for a suggestion (see ``formatBinary(bytes:)``): `256Mi`, `1536Mi`.
    public init(bytes: Double) { self.init(Quantity.formatBinary(bytes: bytes)) }

    /// A CPU amount rounded up to whole millicores (see ``formatCPU(cores:)``): `250m`, `2`.
    public init(cores: Double) { self.init(Quantity.formatCPU(cores: cores)) }

    /// Zero.
    public static let zero = Quantity(nanoValue: 0)

    // MARK: Codable

    /// Decodes from a JSON string, or from a JSON number as some tools write it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(text)
        } else if let integer = try? container.decode(Int64.self) {
            self.init(String(integer))
        } else {
            self.init(String(try container.decode(Double.self)))
        }
    }

    /// Encodes the original text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }

    /// The original text.
    public var description: String { string }

    // MARK: Values

    /// The value as a `Double` (bytes for memory, cores for CPU); `0` when invalid.
    public var doubleValue: Double { Double(nanoValue) / 1e9 }

    /// The value in bytes (for memory and storage quantities), as a `Double`.
    public var bytes: Double { doubleValue }

    /// The value in cores (for CPU quantities), as a `Double`.
    public var cores: Double { doubleValue }

    /// The value rounded up to a whole unit, clamped to `Int64` (Go's `Quantity.Value()`).
    public var value: Int64 { QuantityParser.clampedCeiling(nanoValue, divisor: QuantityParser.nanosPerUnit) }

    /// The value in thousandths rounded up, clamped to `Int64` (Go's `MilliValue()`): millicores for CPU.
    public var milliValue: Int64 { QuantityParser.clampedCeiling(nanoValue, divisor: 1_000_000) }

    /// Whether the value is zero (or the text invalid).
    public var isZero: Bool { nanoValue == 0 }

    // MARK: Arithmetic

    /// The exact sum, written canonically in the format of the left operand (clamped on overflow).
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(nanoValue: QuantityParser.saturatingAdd(lhs.nanoValue, rhs.nanoValue), format: lhs.resultFormat(rhs))
    }

    /// The exact difference, written canonically in the format of the left operand (clamped on overflow).
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(nanoValue: QuantityParser.saturatingAdd(lhs.nanoValue, -rhs.nanoValue), format: lhs.resultFormat(rhs))
    }

    /// Adds in place.
    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs = lhs + rhs }

    /// The negated value.
    public static prefix func - (operand: Quantity) -> Quantity {
        Quantity(nanoValue: operand.nanoValue == Int128.min ? Int128.max : -operand.nanoValue, format: operand.format)
    }

    /// The value scaled by `factor` (e.g. 1.5 × a memory limit), written canonically in the same format.
    /// Binary quantities of at least one unit are rounded up to a whole unit (bytes are whole); others
    /// are rounded to the nearest nano-unit.
    public func multiplied(by factor: Double) -> Quantity {
        let product = Double(nanoValue) * factor
        guard product.isFinite else { return Quantity(nanoValue: product < 0 ? .min : .max, format: format) }
        var nanos = QuantityParser.clamped(product.rounded())
        if format == .binarySI, abs(product) >= 1e9 {
            nanos = QuantityParser.clamped(QuantityParser.roundedUp(product / 1e9) * 1e9)
        }
        return Quantity(nanoValue: nanos, format: format)
    }

    /// The value scaled by `factor`.
    public static func * (lhs: Quantity, rhs: Double) -> Quantity { lhs.multiplied(by: rhs) }

    private func resultFormat(_ other: Quantity) -> Format {
        isValid || !other.isValid ? format : other.format
    }

    // MARK: Formatting

    /// A byte count as a binary quantity for a suggestion, rounded up to whole `Mi` from 1 MiB, to whole
    /// `Ki` from 1 KiB, else to whole bytes, then written canonically: 268435456 → `256Mi`,
    /// 1.5 GiB → `1536Mi`, 2 GiB → `2Gi`, 300000000 → `287Mi`.
    public static func formatBinary(bytes: Double) -> String {
        guard bytes.isFinite else { return bytes > 0 ? QuantityParser.canonical(nanos: .max, format: .binarySI) : "0" }
        let magnitude = abs(bytes)
        let unit: Double = magnitude >= 1_048_576 ? 1_048_576 : magnitude >= 1024 ? 1024 : 1
        let whole = QuantityParser.roundedUp(bytes / unit) * unit
        return QuantityParser.canonical(nanos: QuantityParser.clamped(whole * 1e9), format: .binarySI)
    }

    /// A CPU amount rounded up to whole millicores: `250m`, `1500m`, and whole cores without a suffix (`2`).
    public static func formatCPU(cores: Double) -> String {
        guard cores.isFinite else { return "0" }
        return formatCPU(millicores: Int64(clamping: QuantityParser.clamped(QuantityParser.roundedUp(cores * 1000))))
    }

    /// Millicores as a CPU quantity: `250m`, `1500m`, `2` (for 2000).
    public static func formatCPU(millicores: Int64) -> String {
        millicores % 1000 == 0 ? String(millicores / 1000) : "\(millicores)m"
    }

    // MARK: Equatable, Hashable, Comparable

    /// Compares values (`1Gi == 1073741824`); invalid quantities equal only the same text.
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.isValid == rhs.isValid && (lhs.isValid ? lhs.nanoValue == rhs.nanoValue : lhs.string == rhs.string)
    }

    /// Hashes the value (or the text of an invalid quantity).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(isValid)
        if isValid { hasher.combine(nanoValue) } else { hasher.combine(string) }
    }

    /// Orders by value; invalid quantities come first, by text.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool {
        switch (lhs.isValid, rhs.isValid) {
        case (true, true): return lhs.nanoValue < rhs.nanoValue
        case (false, false): return lhs.string < rhs.string
        case (let left, _): return !left
        }
    }
}

/// Parsing and canonical formatting of quantities, on UTF-8 bytes without Foundation.
enum QuantityParser {
    static let nanosPerUnit: Int128 = 1_000_000_000

    /// Parses `[+-]digits[.digits](suffix)`; `nil` when the text is not a quantity.
    static func parse(_ text: String) -> (Int128, Quantity.Format)? {
        var text = text
        return text.withUTF8 { bytes -> (Int128, Quantity.Format)? in
            let count = bytes.count
            var index = 0
            var negative = false
            if index < count, bytes[index] == 43 || bytes[index] == 45 {  // + -
                negative = bytes[index] == 45
                index += 1
            }
            var mantissa: Int128 = 0
            var exponent10 = 0
            var digits = 0
            var seenPoint = false
            var truncatedNonZero = false
            let limit = Int128.max / 10 - 9
            while index < count {
                let byte = bytes[index]
                if byte >= 48, byte <= 57 {
                    digits += 1
                    if mantissa <= limit {
                        mantissa = mantissa * 10 + Int128(byte - 48)
                        if seenPoint { exponent10 -= 1 }
                    } else {
                        // More than 37 significant digits: keep the magnitude, drop the precision.
                        if !seenPoint { exponent10 += 1 }
                        if byte != 48 { truncatedNonZero = true }
                    }
                } else if byte == 46, !seenPoint {  // .
                    seenPoint = true
                } else {
                    break
                }
                index += 1
            }
            guard digits > 0 else { return nil }

            // The suffix.
            var exponent2 = 0
            var format = Quantity.Format.decimalSI
            let remaining = count - index
            if remaining == 1 {
                switch bytes[index] {
                case 110: exponent10 -= 9  // n
                case 117: exponent10 -= 6  // u
                case 109: exponent10 -= 3  // m
                case 107: exponent10 += 3  // k
                case 77: exponent10 += 6  // M
                case 71: exponent10 += 9  // G
                case 84: exponent10 += 12  // T
                case 80: exponent10 += 15  // P
                case 69: exponent10 += 18  // E
                default: return nil
                }
            } else if remaining == 2, bytes[index + 1] == 105 {  // ?i
                switch bytes[index] {
                case 75: exponent2 = 10  // Ki
                case 77: exponent2 = 20  // Mi
                case 71: exponent2 = 30  // Gi
                case 84: exponent2 = 40  // Ti
                case 80: exponent2 = 50  // Pi
                case 69: exponent2 = 60  // Ei
                default: return nil
                }
                format = .binarySI
            } else if remaining >= 2, bytes[index] == 101 || bytes[index] == 69 {  // e E + exponent
                var position = index + 1
                var exponentNegative = false
                if bytes[position] == 43 || bytes[position] == 45 {
                    exponentNegative = bytes[position] == 45
                    position += 1
                }
                guard position < count else { return nil }
                var value = 0
                while position < count {
                    let byte = bytes[position]
                    guard byte >= 48, byte <= 57 else { return nil }
                    if value < 100_000 { value = value * 10 + Int(byte - 48) }
                    position += 1
                }
                exponent10 += exponentNegative ? -value : value
                format = .decimalExponent
            } else if remaining != 0 {
                return nil
            }

            // nanos = mantissa × 2^exponent2 × 10^(exponent10 + 9), rounded up (away from zero).
            var nanos = mantissa
            if nanos != 0 {
                for _ in 0..<(exponent2 / 10) { nanos = saturatingMultiply(nanos, 1024) }
                let power = exponent10 + 9
                if power > 0 {
                    nanos = power > 38 ? .max : saturatingMultiply(nanos, pow10(power))
                } else if power < 0 {
                    if -power > 38 {
                        nanos = 1
                    } else {
                        let divisor = pow10(-power)
                        let (quotient, remainder) = nanos.quotientAndRemainder(dividingBy: divisor)
                        nanos = remainder == 0 ? quotient : quotient + 1
                    }
                }
                if truncatedNonZero, nanos != .max { nanos += 1 }
            }
            return (negative ? -nanos : nanos, format)
        }
    }

    /// The canonical text of a value, as Kubernetes writes it.
    static func canonical(nanos: Int128, format: Quantity.Format) -> String {
        if nanos == 0 { return "0" }
        let sign = nanos < 0 ? "-" : ""
        var magnitude = nanos.magnitude
        if format == .binarySI, magnitude % 1_000_000_000 == 0, magnitude / 1_000_000_000 >= 1024 {
            var units = magnitude / 1_000_000_000
            var index = 0
            while index < 6, units % 1024 == 0 {
                units /= 1024
                index += 1
            }
            return sign + String(units) + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][index]
        }
        var exponent = -9
        while exponent < 18, magnitude % 1000 == 0 {
            magnitude /= 1000
            exponent += 3
        }
        if format == .decimalExponent {
            return sign + String(magnitude) + (exponent == 0 ? "" : "e\(exponent)")
        }
        let suffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"]
        return sign + String(magnitude) + suffixes[(exponent + 9) / 3]
    }

    static func pow10(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    static func saturatingMultiply(_ value: Int128, _ factor: Int128) -> Int128 {
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? ((value < 0) != (factor < 0) ? .min : .max) : result
    }

    static func saturatingAdd(_ lhs: Int128, _ rhs: Int128) -> Int128 {
        let (result, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? (lhs < 0 ? .min : .max) : result
    }

    /// A `Double` as an `Int128`, clamped.
    static func clamped(_ value: Double) -> Int128 {
        if value.isNaN { return 0 }
        if value >= 1.7e38 { return .max }
        if value <= -1.7e38 { return .min }
        return Int128(value)
    }

    /// Rounds up (away from zero), treating values within 10⁻⁹ (relative) of an integer as that integer,
    /// so that floating-point noise does not add a unit.
    static func roundedUp(_ value: Double) -> Double {
        let nearest = value.rounded()
        return abs(value - nearest) <= 1e-9 * max(1, abs(value)) ? nearest : value.rounded(.awayFromZero)
    }

    /// `value / divisor` rounded up (away from zero), clamped to `Int64`.
    static func clampedCeiling(_ value: Int128, divisor: Int128) -> Int64 {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        let rounded = remainder == 0 ? quotient : quotient + (value < 0 ? -1 : 1)
        return Int64(clamping: rounded)
    }
}
