#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address as its bytes (IPv4 as 4 bytes), parsed with `inet_pton`.
struct IPAddress: Equatable, Hashable, Sendable {
    let bytes: [UInt8]

    /// Parses a textual address (IPv6 without brackets); `nil` when it is not one.
    init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // An IPv4-mapped IPv6 address compares as IPv4, as Go does.
            if raw[0..<10].allSatisfy({ $0 == 0 }) && raw[10] == 0xff && raw[11] == 0xff {
                bytes = Array(raw[12..<16])
            } else {
                bytes = raw
            }
            return
        }
        return nil
    }

    /// Whether this is 127.0.0.0/8 or ::1.
    var isLoopback: Bool {
        if bytes.count == 4 { return bytes[0] == 127 }
        return bytes == [UInt8](repeating: 0, count: 15) + [1]
    }
}

/// An address range in CIDR notation, e.g. `10.0.0.0/8` or `fd00::/8`.
struct CIDR: Sendable {
    let network: IPAddress
    let prefixLength: Int

    /// Parses `address/length`; `nil` when it is not CIDR notation.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let length = Int(parts[1]),
              length >= 0, length <= address.bytes.count * 8
        else { return nil }
        network = address
        prefixLength = length
    }

    /// Whether `address` lies inside the range.
    func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, network.bytes) where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xff : ~(0xff >> UInt8(bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }
}
