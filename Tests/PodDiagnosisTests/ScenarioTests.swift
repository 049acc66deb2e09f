import Foundation
import KubeModel
import PodDiagnosis
import Testing

/// Every scenario folder: the engine must name the expected root cause, container, evidence and fix.
@Suite("Diagnosis scenarios")
struct ScenarioTests {
    @Test(arguments: Scenario.names())
    func scenario(_ name: String) throws {
        let scenario = try Scenario(folder: (Scenario.root as NSString).appendingPathComponent(name))
        let report = try #require(scenario.diagnose(), "pod \(scenario.expected.pod.name) is not in objects.json")
        let expected = scenario.expected
        if let status = expected.status { #expect(report.status == status) }
        if let restarts = expected.restarts { #expect(report.restarts == restarts) }
        let summary = report.findings.map { "\($0.cause.rawValue)[\($0.severity.rawValue)]\($0.container.map { "/" + $0 } ?? "")" }.joined(separator: ", ")
        if expected.healthy == true {
            #expect(!report.isFailing, "a healthy pod got critical findings: \(summary)")
        }
        if let first = expected.findings0 {
            let finding = try #require(report.findings.first, "no finding; expected \(first.cause)")
            #expect(finding.cause.rawValue == first.cause, "findings: \(summary)")
            if let container = first.container { #expect(finding.container == container, "findings: \(summary)") }
            let evidence = finding.evidence.map { "\($0.ref) \($0.text)" }.joined(separator: "\n")
            for fragment in first.evidence_contains ?? [] {
                #expect(evidence.contains(fragment), "evidence lacks \"\(fragment)\":\n\(evidence)")
            }
            let fix = ([finding.fix.summary] + finding.fix.commands + [finding.fix.yaml ?? ""]).joined(separator: "\n")
            for fragment in first.fix_contains ?? [] {
                #expect(fix.contains(fragment), "fix lacks \"\(fragment)\":\n\(fix)")
            }
            for fragment in first.fix_not_contains ?? [] {
                #expect(!fix.contains(fragment), "fix proposes \"\(fragment)\":\n\(fix)")
            }
            if let severity = first.severity { #expect(finding.severity.rawValue == severity, "findings: \(summary)") }
        }
        let causes = Set(report.findings.map(\.cause.rawValue))
        for cause in expected.also_causes ?? [] { #expect(causes.contains(cause), "missing \(cause) in: \(summary)") }
        for cause in expected.not_causes ?? [] { #expect(!causes.contains(cause), "unexpected \(cause) in: \(summary)") }
    }

    /// The verdict is a function of the pod's history and the moment: the same objects judged at the
    /// capture time, 5 minutes, 2 hours and 3 days later give the verdicts `expected.json` states.
    @Test(arguments: Scenario.names())
    func timeSweep(_ name: String) throws {
        let scenario = try Scenario(folder: (Scenario.root as NSString).appendingPathComponent(name))
        let sweep = try #require(scenario.expected.sweep, "\(name): expected.json has no sweep")
        for (offset, seconds) in Scenario.sweepOffsets {
            let expected = try #require(sweep[offset], "\(name): sweep lacks \(offset)")
            let report = try #require(scenario.diagnose(after: seconds))
            let verdict = report.verdict?.rawValue ?? "healthy"
            let summary = report.findings.map { "\($0.cause.rawValue)[\($0.severity.rawValue)]" }.joined(separator: ", ")
            #expect(verdict == expected, "\(name) at \(offset): \(verdict), expected \(expected) (\(summary))")
        }
    }

    /// Info findings (hygiene) never stand first when a warning or critical one exists.
    @Test func infoNeverStandsFirst() throws {
        for scenario in Scenario.all() {
            for (_, seconds) in Scenario.sweepOffsets {
                let report = try #require(scenario.diagnose(after: seconds))
                guard let first = report.findings.first else { continue }
                if report.findings.contains(where: { $0.severity > .info }) {
                    #expect(first.severity > .info, "\(scenario): \(report.findings.map(\.cause.rawValue))")
                }
            }
        }
    }

    @Test func sameInputSameOutputByteForByte() throws {
        for scenario in Scenario.all() {
            let first = ReportJSON.encode(DiagnosisReport(pods: [try #require(scenario.diagnose())]))
            let second = ReportJSON.encode(DiagnosisReport(pods: [try #require(scenario.diagnose())]))
            #expect(first == second, "\(scenario)")
            // The ordered writer's output is valid JSON that decodes back into the same report.
            let decoded = try JSONDecoder().decode(DiagnosisReport.self, from: Data(first.utf8))
            #expect(decoded.pods.first == scenario.diagnose(), "\(scenario)")
        }
    }

    @Test func jsonKeysFollowTheContractOrder() throws {
        let scenario = try #require(Scenario.all().first { $0.expected.findings0 != nil })
        let text = ReportJSON.encode(DiagnosisReport(pods: [try #require(scenario.diagnose())]))
        let keys = ["\"apiVersion\"", "\"pods\"", "\"namespace\"", "\"name\"", "\"status\"", "\"restarts\"", "\"findings\"",
                    "\"cause\"", "\"severity\"", "\"confidence\"", "\"title\"", "\"explanation\"", "\"evidence\"", "\"fix\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test func everyCauseIdHasAScenario() {
        let covered = Set(Scenario.all().compactMap { $0.expected.findings0?.cause } + Scenario.all().flatMap { $0.expected.also_causes ?? [] })
        let missing = Cause.known.map(\.rawValue).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "causes without a scenario: \(missing.joined(separator: ", "))")
    }
}

/// Pods of one workload that fail the same way give one workload finding.
@Suite("Workload grouping")
struct WorkloadTests {
    @Test func samecauseOnSeveralPodsIsOneWorkloadFinding() throws {
        let scenarios = Scenario.all().filter { ($0.expected.workload?.pods ?? 0) > 1 }
        #expect(!scenarios.isEmpty)
        for scenario in scenarios {
            let workload = try #require(scenario.expected.workload)
            let evidence = scenario.objects.pods.filter { $0.metadata.namespace == scenario.expected.pod.namespace }
                .map { scenario.objects.evidence(for: $0, now: scenario.now) }
            let report = DiagnosisEngine.diagnose(evidence)
            let groups = report.workloads ?? []
            guard let group = groups.first(where: { $0.owner.name == workload.name }) else {
                Issue.record("\(scenario): no workload finding; got \(groups.map { "\($0.owner.name)/\($0.finding.cause.rawValue)" }) from \(report.pods.map { "\($0.name):\($0.owner?.name ?? "-"):\($0.findings.first?.cause.rawValue ?? "-")" })")
                continue
            }
            #expect(group.owner.kind == workload.kind)
            #expect(group.pods.count == workload.pods, "\(scenario)")
            #expect(group.finding.cause.rawValue == scenario.expected.findings0?.cause)
            #expect(group.finding.title.hasPrefix("\(workload.pods) pods of"))
        }
    }
}
