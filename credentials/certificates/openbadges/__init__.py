"""Open Badges 3.0 credentials for certificates of completion: portable, signed, revocable.

Each certificate can be handed out as an OpenBadgeCredential (a W3C Verifiable Credential),
secured twice over: as a VC-JWT signed with Ed25519 (EdDSA) and with an embedded
DataIntegrityProof (eddsa-rdfc-2022). Its credentialStatus points into a Bitstring Status List
that this site serves and signs the same way, so anyone can check it without asking us.

Layout: `encoding`, `statuslist` and `builder` are pure functions over plain data; `contexts`,
`signing` and `verify` add the cryptography and JSON-LD; `keys` keeps the signing keys on disk;
`services`, `selectors` and `views` connect them to certificates.
"""
