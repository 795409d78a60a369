// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "esimtool",
    products: [
        .library(name: "ESIMKit", targets: ["ESIMKit"]),
        .library(name: "ESIMMarkup", targets: ["ESIMMarkup"]),
        .library(name: "ESIMStore", targets: ["ESIMStore"]),
        .executable(name: "esimtool", targets: ["esimtool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // What the other modules share and nothing outside the package needs (`package`
        // access): System/ (files, directories, processes, per-thread caches, the clock,
        // on swift-system) and JSON/ (the value, parser, JSON paths, the one encoder). The
        // only module besides ESIMStore's SQLite binding that makes system calls.
        .target(
            name: "ESIMSupport",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")]
        ),
        // The system libxml2, found through pkg-config. Only ESIMMarkup imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ESIMMarkup",
            dependencies: ["ESIMSupport", "CLibXML2"]
        ),
        // The system libyaml, found through pkg-config. Only ESIMYAML imports it.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // YAML texts as nodes with line and column (carrier specs, alert rules): libyaml's
        // events composed straight into Swift values, with limits on depth and aliases.
        .target(
            name: "ESIMYAML",
            dependencies: ["ESIMSupport", "CLibYAML"]
        ),
        // The domain: value types, decoders, carrier specs. Reads markup only through
        // ESIMMarkup; the repository's Specs/ are compiled in (Carriers/BuiltInSpecs links
        // to them), so the tool needs nothing beside its binary.
        .target(
            name: "ESIMKit",
            dependencies: [
                "ESIMSupport",
                "ESIMMarkup",
                "ESIMYAML",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            resources: [.embedInCode("Carriers/BuiltInSpecs"), .embedInCode("AccountPages/Generic/Languages"),
                        .embedInCode("Carriers/ProviderTable/serviceproviders.table"),
                        .embedInCode("Carriers/SpecNodes/builtin-specs.nodes")]
        ),
        // The system SQLite. Only ESIMStore imports it.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Usage history on disk: snapshots kept in a versioned SQLite database.
        .target(
            name: "ESIMStore",
            dependencies: ["ESIMKit", "ESIMSupport", "CSQLite"]
        ),
        .executableTarget(
            name: "esimtool",
            dependencies: [
                "ESIMSupport",
                "ESIMKit",
                "ESIMStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),
        // Records the commit a build is made from, for `esimtool --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // The C baseline the markup benchmark compares ESIMMarkup with: the same
        // parsing and queries written against libxml2 directly.
        .target(
            name: "CMarkupBaseline",
            dependencies: ["CLibXML2"]
        ),
        // Throughput benchmarks; run with `swift run -c release esimtool-bench --help`.
        .executableTarget(
            name: "esimtool-bench",
            dependencies: ["ESIMKit", "ESIMSupport", "ESIMMarkup", "ESIMYAML", "CMarkupBaseline", .product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        .testTarget(name: "ESIMSupportTests", dependencies: ["ESIMSupport"]),
        .testTarget(name: "ESIMMarkupTests", dependencies: ["ESIMMarkup"]),
        .testTarget(name: "ESIMYAMLTests", dependencies: ["ESIMYAML", "ESIMSupport"]),
        .testTarget(name: "ESIMKitTests", dependencies: ["ESIMKit", "ESIMSupport"]),
        .testTarget(name: "ESIMStoreTests", dependencies: ["ESIMStore", "ESIMKit"]),
        .testTarget(
            name: "esimtoolTests",
            dependencies: [
                "esimtool",
                "ESIMKit",
                "ESIMStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)

// libFuzzer harnesses, one per parser (Fuzz/, run with Scripts/fuzz): declared only when
// ESIMTOOL_FUZZ is set, so `swift build` and `swift test` never see them. The script
// passes the sanitizer flags; none sit in this manifest.
if Context.environment["ESIMTOOL_FUZZ"] != nil {
    package.targets += [
        // The declaration of libFuzzer's LLVMFuzzerRunDriver, which the harness's main calls.
        .systemLibrary(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .executableTarget(
            name: "esimtool-fuzz",
            dependencies: ["ESIMKit", "ESIMMarkup", "ESIMYAML", "ESIMSupport", "CFuzzerDriver"],
            path: "Fuzz/Harnesses"
        ),
    ]
}
