// `import PureJWT` is the one import a user needs: the types its API hands out or takes — JWKSet
// and JWK (PureJWK), JSONValue and friends in claims (PureJSON), RSAPublicKey for PEM/DER keys
// (PureRSA), Ed25519PublicKey (PureEd25519) and ECPublicKey (PureEC), with their import initialisers
// in PureJWK — are
// re-exported.
@_exported import PureJSON
@_exported import PureJWK
@_exported import PureRSA
@_exported import PureEd25519
@_exported import PureEC
