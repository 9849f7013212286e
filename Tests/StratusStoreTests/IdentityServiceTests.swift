import Testing

/// The identity use cases over a real SQLiteStore. One nested suite per
/// concern, each in its own file (`IdentityServiceTests+<Concern>.swift`).
@Suite enum IdentityServiceTests {}
