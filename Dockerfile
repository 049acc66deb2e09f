# Multi-stage build: compile with the Swift toolchain, run on a slim image with libcurl.
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4-openssl-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Every target's folder must exist for the manifest to load, tests included.
COPY . .
RUN swift build -c release --product poddoctor --static-swift-stdlib \
 && cp "$(swift build -c release --show-bin-path)/poddoctor" /poddoctor

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libcurl4 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /poddoctor /usr/local/bin/poddoctor
USER 10001
ENTRYPOINT ["/usr/local/bin/poddoctor"]
CMD ["watch", "-A", "-o", "json", "--in-cluster"]
