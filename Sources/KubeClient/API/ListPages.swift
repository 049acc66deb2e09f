import Foundation
import KubeModel

/// One page of a paged list.
public struct ListPage<Item: Codable & Sendable & Equatable>: Sendable {
    /// The page as served (items, `continue`, `resourceVersion`).
    public var list: ObjectList<Item>
    /// Whether the list started over (after its continue token expired): drop what earlier pages gave.
    public var restarted: Bool
}

/// The pages of a list, fetched one at a time with `limit`/`continue`.
///
/// When a continue token expires (410 `Expired`), the list starts over from the first page and
/// marks that page ``ListPage/restarted``; it gives up after three restarts.
public struct ListPages<Item: Codable & Sendable & Equatable>: AsyncSequence, Sendable {
    /// A page.
    public typealias Element = ListPage<Item>

    let client: KubernetesClient
    let path: String
    let options: ListOptions
    let accept: String
    /// Whether the next page is requested before the caller asks for it.
    var readAhead = true

    /// The most times a list starts over before the 410 is thrown.
    static var maxRestarts: Int { 3 }

    /// Iterates over the pages. The next page is requested as soon as this page's continue token is
    /// known (in protobuf, before its items decode), so it downloads while this one decodes and the
    /// caller works on it.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: ListPages
        var token: String?
        var finished = false
        var restarts = 0
        var restartPending = false
        var ahead: PageAhead?

        /// The next page, or `nil` after the last.
        public mutating func next() async throws -> ListPage<Item>? {
            guard !finished else { return nil }
            while true {
                try Task.checkCancellation()
                let response: HTTPResponse
                if let ahead {
                    self.ahead = nil
                    response = try await ahead.task.value
                } else {
                    response = try await pages.client.send(request(token))
                }
                if response.status == 410, token != nil, restarts < ListPages.maxRestarts {
                    // The snapshot expired: start again from the first page.
                    restarts += 1
                    token = nil
                    restartPending = true
                    continue
                }
                if pages.readAhead, response.isSuccess, let early = ListPeek.continueToken(response) {
                    ahead = PageAhead(pages.client, request(early))
                }
                let list = try pages.client.decode(ObjectList<Item>.self, from: response)
                token = list.metadata.continue.flatMap { $0.isEmpty ? nil : $0 }
                finished = token == nil
                if pages.readAhead, ahead == nil, let token { ahead = PageAhead(pages.client, request(token)) }
                defer { restartPending = false }
                return ListPage(list: list, restarted: restartPending)
            }
        }

        private func request(_ token: String?) -> HTTPRequest {
            var query = pages.options.query
            if pages.options.limit > 0 { query.append(("limit", String(pages.options.limit))) }
            if let token { query.append(("continue", token)) }
            return pages.client.request(path: pages.path, query: query, headers: ["Accept": pages.accept])
        }
    }

    /// The request of the next page, in flight; cancelled when the iteration is dropped.
    final class PageAhead: Sendable {
        let task: Task<HTTPResponse, any Error>
        init(_ client: KubernetesClient, _ request: HTTPRequest) {
            task = Task { try await client.send(request) }
        }
        deinit { task.cancel() }
    }

    /// Makes an iterator starting at the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self)
    }
}
