// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PodDoctor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "poddoctor", targets: ["poddoctor"]),
        .library(name: "KubeModel", targets: ["KubeModel"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "PodDiagnosis", targets: ["PodDiagnosis"]),
        .library(name: "PodDoctor", targets: ["PodDoctor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.20.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            path: "Modules/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "KubeModel"),
        .target(
            name: "KubeClient",
            dependencies: [
                "CCurl", "KubeModel", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "PodDiagnosis", dependencies: ["KubeModel"]),
        .target(
            name: "PodDoctor",
            dependencies: [
                "KubeClient", "PodDiagnosis", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "poddoctor",
            dependencies: [
                "PodDoctor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Starts and drives the Python test API server; shared by the tests and the benchmarks.
        .target(name: "TestAPIServerHarness", dependencies: ["KubeClient"], path: "Tests/Harness"),
        .executableTarget(
            name: "transport-bench",
            dependencies: ["KubeClient", "TestAPIServerHarness"],
            path: "Benchmarks/TransportBenchmark"
        ),
        .executableTarget(
            name: "model-bench",
            dependencies: ["KubeClient", "KubeModel", "TestAPIServerHarness"],
            path: "Benchmarks/ModelBenchmark"
        ),
        .executableTarget(
            name: "scan-bench",
            dependencies: ["TestAPIServerHarness", "KubeClient"],
            path: "Benchmarks/ScanBenchmark"
        ),
        .executableTarget(
            name: "watch-bench",
            dependencies: ["TestAPIServerHarness", "KubeClient"],
            path: "Benchmarks/WatchBenchmark"
        ),
        .testTarget(name: "KubeModelTests", dependencies: ["KubeModel"]),
        .testTarget(name: "PodDiagnosisTests", dependencies: [
            "PodDiagnosis", "KubeModel", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(
            name: "PodDoctorTests",
            dependencies: [
                "PodDoctor", "PodDiagnosis", "KubeClient", "KubeModel", "TestAPIServerHarness",
                .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeModel", "TestAPIServerHarness"]),
    ],
    swiftLanguageModes: [.v6]
)
