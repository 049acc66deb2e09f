import KubeModel

/// What PodDoctor keeps of a Secret, whichever way it was read: its metadata, never its data, and
/// not its annotations either (kubectl's last-applied-configuration can hold the whole Secret).
enum SecretMetadata {
    /// The metadata without annotations.
    static func kept(_ secret: PartialObjectMetadata) -> PartialObjectMetadata {
        var secret = secret
        secret.metadata.annotations = nil
        return secret
    }

    /// Why Secrets were not looked up in `namespace` when the role grants none (PodDoctor's default).
    static func notAllowed(in namespace: String) -> String {
        "reading Secrets is not allowed in namespace \(namespace) (PodDoctor's default role grants none): " +
            "findings about missing Secrets rest on the kubelet's messages"
    }
}
