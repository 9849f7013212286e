/// This build's version: `stratus --version`, the start summary, backup manifests.
/// Raised with each landed issue (the minor number is the issue count so far).
public enum StratusVersion {
    public static let current = "0.16.0"
}
