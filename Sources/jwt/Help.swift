// `jwt --help` and `jwt <command> --help`.

enum Help {
    static let tool = """
    jwt — verify and inspect JSON Web Tokens with PureJWT (pure Swift, no C)

    usage: jwt <command> [options]

    commands:
      verify       verify a JWT's signature and claims; print its payload
      jws-verify   verify a JWS signature only; print the payload bytes
      decode       show a token's header and payload WITHOUT verifying
      jwks         list the keys of a JWKS (or single JWK) file or URL
      pem          convert a JWK to PEM (SPKI, or PKCS#1 with --pkcs1)
      thumbprint   RFC 7638 SHA-256 thumbprint of a JWK
      demo         walk through the shipped Cognito sample (no network, no setup)

    exit codes: 0 success; 1 rejected ("error: CODE: message" on stderr); 2 usage error.
    Run `jwt <command> --help` for a command's options.
    """

    static let commands: [String: String] = [
        "verify": """
        usage: jwt verify [--jwks FILE|URL]... [--jwk FILE] [--secret-file FILE] [--discover] [--user-pool POOL_ID] [--issuer ISS]...
                          [--audience AUD]... [--client-id ID]... [--token-use id|access] [--group G]...
                          [--scope S]... [--typ T]... [--alg ALG]... [--now UNIX_SECONDS] [--leeway SECONDS] TOKEN|-

        Verifies signature and claims; on success prints the payload JSON exactly as decoded.
          --jwks FILE|URL   key set (repeatable; URLs must be https, or http to a loopback host)
          --jwk FILE        a single JWK (a kty "oct" JWK is an HMAC secret, for HS256/384/512)
          --secret-file F   an HMAC secret: the file's bytes exactly (no kid; needs --alg HS256/384/512)
          --user-pool ID    Cognito pool (e.g. us-east-1_AbC123xyz): sets the issuers and, without
                            --jwks/--jwk, fetches https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json
          --client-id ID    Cognito app client: checked against aud (ID tokens) or client_id (access tokens);
                            repeatable; when omitted the client is NOT checked
          --token-use T     id or access (default: either, and token_use must still be one of them)
          --discover        OpenID Connect Discovery: keys from the one --issuer's configuration (jwks_uri)
          --group G         any-of check on cognito:groups (Cognito only); fails with insufficient-scope
          --scope S         any-of check on scope (space-separated); fails with insufficient-scope
          --typ T           expected typ header, compared as a media type (generic tokens; e.g. at+jwt)
          --issuer, --audience   expected iss / aud (generic tokens; unchecked when omitted)
          --alg ALG         allowed algorithms (RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384,
                            HS512, ES256, ES384, ES512, EdDSA; default RS256; replaces the default)
          --now SECONDS     judge time at this Unix time instead of the system clock
          --leeway SECONDS  clock skew tolerance for exp/nbf (default 0)
        """,
        "jws-verify": """
        usage: jwt jws-verify (--jwk FILE | --jwks FILE | --secret-file FILE) [--alg ALG]... TOKEN|-

        Verifies the signature only (JWK use, key_ops and alg honoured) and prints the payload bytes exactly.
        """,
        "decode": """
        usage: jwt decode TOKEN|-

        Prints the header and payload, pretty-printed, marked UNVERIFIED. Nothing is checked.
        """,
        "jwks": """
        usage: jwt jwks FILE|URL

        Lists each key: kid, kty, alg, use, bits, thumbprint; keys of unsupported types are listed as such.
        A local file of HMAC secrets (kty "oct") is listed with each key's length — never the secret.
        """,
        "pem": """
        usage: jwt pem FILE [--kid KID] [--pkcs1]

        Prints the key as PEM: SubjectPublicKeyInfo ("PUBLIC KEY") or, with --pkcs1, "RSA PUBLIC KEY".
        A key set with several keys needs --kid.
        """,
        "thumbprint": """
        usage: jwt thumbprint FILE [--kid KID]

        Prints the RFC 7638 SHA-256 thumbprint, base64url.
        """,
        "demo": """
        usage: jwt demo

        Verifies the shipped Cognito access and ID tokens (Vectors/cognito) at their fixed time, then shows
        three attacks being rejected: an expired token, a tampered signature, and alg "none".
        """,
    ]
}
