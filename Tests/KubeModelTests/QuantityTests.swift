import Foundation
import Testing
import KubeModel

@Suite("Quantity")
struct QuantityTests {
    @Test(arguments: [
        // binary suffixes
        ("1Ki", Int128(1024) * 1_000_000_000),
        ("1Mi", Int128(1_048_576) * 1_000_000_000),
        ("1Gi", Int128(1_073_741_824) * 1_000_000_000),
        ("1Ti", Int128(1_099_511_627_776) * 1_000_000_000),
        ("1Pi", Int128(1_125_899_906_842_624) * 1_000_000_000),
        ("1Ei", Int128(1_152_921_504_606_846_976) * 1_000_000_000),
        ("1.5Gi", Int128(1_610_612_736) * 1_000_000_000),
        // decimal suffixes
        ("1n", 1),
        ("1u", 1000),
        ("1m", 1_000_000),
        ("1", 1_000_000_000),
        ("1k", 1_000_000_000_000),
        ("1M", 1_000_000_000_000_000),
        ("1G", 1_000_000_000_000_000_000),
        ("1T", Int128(1_000_000_000_000) * 1_000_000_000),
        ("1P", Int128(1_000_000_000_000_000) * 1_000_000_000),
        ("1E", Int128(1_000_000_000_000_000_000) * 1_000_000_000),
        ("8E", Int128(8_000_000_000_000_000_000) * 1_000_000_000),
        // exponents, signs, decimals
        ("1e3", 1_000_000_000_000),
        ("12E6", 12_000_000_000_000_000),
        ("1.5e-3", 1_500_000),
        ("5e+2", 500_000_000_000),
        ("-2", -2_000_000_000),
        ("+250m", 250_000_000),
        ("0.5", 500_000_000),
        (".5", 500_000_000),
        ("2.", 2_000_000_000),
        ("0", 0),
        ("00100m", 100_000_000),
        // finer than a nano-unit rounds up, as Kubernetes does
        ("0.1n", 1),
        ("1.0000000001", 1_000_000_001),
        ("-0.1n", -1),
    ] as [(String, Int128)])
    func parsesEverySuffix(text: String, nanos: Int128) {
        let quantity = Quantity(text)
        #expect(quantity.isValid, "\(text)")
        #expect(quantity.nanoValue == nanos, "\(text)")
        #expect(quantity.string == text)
    }

    @Test func formats() {
        #expect(Quantity("1Gi").format == .binarySI)
        #expect(Quantity("500m").format == .decimalSI)
        #expect(Quantity("12E6").format == .decimalExponent)
        #expect(Quantity("3E").format == .decimalSI)
    }

    @Test(arguments: ["", " ", "abc", "1.2.3", "1Gb", "1 Gi", "Gi", "-", ".", "1e", "1e+", "1ki", "1KiB", "1mi", "--1", "1e3m", "∞"])
    func invalidTextKeepsItsText(text: String) throws {
        let quantity = Quantity(text)
        #expect(!quantity.isValid, "\(text)")
        #expect(quantity.string == text)
        #expect(quantity.nanoValue == 0)
        // Round trip keeps the text.
        let decoded = try JSONDecoder().decode(Quantity.self, from: try JSONEncoder().encode(quantity))
        #expect(decoded.string == text)
        #expect(!decoded.isValid)
    }

    @Test func invalidQuantityDoesNotFailThePod() throws {
        let pod = try Fixture.decode(Pod.self, json: #"""
            {"spec":{"containers":[{"name":"a","resources":{"limits":{"memory":"lots"},"requests":{"cpu":"100m"}}}]}}
            """#)
        let resources = try #require(pod.spec?.containers.first?.resources)
        #expect(resources.memoryLimit?.isValid == false)
        #expect(resources.memoryLimit?.string == "lots")
        #expect(resources.cpuRequest == "100m")
    }

    @Test func comparesExactly() {
        #expect(Quantity("1Gi") == Quantity("1073741824"))
        #expect(Quantity("1000m") == Quantity("1"))
        #expect(Quantity("0.5") == Quantity("500m"))
        #expect(Quantity("1k") == Quantity("1e3"))
        #expect(Quantity("1Mi") == Quantity("1024Ki"))
        #expect(Quantity("1M") != Quantity("1Mi"))
        #expect(Quantity("1n") < Quantity("2n"))
        #expect(Quantity("999999999n") < Quantity("1"))
        #expect(Quantity("1Ei") > Quantity("1E"))
        #expect(Quantity("8Ei") > Quantity("9E"))  // 9.22e18 > 9e18
        #expect(Quantity("-1") < Quantity("0"))
        #expect(Quantity("128Mi") < Quantity("256Mi"))
        #expect(Quantity("100m") < Quantity("0.2"))
        // Equal values hash alike.
        #expect(Set([Quantity("1Gi"), Quantity("1073741824"), Quantity("1024Mi")]).count == 1)
        // Invalid text equals only itself and orders first.
        #expect(Quantity("x") == Quantity("x"))
        #expect(Quantity("x") != Quantity("0"))
        #expect(Quantity("x") < Quantity("-1E"))
        #expect([Quantity("2"), Quantity("bad"), Quantity("1")].sorted().map(\.string) == ["bad", "1", "2"])
    }

    @Test func arithmetic() {
        #expect((Quantity("128Mi") + Quantity("128Mi")).string == "256Mi")
        #expect((Quantity("100m") + Quantity("1")).string == "1100m")
        #expect((Quantity("1Gi") - Quantity("512Mi")).string == "512Mi")
        #expect((Quantity("1") - Quantity("1500m")).string == "-500m")
        #expect(Quantity("256Mi").multiplied(by: 1.5).string == "384Mi")
        #expect((Quantity("500m") * 1.3).string == "650m")
        #expect((Quantity("2") * 1.25).string == "2500m")
        #expect(Quantity("100Mi").multiplied(by: 1.2) == Quantity("125829120"))
        #expect((-Quantity("1Gi")).string == "-1Gi")
        var total = Quantity.zero
        for request in ["100m", "250m", "1"] { total += Quantity(request) }
        #expect(total == Quantity("1350m"))
        #expect(total.milliValue == 1350)
        // Sums saturate instead of trapping.
        let huge = Quantity(nanoValue: .max)
        #expect((huge + Quantity("1")).nanoValue == .max)
    }

    @Test func conversions() {
        #expect(Quantity("256Mi").bytes == 268_435_456)
        #expect(Quantity("250m").cores == 0.25)
        #expect(Quantity("1.5").doubleValue == 1.5)
        #expect(Quantity("250m").milliValue == 250)
        #expect(Quantity("1n").milliValue == 1)  // rounds up like Go's MilliValue
        #expect(Quantity("1500m").value == 2)
        #expect(Quantity("2Gi").value == 2_147_483_648)
        #expect(Quantity("100E").value == Int64.max)  // clamped
        #expect(Quantity("bad").isZero)
    }

    @Test func canonicalFormatting() {
        #expect(Quantity.formatBinary(bytes: 268_435_456) == "256Mi")
        #expect(Quantity.formatBinary(bytes: 1.5 * 1_073_741_824) == "1536Mi")
        #expect(Quantity.formatBinary(bytes: 2 * 1_073_741_824) == "2Gi")
        #expect(Quantity.formatBinary(bytes: 300_000_000) == "287Mi")
        #expect(Quantity.formatBinary(bytes: 268_435_456 * 1.2) == "308Mi")
        #expect(Quantity.formatBinary(bytes: 1536) == "2Ki")  // rounded up to whole Ki
        #expect(Quantity.formatBinary(bytes: 3000) == "3Ki")
        #expect(Quantity.formatBinary(bytes: 100) == "100")
        #expect(Quantity(1_610_612_736, format: .binarySI).string == "1536Mi")
        #expect(Quantity(1_073_741_825, format: .binarySI).string == "1073741825")
        #expect(Quantity.formatCPU(cores: 0.25) == "250m")
        #expect(Quantity.formatCPU(cores: 2) == "2")
        #expect(Quantity.formatCPU(cores: 1.5) == "1500m")
        #expect(Quantity.formatCPU(cores: 0.1 + 0.2) == "300m")  // floating-point noise does not add a millicore
        #expect(Quantity.formatCPU(cores: 0.0001) == "1m")
        #expect(Quantity.formatCPU(millicores: 2000) == "2")
        #expect(Quantity(bytes: 268_435_456).string == "256Mi")
        #expect(Quantity(cores: 0.5) == Quantity("500m"))
        #expect(Quantity(512, format: .binarySI).string == "512")
        #expect(Quantity(2048, format: .binarySI).string == "2Ki")
        #expect(Quantity(nanoValue: 1_000, format: .decimalSI).string == "1u")
        #expect(Quantity(nanoValue: 12_000_000_000_000_000, format: .decimalExponent).string == "12e6")
        #expect(Quantity(nanoValue: 5, format: .binarySI).string == "5n")
        #expect(Quantity(nanoValue: Int128(3_000_000_000_000_000_000) * 1_000_000_000, format: .decimalSI).string == "3E")
    }

    @Test func decodesFromStringsAndNumbers() throws {
        let decoded = try Fixture.decode([String: Quantity].self, json: #"{"a":"1Gi","b":2,"c":0.5,"d":1e3,"e":"bad"}"#)
        #expect(decoded["a"] == Quantity("1Gi"))
        #expect(decoded["b"] == Quantity("2"))
        #expect(decoded["c"] == Quantity("500m"))
        #expect(decoded["d"] == Quantity("1k"))
        #expect(decoded["e"]?.isValid == false)
        // In a keyed field (the fast path) too.
        let requirements = try Fixture.decode(ResourceRequirements.self, json: #"{"limits":{"cpu":2,"memory":"64Mi"}}"#)
        #expect(requirements.cpuLimit == Quantity("2000m"))
        #expect(requirements.memoryLimit?.string == "64Mi")
        let emptyDir = try Fixture.decode(EmptyDirVolumeSource.self, json: #"{"sizeLimit":1024}"#)
        #expect(emptyDir.sizeLimit == Quantity("1Ki"))
    }

    @Test func encodesTheOriginalText() throws {
        let quantities: [String: Quantity] = ["memory": "1.5Gi", "cpu": "0.25", "x": "12E6"]
        let text = String(decoding: try Fixture.encode(quantities), as: UTF8.self)
        #expect(text == #"{"cpu":"0.25","memory":"1.5Gi","x":"12E6"}"#)
    }
}
