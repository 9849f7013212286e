import Foundation

extension ImageService {
    /// `PUT /v2/images/{id}/file`: the image goes `queued → saving` (one writer
    /// wins), the data streams to the data store, counted and hashed, and the image
    /// becomes `active` only after the data is durable and committed. If the data
    /// breaks off, is too large or is refused, it is discarded and the image is
    /// `queued` again, ready for another attempt.
    ///
    /// `declaredSize` (Content-Length or `X-OpenStack-Image-Size`) lets an upload
    /// that cannot fit be refused before a byte is read.
    public func uploadImageData<Chunks: AsyncSequence>(
        _ caller: Caller, id: String, chunks: Chunks, declaredSize: Int64? = nil
    ) async throws where Chunks.Element == [UInt8] {
        let saving = try await withVersionRetry {
            let (image, membership) = try await visibleImage(id, caller)
            try authorize(.uploadImage, caller, image: image)
            let access = access(caller)
            try access.update(image, membership: membership).enforce()
            // Uploading brings an image in: the trust policy's `create` decides it.
            guard settings.trust.create.permits(access.viewer) else { throw ImageError.policyDenied("upload_image") }
            if let declaredSize, declaredSize > settings.sizeLimit { throw ImageDataDigest.tooLarge(settings.sizeLimit) }
            return try await markSaving(image, audit(caller, .uploadImage, id))
        }
        try await receive(saving, chunks: chunks, actor: AuditActor(caller))
    }

    func markSaving(_ image: Image, _ audit: StoreChange) async throws -> Image {
        var saving = image
        try saving.moveStatus(to: .saving)
        saving.updatedAt = clock.now()
        try await commit([.updateImage(saving), audit]) { detail in ImageError.conflict(detail) }
        saving.version += 1
        return saving
    }

    /// Streams data into a `saving` image and activates it. A declared signature is
    /// checked before a byte is read (certificate, key type, validity) and against
    /// the data before it is committed; either failure kills the image.
    func receive<Chunks: AsyncSequence>(
        _ image: Image, chunks: Chunks, actor: AuditActor, limit: Int64? = nil
    ) async throws where Chunks.Element == [UInt8] {
        let signature: DeclaredSignature?
        do {
            signature = try await declaredSignature(of: image)
        } catch let refusal as SignatureRefusal {
            try await kill(image.id, actor: actor)
            throw Self.signatureFailed(image.id, refusal)
        }
        let receipt: ImageDataReceipt
        do {
            receipt = try await data.write(
                imageID: image.id, chunks: chunks, limit: limit ?? settings.sizeLimit,
                signatureHash: signature?.prepared.hashMethod
            ) { receipt in
                guard let signature else { return }
                do throws(ImageSignatureFailure) {
                    try signature.prepared.verify(digest: receipt.signatureDigest ?? [])
                } catch {
                    throw SignatureRefusal(reason: error.message)
                }
            }
        } catch let refusal as SignatureRefusal {
            try await kill(image.id, actor: actor)
            throw Self.signatureFailed(image.id, refusal)
        } catch {
            // The client must hear why its upload failed; if the requeue fails too,
            // the image stays `saving` until `recoverInterruptedUploads` requeues it.
            try? await requeue(image.id, actor: actor)
            throw error
        }
        do {
            try await activate(image.id, receipt, verifiedBy: signature?.certificate, actor: actor)
        } catch {
            // The image did not become active (deleted meanwhile, or the write
            // failed): its data must not outlive the attempt. Should this delete
            // fail, the next start's recovery removes data no active image claims.
            try? await data.delete(imageID: image.id)
            throw error
        }
    }

    private func activate(
        _ id: String, _ receipt: ImageDataReceipt, verifiedBy certificate: StoredCertificate?, actor: AuditActor
    ) async throws {
        try await withVersionRetry {
            guard var image = try await store.image(id: id), image.status == .saving else {
                throw ImageError.conflict(
                    "Image \(id) could not be found after upload. The image may have been deleted during the upload.")
            }
            image.size = receipt.size
            image.virtualSize = image.diskFormat == "raw" ? receipt.size : nil
            image.checksum = receipt.md5
            image.osHashAlgo = ImageProperties.hashAlgorithm
            image.osHashValue = receipt.sha512
            if let certificate {
                image.extraProperties[ImageLifecycleProperties.signatureVerified] = "true"
                image.extraProperties[ImageLifecycleProperties.signatureCertificateFingerprint] = certificate.fingerprintSHA256
            }
            try image.moveStatus(to: .active)
            image.updatedAt = clock.now()
            try await store.commit([.updateImage(image), audit(actor, "image:activate", id)])
        }
    }

    /// An upload that did not finish: `saving → queued`, unless the image moved on
    /// (deleted meanwhile).
    func requeue(_ id: String, actor: AuditActor) async throws {
        try await endSaving(id, as: .queued, actor: actor, action: "image:requeue")
    }

    /// Moves a `saving` image on (queued again, or killed); an image that already
    /// left `saving` is left as it is.
    func endSaving(_ id: String, as status: ImageStatus, actor: AuditActor, action: String) async throws {
        try await withVersionRetry {
            guard var image = try await store.image(id: id), image.status == .saving else { return }
            try image.moveStatus(to: status)
            image.updatedAt = clock.now()
            try await store.commit([.updateImage(image), audit(actor, action, id)])
        }
    }

    /// `GET /v2/images/{id}/file`: the image and its data, or no data (204) while
    /// the image has none.
    public func downloadImageData(_ caller: Caller, id: String) async throws -> (Image, ImageDataChunks?) {
        let (image, membership) = try await visibleImage(id, caller)
        try authorize(.downloadImage, caller, image: image)
        switch access(caller).download(image, membership: membership) {
        case .denied(let error): throw error
        case .noData: return (image, nil)
        case .allowed: return (image, try await data.read(imageID: id))
        }
    }
}
