import Foundation
import StratusCore
import Testing

@Suite struct CertificateReadersTests {
    static func certificate(_ id: String, project: String?) -> StoredCertificate {
        StoredCertificate(
            id: id, name: id, payload: [], payloadContentType: "text/plain", subject: "CN=x",
            notValidBefore: .distantPast, notValidAfter: .distantFuture, fingerprintSHA256: "", creatorUserID: "u",
            projectID: project, createdAt: .distantPast)
    }

    @Test func ownProjectAndSharedOnly() {
        let readers = CertificateReaders(projectID: "P1", sharedIDs: ["trusted"])
        #expect(readers.canRead(Self.certificate("mine", project: "P1")))
        #expect(!readers.canRead(Self.certificate("theirs", project: "P2")))
        #expect(readers.canRead(Self.certificate("trusted", project: "P2")))
        // No project (an unscoped token) reads nothing of anyone's, ownerless ones included.
        #expect(!CertificateReaders(projectID: nil, sharedIDs: []).canRead(Self.certificate("x", project: nil)))
    }
}
